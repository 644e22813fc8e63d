import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../lib/errors'
import { isModKey } from '../lib/keyboard'
import { ErrorBanner } from './ErrorBanner'
import { useNavigate } from './Navigation'

interface StartFormProps {
  className: string
  label: string
  testId: string
  /** False while starting is not possible (the submit button is disabled then). */
  canStart: boolean
  onStart: () => void
  children: ReactNode
}

/**
 * A form that starts something that costs money (a run, an arena, a judged analysis): Enter in a field does not start
 * it; Ctrl/Cmd+Enter does.
 */
export function StartForm({ className, label, testId, canStart, onStart, children }: StartFormProps) {
  return (
    <form
      className={className}
      onSubmit={(event) => {
        event.preventDefault()
        if (canStart) onStart()
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return
        if (isModKey(event)) {
          event.preventDefault()
          if (canStart) onStart()
        } else if (event.target instanceof HTMLInputElement) event.preventDefault()
      }}
      noValidate
      aria-label={label}
      data-testid={testId}
    >
      {children}
    </form>
  )
}

/** The top of a "new …" form: its title and introduction, and its buttons (reset, cancel, start). */
export function FormHeader({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <header className="detail-header">
      <div className="editor-title">
        <h2>{title}</h2>
        <p className="muted small">{intro}</p>
      </div>
      <div className="button-row">{children}</div>
    </header>
  )
}

/** A form's body while what it needs (defaults, templates) loads, or why that failed, with a retry. */
export function FormLoading({
  error,
  failedMessage,
  onRetry,
}: {
  error: unknown
  failedMessage: (message: string) => string
  onRetry: () => void
}) {
  const { t } = useTranslation()
  return (
    <div className="detail-body">
      {error != null ? (
        <ErrorBanner onRetry={onRetry}>{failedMessage(errorMessage(error))}</ErrorBanner>
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
    </div>
  )
}

/** No model endpoint saved yet: says so, with the way to Settings. */
export function NoEndpointBanner({
  text,
  testId,
  settingsTestId,
}: {
  text: string
  testId: string
  settingsTestId?: string
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <div className="banner banner-warning" role="status" data-testid={testId}>
      <div className="banner-text">{text}</div>
      <div className="banner-actions">
        <button type="button" className="button" onClick={() => navigate('settings')} data-testid={settingsTestId}>
          {t('runs.openSettings')}
        </button>
      </div>
    </div>
  )
}
