import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { ItemList, ItemRow } from '../../components/ItemList'
import { StackedTrack } from '../../components/StackedProgress'
import { formatDateTime, formatNumber } from '../../lib/format'
import { lastPoint, percentDone } from './job/jobMetrics'
import { TrainingStatusBadge } from './TrainingStatusBadge'

const FILL: Record<TrainingJobView['status'], string> = {
  uploading: 'stacked-running',
  running: 'stacked-running',
  completed: 'stacked-completed',
  failed: 'stacked-failed',
  cancelled: 'stacked-cancelled',
  lost: 'stacked-failed',
}

const TrainingJobRow = memo(function TrainingJobRow({
  job,
  selected,
  onSelect,
}: {
  job: TrainingJobView
  selected: boolean
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  const point = lastPoint(job)
  const percent = percentDone(job)
  const steps = point
    ? point.totalSteps
      ? t('training.list.steps', { step: formatNumber(point.step), total: formatNumber(point.totalSteps) })
      : t('training.list.stepsUnknownTotal', { step: formatNumber(point.step) })
    : t(`training.list.noSteps.${job.status}`)
  return (
    <ItemRow
      className="training-row"
      selected={selected}
      onSelect={() => onSelect(job.id)}
      testId="training-row"
      data={{ 'data-job-id': job.id, 'data-status': job.status }}
    >
      <span className="run-row-line">
        <span className="run-row-name">{job.name}</span>
        <TrainingStatusBadge status={job.status} testId="training-row-status" />
      </span>
      <span className="run-row-line run-row-sub">
        <span className="training-row-model" title={job.config.model_name_or_path}>
          {job.config.model_name_or_path}
        </span>
        <span>{job.profileName}</span>
      </span>
      <StackedTrack className="run-mini-track" segments={[[FILL[job.status], percent ?? 0]]} total={100} />
      <span className="run-row-line run-row-sub">
        <span data-testid="training-row-progress">{steps}</span>
        <span>{formatDateTime(job.createdAt)}</span>
      </span>
    </ItemRow>
  )
})

/** The training jobs, newest first; ↑/↓ move between them. */
export function TrainingJobList({
  jobs,
  selectedId,
  onSelect,
}: {
  jobs: TrainingJobView[]
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <ItemList label={t('training.list.label')} testId="training-list">
      {jobs.map((job) => (
        <TrainingJobRow key={job.id} job={job} selected={job.id === selectedId} onSelect={onSelect} />
      ))}
    </ItemList>
  )
}
