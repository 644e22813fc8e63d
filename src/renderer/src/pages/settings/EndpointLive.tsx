import { useTranslation } from 'react-i18next'
import type { EndpointLiveView } from '@shared/endpoint'
import { formatNumber } from '../../lib/format'

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
      <ul className="error-kinds">
        {live.replicas.map((r) => (
          <li
            key={r.baseURL}
            data-testid="endpoint-live-replica"
            data-state={r.state}
            data-effective={r.effectiveConcurrency}
          >
            {live.replicas.length > 1 && <span className="mono">{r.baseURL}</span>}
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
    </div>
  )
}
