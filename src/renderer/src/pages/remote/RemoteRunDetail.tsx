import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RemotePullProgress, RemoteRunView } from '@shared/remoteRun'
import { api } from '../../api/client'
import { DetailHeader } from '../../components/DetailHeader'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useNavigate } from '../../components/Navigation'
import { ProgressBar } from '../../components/ProgressBar'
import { StatGrid, type Stat } from '../../components/StatGrid'
import { errorMessage } from '../../lib/errors'
import { formatBytes, formatDateTime, formatDuration, formatNumber } from '../../lib/format'
import { useFreshCopy } from '../../lib/useFreshCopy'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'
import { LogTail } from '../training/job/LogTail'
import { TrainingStatusBadge } from '../training/TrainingStatusBadge'
import { RemoteRunControls, type RemoteRunProps } from './RemoteRunControls'

const active = (run: RemoteRunView) => run.status === 'uploading' || run.status === 'running'

/** Done of total on the server, failed units, the ETA, the job's own status there and its last error. */
function RemoteProgressSection({ run, pull }: { run: RemoteRunView; pull: RemotePullProgress | null }) {
  const { t } = useTranslation()
  const p = run.progress
  const label = p
    ? t(`remote.detail.phase.${p.phase}`, { done: formatNumber(p.done), total: formatNumber(p.total) })
    : t('remote.detail.waiting')
  const stats: Stat[] = [
    ['failed', t('remote.detail.failedUnits', { count: p?.failed ?? 0 }), formatNumber(p?.failed ?? 0)],
    [
      'eta',
      t('remote.detail.eta'),
      active(run) && p?.etaSeconds != null
        ? formatDuration(p.etaSeconds)
        : active(run)
          ? t('remote.detail.etaUnknown')
          : '—',
    ],
    ['status', t('remote.detail.status'), p?.status ?? '—'],
    ['updated', t('remote.detail.lastReport'), p ? formatDateTime(p.updatedAt) : '—'],
  ]
  return (
    <section
      className="run-progress training-progress"
      aria-label={t('remote.detail.progressTitle')}
      data-testid="remote-progress"
    >
      <ProgressBar
        label={label}
        progress={p && p.total > 0 ? { done: p.done, total: p.total } : active(run) ? null : { done: 0, total: 1 }}
      />
      <StatGrid stats={stats} testIdPrefix="remote-stat" />
      {p?.lastError && (
        <p className="small" data-testid="remote-last-error">
          <strong>{t('remote.detail.lastError')}:</strong> <span className="selectable">{p.lastError}</span>
        </p>
      )}
      {pull && pull.phase !== 'done' && (
        <ProgressBar
          label={t(`remote.detail.pullPhase.${pull.phase}`, {
            done: formatBytes(pull.bytes),
            total: formatBytes(pull.totalBytes),
          })}
          progress={
            pull.phase === 'downloading' && pull.totalBytes > 0 ? { done: pull.bytes, total: pull.totalBytes } : null
          }
        />
      )}
    </section>
  )
}

/** Where the result went here: the run and its dataset, or the analysis. */
function PulledSection({ run }: { run: RemoteRunView }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  if (!run.pulled)
    return (
      <p className="muted small" data-testid="remote-not-pulled">
        {t('remote.detail.notPulled')}
      </p>
    )
  const pulled = run.pulled
  return (
    <div className="banner banner-success banner-block" data-testid="remote-pulled">
      <span>{t('remote.detail.pulledBanner', { when: formatDateTime(pulled.at) })}</span>
      <div className="button-row">
        {run.kind === 'simulation' ? (
          <>
            <button
              type="button"
              className="button"
              onClick={() => navigate('simulations', { runId: pulled.id })}
              data-testid="remote-open-run"
            >
              {t('remote.detail.openRun')}
            </button>
            {pulled.datasetId && (
              <button
                type="button"
                className="button"
                onClick={() => navigate('datasets', { datasetId: pulled.datasetId! })}
                data-testid="remote-open-dataset"
              >
                {t('remote.detail.openDataset')}
              </button>
            )}
          </>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => navigate('evaluation', { evaluationId: pulled.id })}
            data-testid="remote-open-analysis"
          >
            {t('remote.detail.openAnalysis')}
          </button>
        )}
      </div>
    </div>
  )
}

