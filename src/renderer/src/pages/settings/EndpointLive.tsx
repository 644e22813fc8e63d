import { useTranslation } from 'react-i18next'
import type { EndpointLiveView } from '@shared/endpoint'
import { ReplicaList } from '../../components/ReplicaList'

/**
 * An endpoint as this workbench process calls it now: down (with its last error), and each base URL's requests at
 * once (lowered after rate limits, raised again by answers) out of its maximum, with the calls on it.
 */
export function EndpointLive({ live }: { live: EndpointLiveView }) {
  const { t } = useTranslation()
  return (
    <div className="endpoint-live small" data-testid="endpoint-live" data-state={live.state}>
      <span className="muted" title={t('endpoints.liveHint')}>
        {t('endpoints.live')}
      </span>
      {live.state === 'down' && (
        <span className="badge badge-danger" data-testid="endpoint-live-down">
          {t('endpoints.liveDown', { error: live.lastError ?? '', count: live.waiting })}
        </span>
      )}
      <ReplicaList replicas={live.replicas} testId="endpoint-live-replica" showUrl={live.replicas.length > 1} />
    </div>
  )
}
