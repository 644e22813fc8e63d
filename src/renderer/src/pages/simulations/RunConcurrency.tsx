import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { ReplicaList } from '../../components/ReplicaList'

/**
 * Each base URL of the run's pooled or throttled endpoints: its effective concurrency (lowered by 429s, raised again by
 * answers) out of its maximum, the calls on it now, and whether it is taken out. Live with 'run.progress'.
 */
export function RunConcurrency({ run }: { run: RunSummary }) {
  const { t } = useTranslation()
  if (run.concurrency.length === 0) return null
  return (
    <section className="run-concurrency" aria-label={t('dashboard.concurrency')} data-testid="run-concurrency">
      <h3>{t('dashboard.concurrency')}</h3>
      {run.concurrency.map((endpoint) => (
        <div key={endpoint.endpointId} data-endpoint-id={endpoint.endpointId}>
          <p className="small">{endpoint.endpointName}</p>
          <ReplicaList replicas={endpoint.replicas} testId="run-replica" />
        </div>
      ))}
    </section>
  )
}
