import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { api } from '../../../api/client'
import { DetailHeader } from '../../../components/DetailHeader'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime } from '../../../lib/format'
import { useSoftwareName } from '../../../lib/useAppInfo'
import { useFreshCopy } from '../../../lib/useFreshCopy'
import { TrainingStatusBadge } from '../TrainingStatusBadge'
import { CompletedSummary } from './CompletedSummary'
import { JobControls } from './JobControls'
import { JobProgress } from './JobProgress'
import { JobSettings } from './JobSettings'
import { LogTail } from './LogTail'
import { LossFigure } from './LossFigure'
import { ServeModelSection } from './ServeModelSection'
import { trainingProvenance } from './trainingProvenance'

interface TrainingJobDetailProps {
  job: TrainingJobView
  onUpdate: (job: TrainingJobView) => void
  onDeleted: (id: string) => void
}

function FailureBanner({ job }: { job: TrainingJobView }) {
  const { t } = useTranslation()
  // The server's reason usually ends with "(exit code N)" already; the code is then not repeated below it.
  const showExitCode = job.exitCode !== null && !job.failureReason?.includes(`exit code ${job.exitCode}`)
  return (
    <ErrorBanner testId="training-failure">
      <strong className="training-failure-title">
        {t(job.status === 'lost' ? 'training.detail.lostTitle' : 'training.detail.failedTitle')}
      </strong>
      <div className="selectable training-failure-reason" data-testid="training-failure-reason">
        {job.failureReason ?? t('training.detail.noReason')}
      </div>
      {showExitCode && (
        <div className="small" data-testid="training-failure-exit-code">
          {t('training.detail.exitCode', { code: job.exitCode })}
        </div>
      )}
      <div className="small">
        {t(job.status === 'lost' ? 'training.detail.lostHint' : 'training.detail.failedHint')}
      </div>
    </ErrorBanner>
  )
}

/** One job: status, progress, the live loss curve, the log, and once completed its summary and "Serve as endpoint". */
export function TrainingJobDetail({ job, onUpdate, onDeleted }: TrainingJobDetailProps) {
  const { t } = useTranslation()
  const software = useSoftwareName()
  const [refreshError] = useFreshCopy(job.id, api.getTrainingJob, onUpdate)

  const provenance = useMemo(() => trainingProvenance(job, software), [job, software])
  const times = [
    t('training.detail.on', { server: job.profileName }),
    t('training.detail.created', { when: formatDateTime(job.createdAt) }),
    job.startedAt ? t('training.detail.started', { when: formatDateTime(job.startedAt) }) : null,
    job.finishedAt ? t('training.detail.finished', { when: formatDateTime(job.finishedAt) }) : null,
  ]

  return (
    <div className="run-dashboard" data-testid="training-detail" data-job-id={job.id} data-status={job.status}>
      <DetailHeader
        name={job.name}
        nameTestId="training-job-name"
        badges={
          <>
            <TrainingStatusBadge status={job.status} testId="training-status" />
            <span className="badge badge-neutral" title={job.config.model_name_or_path}>
              {job.config.finetuning_type === 'lora' ? 'LoRA' : t('training.config.finetuningTypes.full')}
            </span>
          </>
        }
        times={times}
      >
        <JobControls job={job} onUpdate={onUpdate} onDeleted={onDeleted} />
      </DetailHeader>
      <div className="detail-body">
        {refreshError != null && (
          <ErrorBanner testId="training-refresh-error">
            {t('training.detail.loadFailed', { message: errorMessage(refreshError) })}
          </ErrorBanner>
        )}
        {(job.status === 'failed' || job.status === 'lost') && <FailureBanner job={job} />}
        {job.status === 'cancelled' && (
          <div className="banner banner-warning banner-block">{t('training.detail.cancelledBanner')}</div>
        )}
        <JobProgress job={job} />
        {job.status === 'completed' && <CompletedSummary job={job} />}
        {job.status === 'completed' && <ServeModelSection job={job} />}
        <LossFigure job={job} provenance={provenance} />
        <LogTail text={job.logTail} checkedAt={job.checkedAt} />
        <JobSettings job={job} />
      </div>
    </div>
  )
}
