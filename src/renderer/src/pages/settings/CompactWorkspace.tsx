import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorMessage } from '../../lib/errors'
import { formatBytes } from '../../lib/format'

/** "Compact workspace": VACUUM, with the disk space it needs said before and a busy state while it runs. */
export function CompactWorkspace() {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ before: number; after: number; seconds: number } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const compact = () => {
    setBusy(true)
    setError(null)
    setResult(null)
    api.compactWorkspace({}).then(
      (r) => (setResult(r), setBusy(false)),
      (e) => (setError(e), setBusy(false)),
    )
  }
  return (
    <div className="settings-compact" data-testid="settings-compact">
      <h3>{t('about.compactTitle')}</h3>
      <p className="muted">{t('about.compactHelp')}</p>
      <p className="muted">
        <strong>{t('about.compactWarning')}</strong>
      </p>
      <button
        type="button"
        className="button"
        onClick={compact}
        disabled={busy}
        aria-busy={busy}
        data-testid="settings-compact-button"
      >
        {busy ? t('about.compacting') : t('about.compact')}
      </button>
      {result && (
        <p role="status" data-testid="settings-compact-result">
          {t('about.compacted', {
            before: formatBytes(result.before),
            after: formatBytes(result.after),
            seconds: result.seconds.toFixed(1),
          })}
        </p>
      )}
      {error != null && <ErrorBanner>{t('about.compactFailed', { message: errorMessage(error) })}</ErrorBanner>}
    </div>
  )
}
