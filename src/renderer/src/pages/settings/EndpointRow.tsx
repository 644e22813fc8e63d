import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConnectionCheck, EndpointLiveView, EndpointView } from '@shared/endpoint'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorMessage } from '../../lib/errors'
import { ConnectionResult } from './ConnectionResult'
import { EndpointLive } from './EndpointLive'

interface EndpointRowProps {
  endpoint: EndpointView
  /** How it is doing now, once this process has called it. */
  live?: EndpointLiveView
  onEdit: () => void
  onDelete: () => void
}

export function EndpointRow({ endpoint, live, onEdit, onDelete }: EndpointRowProps) {
  const { t } = useTranslation()
  const [testing, setTesting] = useState(false)
  const [check, setCheck] = useState<ConnectionCheck | null>(null)
  const [error, setError] = useState<string | null>(null)

  const test = async () => {
    setTesting(true)
    setCheck(null)
    setError(null)
    try {
      setCheck(await api.testEndpoint({ id: endpoint.id }))
    } catch (failure) {
      setError(t('common.unknownError', { message: errorMessage(failure) }))
    } finally {
      setTesting(false)
    }
  }

  return (
    <li className="endpoint-row" data-testid="endpoint-row" data-endpoint-id={endpoint.id}>
      <div className="endpoint-summary">
        <div className="endpoint-main">
          <strong>{endpoint.name}</strong>
          <span className="mono">{endpoint.model}</span>
          {endpoint.local ? (
            <span className="badge badge-neutral">{t('endpoints.localBadge')}</span>
          ) : (
            <span className={`badge ${endpoint.hasKey ? 'badge-success' : 'badge-neutral'}`}>
              {endpoint.hasKey ? t('endpoints.keySet') : t('endpoints.noKey')}
            </span>
          )}
        </div>
        <div className="muted mono small endpoint-url">{endpoint.local?.modelPath ?? endpoint.baseURL}</div>
        {live && live.replicas.length > 0 && <EndpointLive live={live} />}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          onClick={() => void test()}
          disabled={testing}
          title={testing ? t('endpoints.testing') : undefined}
          data-testid="endpoint-row-test"
        >
          {testing ? t('endpoints.testing') : t('endpoints.test')}
        </button>
        <button type="button" className="button button-small" onClick={onEdit} data-testid="endpoint-row-edit">
          {t('endpoints.edit')}
        </button>
        <button
          type="button"
          className="button button-small button-danger-outline"
          onClick={onDelete}
          data-testid="endpoint-row-delete"
        >
          {t('endpoints.delete')}
        </button>
      </div>
      {(check || error) && (
        <div className="endpoint-result">
          {check ? <ConnectionResult check={check} /> : <ErrorBanner>{error}</ErrorBanner>}
        </div>
      )}
    </li>
  )
}
