import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import type { RunSummary } from '@shared/simulation'
import { api } from '../../api/client'
import { DetailHeader } from '../../components/DetailHeader'
import { ErrorBanner } from '../../components/ErrorBanner'
import { StatusBadge } from '../../components/StatusBadge'
import { errorMessage } from '../../lib/errors'
import { formatDateTime } from '../../lib/format'
import { useFreshCopy } from '../../lib/useFreshCopy'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'
import { LiveView } from './LiveView'
import { RunConfigView } from './RunConfigView'
import { RunControls } from './RunControls'
import { RunProgress } from './RunProgress'
import { RunStats } from './RunStats'

const LIVE_REFRESH_MS = 2000

interface RunDashboardProps {
  run: RunSummary
  endpoints: EndpointView[]
  onUpdate: (run: RunSummary) => void
}

/** One run: progress, speed, cost, errors, the dialogues in flight, and its configuration. Live from 'run.progress'. */
export function RunDashboard({ run, endpoints, onUpdate }: RunDashboardProps) {
  const { t } = useTranslation()
  const [refreshError, setRefreshError] = useFreshCopy(run.id, api.getRun, onUpdate)

  // 'run.progress' comes when dialogues finish; while long dialogues are mid-way, their messages prompt a fresh copy (at most every 2 s).
  const lastRefresh = useRef(0)
  const refreshSoon = (runId: string | null) => {
    if (runId !== run.id || Date.now() - lastRefresh.current < LIVE_REFRESH_MS) return
    lastRefresh.current = Date.now()
    api.getRun({ id: run.id }).then(onUpdate, setRefreshError)
  }
  useWorkbenchEvent('dialogue.message', (event) => refreshSoon(event.runId))
  useWorkbenchEvent('dialogue.status', (event) => refreshSoon(event.runId))

  const times = [
    t('dashboard.created', { when: formatDateTime(run.createdAt) }),
    run.startedAt ? t('dashboard.started', { when: formatDateTime(run.startedAt) }) : null,
    run.finishedAt ? t('dashboard.finished', { when: formatDateTime(run.finishedAt) }) : null,
  ]

  return (
    <div className="run-dashboard" data-testid="run-dashboard" data-run-id={run.id}>
      <DetailHeader name={run.name} nameTestId="run-name" badges={<StatusBadge status={run.status} testId="run-status" />} times={times}>
        <RunControls run={run} onUpdate={onUpdate} />
      </DetailHeader>
      <div className="detail-body">
        {refreshError != null && <ErrorBanner>{t('dashboard.refreshFailed', { message: errorMessage(refreshError) })}</ErrorBanner>}
        {run.status === 'failed' && <div className="banner banner-warning banner-block">{t('dashboard.failedBanner')}</div>}
        {run.waiting.map((wait) => (
          <div key={wait.endpointId} className="banner banner-warning banner-block" role="status" title={t('dashboard.waitingHint')} data-testid="run-waiting" data-endpoint-id={wait.endpointId}>
            <strong>{t('dashboard.waitingFor', { endpoint: wait.endpointName, error: wait.lastError })}</strong>
            <p className="small">{t('dashboard.waitingHint')}</p>
          </div>
        ))}
        <RunProgress run={run} />
        <RunStats run={run} />
        <LiveView run={run} />
        <RunConfigView run={run} endpoints={endpoints} />
      </div>
    </div>
  )
}
