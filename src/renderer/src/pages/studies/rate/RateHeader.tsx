import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** The rating view's header: the study's name, who rates, and the view's buttons. */
export function RateHeader({
  title,
  rater,
  onRename,
  children,
}: {
  title: string
  rater: string | null
  /** "Not you?" (desktop only; none while answers are still being saved). */
  onRename?: () => void
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <header className="page-header rate-header">
      <div className="page-title rate-title">
        <h1 data-testid="rate-title">{title}</h1>
        {rater && (
          <span className="muted" data-testid="rate-rater">
            {t('rate.as', { name: rater })}{' '}
            {onRename && (
              <button type="button" className="link-button" onClick={onRename} data-testid="rate-rename">
                {t('rate.notYou')}
              </button>
            )}
          </span>
        )}
      </div>
      {children && <div className="button-row">{children}</div>}
    </header>
  )
}
