import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { ProgressBar } from '../../../components/ProgressBar'
import { StatGrid, type Stat } from '../../../components/StatGrid'
import { formatDuration, formatNumber } from '../../../lib/format'
import { durationSeconds, formatLoss, formatRate, isActive, lastPoint, lastValue, percentDone } from './jobMetrics'

/** Steps done of all, epoch, the latest losses and learning rate, time so far and the ETA from the last log line. */
export function JobProgress({ job }: { job: TrainingJobView }) {
  const { t } = useTranslation()
  const point = lastPoint(job)
  const percent = percentDone(job)
  const active = isActive(job.status)
  const total = point?.totalSteps ?? 0
  const label = point
    ? total
      ? t('training.progress.steps', {
          step: formatNumber(point.step),
          total: formatNumber(total),
          percent: Math.round(percent ?? 0),
        })
      : t('training.progress.stepsUnknownTotal', { step: formatNumber(point.step) })
    : t(`training.progress.noPoints.${job.status}`)
  const elapsed = point?.elapsedSeconds ?? durationSeconds(job)
  const eta = !active
    ? t('training.progress.etaNotRunning')
    : point?.remainingSeconds != null
      ? formatDuration(point.remainingSeconds)
      : t('training.progress.etaUnknown')
  const stats: Stat[] = [
    [
      'epoch',
      t('training.progress.epoch'),
      point?.epoch != null ? `${point.epoch.toFixed(2)} / ${job.config.num_train_epochs}` : '—',
    ],
    ['loss', t('training.progress.loss'), formatLoss(lastValue(job, 'loss'))],
    ['eval-loss', t('training.progress.evalLoss'), formatLoss(lastValue(job, 'evalLoss'))],
    ['lr', t('training.progress.learningRate'), formatRate(lastValue(job, 'learningRate'))],
    ['elapsed', t('training.progress.elapsed'), elapsed != null ? formatDuration(elapsed) : '—'],
    ['eta', t('training.progress.eta'), eta],
  ]
  // ProgressBar is indeterminate until a total is known (uploading, or before the first log line).
  const progress =
    total > 0 || job.status === 'completed'
      ? {
          jobId: job.id,
          kind: 'training',
          label,
          done: job.status === 'completed' ? 1 : (point?.step ?? 0),
          total: job.status === 'completed' ? 1 : total,
          state: 'running' as const,
        }
      : null
  const stopped = !active && job.status !== 'completed'
  return (
    <section
      className={`run-progress training-progress${stopped ? ' training-progress-stopped' : ''}`}
      aria-label={t('training.progress.title')}
      data-testid="training-progress"
      data-step={point?.step ?? 0}
      data-total={total}
    >
      {stopped && progress === null ? (
        <p className="progress-label">
          <strong>{label}</strong>
        </p>
      ) : (
        <ProgressBar label={label} progress={progress} />
      )}
      <StatGrid stats={stats} testIdPrefix="training-stat" />
    </section>
  )
}
