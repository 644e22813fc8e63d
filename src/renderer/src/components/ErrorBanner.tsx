import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface ErrorBannerProps {
  children: ReactNode
  /** Buttons beside the message. */
  actions?: ReactNode
  /** Adds a "Retry" button that calls this (for a failed load). */
  onRetry?: () => void
  testId?: string
}

export function ErrorBanner({ children, actions, onRetry, testId }: ErrorBannerProps) {
  const { t } = useTranslation()
  return (
    <div className="banner banner-error" role="alert" data-testid={testId}>
      <div className="banner-text">{children}</div>
      {(actions || onRetry) && (
        <div className="banner-actions">
          {actions}
          {onRetry && (
            <button type="button" className="button" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
        </div>
      )}
    </div>
  )
}
