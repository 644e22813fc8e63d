import { useTranslation } from 'react-i18next'
import type { ConnectionCheck } from '@shared/endpoint'

export function ConnectionResult({ check }: { check: ConnectionCheck }) {
  const { t } = useTranslation()
  const facts = [
    check.latencyMs > 0 ? t('endpoints.testResultLatency', { ms: Math.round(check.latencyMs) }) : null,
    check.status ? t('endpoints.testResultStatus', { status: check.status }) : null,
  ].filter(Boolean)
  return (
    <div
      className={`banner banner-block ${check.ok ? 'banner-success' : 'banner-error'}`}
      role="status"
      data-testid="endpoint-test-result"
      data-kind={check.kind}
    >
      <strong>{t(`endpoints.kinds.${check.kind}`)}</strong>
      {facts.length > 0 && <span className="muted"> · {facts.join(' · ')}</span>}
      {check.message && <div className="connection-message">{check.message}</div>}
    </div>
  )
}
