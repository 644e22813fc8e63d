import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { formatDuration } from '../../../lib/format'
import { durationSeconds, formatLoss, lastValue } from './jobMetrics'

/** Where the trained model is: LLaMA-Factory resolves a relative output_dir against the job's folder. */
export function outputFolder(job: TrainingJobView): string {
  const dir = job.outputDir
  return dir.startsWith('/') || dir.startsWith('~') ? dir : `${job.remoteDir.replace(/\/+$/, '')}/${dir}`
}

/** Once completed: the final losses, how long it took, and where the model was saved. */
export function CompletedSummary({ job }: { job: TrainingJobView }) {
  const { t } = useTranslation()
  const duration = durationSeconds(job)
  return (
    <section className="result-section" aria-label={t('training.summary.title')} data-testid="training-summary">
      <h3>{t('training.summary.title')}</h3>
      <dl className="stat-grid training-summary-stats">
        <div className="stat" data-testid="training-summary-loss">
          <dt>{t('training.summary.finalLoss')}</dt>
          <dd>{formatLoss(lastValue(job, 'loss'))}</dd>
        </div>
        <div className="stat" data-testid="training-summary-eval-loss">
          <dt>{t('training.summary.finalEvalLoss')}</dt>
          <dd>{formatLoss(lastValue(job, 'evalLoss'))}</dd>
        </div>
        <div className="stat" data-testid="training-summary-duration">
          <dt>{t('training.summary.duration')}</dt>
          <dd>{duration !== null ? formatDuration(duration) : '—'}</dd>
        </div>
      </dl>
      <dl className="summary-list">
        <div>
          <dt>{t('training.summary.outputFolder')}</dt>
          <dd className="mono selectable" data-testid="training-summary-output">
            {outputFolder(job)}
          </dd>
        </div>
        <div>
          <dt>{t('training.summary.server')}</dt>
          <dd>{job.profileName}</dd>
        </div>
      </dl>
    </section>
  )
}
