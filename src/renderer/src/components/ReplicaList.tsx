import { useTranslation } from 'react-i18next'
import type { ReplicaLiveView } from '@shared/endpoint'
import { formatNumber } from '../lib/format'

/** Base URLs of an endpoint now: requests at once of the maximum and calls in flight, or taken out. */
export function ReplicaList({
  replicas,
  testId,
  showUrl = true,
}: {
  replicas: ReplicaLiveView[]
  testId: string
  /** Off for a single base URL shown beside its endpoint already. */
  showUrl?: boolean
}) {
  const { t } = useTranslation()
  return (
    <ul className="error-kinds">
      {replicas.map((r) => (
        <li
          key={r.baseURL}
          data-testid={testId}
          data-state={r.state}
          data-effective={r.effectiveConcurrency}
          title={r.state === 'out' ? t('dashboard.replicaOutHint') : t('dashboard.concurrencyHint')}
        >
          {showUrl && <span className="mono">{r.baseURL}</span>}
          <strong>
            {r.state === 'out'
              ? t('dashboard.replicaOut')
              : t('dashboard.replicaConcurrency', {
                  effective: formatNumber(r.effectiveConcurrency),
                  max: formatNumber(r.maxConcurrency),
                  inFlight: formatNumber(r.inFlight),
                })}
          </strong>
        </li>
      ))}
    </ul>
  )
}
