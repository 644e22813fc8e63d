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
import { LiveView } from './LiveView'
import { RunDialogues } from './RunDialogues'
import { RunConfigView } from './RunConfigView'
import { RunConcurrency } from './RunConcurrency'
import { RunControls } from './RunControls'
import { RunProgress } from './RunProgress'
import { RunStats } from './RunStats'
import { useDatasets } from '../datasets/useDatasets'
import { RanOn } from '../remote/RanOn'

interface RunDashboardProps {
  run: RunSummary
  endpoints: EndpointView[]
  onUpdate: (run: RunSummary) => void
}

/** One run: progress, speed, cost, errors, the dialogues in flight, and its configuration. Live from 'run.progress'. */
export function RunDashboard({ run, endpoints, onUpdate }: RunDashboardProps) {
  const { t } = useTranslation()
  // The run's summary arrives as 'run.progress' (the page's list hands it down): the runner sends one at most every
  // 300 ms while messages are written or statuses change, and always one after the last change, so nothing is fetched
  // here.
  const [refreshError] = useFreshCopy(run.id, api.getRun, onUpdate)
  // A run pulled back from a server says where it ran.
  const ranOn = useDatasets().datasets?.find((d) => d.id === run.datasetId)?.ranOn

  const times = [
    t('dashboard.created', { when: formatDateTime(run.createdAt) }),
    run.startedAt ? t('dashboard.started', { when: formatDateTime(run.startedAt) }) : null,
    run.finishedAt ? t('dashboard.finished', { when: formatDateTime(run.finishedAt) }) : null,
  ]

  return (
    <div className="run-dashboard" data-testid="run-dashboard" data-run-id={run.id}>
      <DetailHeader
        name={run.name}
        nameTestId="run-name"
        badges={<StatusBadge status={run.status} testId="run-status" />}
        times={times}
      >
        <RunControls run={run} onUpdate={onUpdate} />
      </DetailHeader>
      <div className="detail-body">
        {refreshError != null && (
          <ErrorBanner>{t('dashboard.refreshFailed', { message: errorMessage(refreshError) })}</ErrorBanner>
        )}
        {ranOn && <RanOn ranOn={ranOn} testId="run-ran-on" />}
        {run.status === 'failed' && (
          <div className="banner banner-warning banner-block">{t('dashboard.failedBanner')}</div>
        )}
        {run.waiting.map((wait) => (
          <div
            key={wait.endpointId}
            className="banner banner-warning banner-block"
            role="status"
            title={t('dashboard.waitingHint')}
            data-testid="run-waiting"
            data-endpoint-id={wait.endpointId}
          >
            <strong>{t('dashboard.waitingFor', { endpoint: wait.endpointName, error: wait.lastError })}</strong>
            <p className="small">{t('dashboard.waitingHint')}</p>
          </div>
        ))}
        <RunProgress run={run} />
        <RunStats run={run} />
        <RunConcurrency run={run} />
        {run.status === 'running' || run.status === 'paused' ? <LiveView run={run} /> : <RunDialogues run={run} />}
        <RunConfigView run={run} endpoints={endpoints} />
      </div>
    </div>
  )
}