/** One remote run: where it runs, its progress there, the log, what came back, and its actions. */
export function RemoteRunDetail({ run, onUpdate, onDeleted }: RemoteRunProps) {
  const { t } = useTranslation()
  const [refreshError] = useFreshCopy(run.id, api.getRemoteRun, onUpdate)
  const [pull, setPull] = useState<RemotePullProgress | null>(null)
  useWorkbenchEvent('remoteRun.pull', (progress) => progress.id === run.id && setPull(progress))
  const failed = run.status === 'failed' || run.status === 'lost'
  const times = [
    t('remote.detail.on', { target: run.target, profile: run.profileName }),
    t('remote.detail.created', { when: formatDateTime(run.createdAt) }),
    run.finishedAt ? t('remote.detail.finished', { when: formatDateTime(run.finishedAt) }) : null,
  ]
  return (
    <div className="run-dashboard" data-testid="remote-detail" data-remote-id={run.id} data-status={run.status}>
      <DetailHeader
        name={run.name}
        nameTestId="remote-name"
        badges={
          <>
            <TrainingStatusBadge area="remote" status={run.status} testId="remote-status" />
            <span className="badge badge-neutral">{t(`remote.kind.${run.kind}`)}</span>
          </>
        }
        times={times}
      >
        <RemoteRunControls run={run} onUpdate={onUpdate} onDeleted={onDeleted} />
      </DetailHeader>
      <div className="detail-body">
        {refreshError != null && (
          <ErrorBanner testId="remote-refresh-error">
            {t('remote.detail.loadFailed', { message: errorMessage(refreshError) })}
          </ErrorBanner>
        )}
        {failed && (
          <ErrorBanner testId="remote-failure">
            <strong className="training-failure-title">
              {t(run.status === 'lost' ? 'remote.detail.lostTitle' : 'remote.detail.failedTitle')}
            </strong>
            <div className="selectable training-failure-reason" data-testid="remote-failure-reason">
              {run.failureReason ?? t('remote.detail.noReason')}
            </div>
            {run.exitCode !== null && (
              <div className="small">{t('remote.detail.exitCode', { code: run.exitCode })}</div>
            )}
            <div className="small">
              {t(run.status === 'lost' ? 'remote.detail.lostHint' : 'remote.detail.failedHint')}
            </div>
          </ErrorBanner>
        )}
        {run.status === 'cancelled' && (
          <div className="banner banner-warning banner-block">{t('remote.detail.cancelledBanner')}</div>
        )}
        {run.pullError && (
          <ErrorBanner testId="remote-pull-error">
            <strong className="training-failure-title">{t('remote.detail.pullErrorTitle')}</strong>
            <div className="selectable training-failure-reason">{run.pullError}</div>
            <div className="small">{t('remote.detail.pullErrorHint')}</div>
          </ErrorBanner>
        )}
        <RemoteProgressSection run={run} pull={pull} />
        <PulledSection run={run} />
        <LogTail
          text={run.logTail}
          checkedAt={run.checkedAt}
          title={t('remote.detail.logTitle')}
          textLabel={t('remote.detail.logLabel')}
        />
        <section
          className="result-section"
          aria-label={t('remote.detail.endpointsTitle')}
          data-testid="remote-endpoints"
        >
          <h3>{t('remote.detail.endpointsTitle')}</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('remote.detail.endpointColumn')}</th>
                <th>{t('remote.detail.urlColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {run.endpoints.map((e) => (
                <tr key={e.id}>
                  <td>{e.name}</td>
                  <td className="selectable">{e.url}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="result-section" aria-label={t('remote.detail.folderTitle')} data-testid="remote-folder">
          <h3>{t('remote.detail.folderTitle')}</h3>
          <dl className="stat-grid">
            <div className="stat">
              <dt>{t('remote.detail.folder')}</dt>
              <dd className="selectable small">{run.remoteDir}</dd>
            </div>
            <div className="stat">
              <dt>{t('remote.detail.version')}</dt>
              <dd>{run.remoteVersion ?? '—'}</dd>
            </div>
          </dl>
        </section>
      </div>
    </div>
  )
}
