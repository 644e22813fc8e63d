import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { StatGrid } from '../../../components/StatGrid'
import { SummaryList } from '../../../components/SummaryList'
import { formatDuration } from '../../../lib/format'
import { durationSeconds, formatLoss, lastValue } from './jobMetrics'

/** Where the trained model is: LLaMA-Factory resolves a relative output_dir against the job's folder. */
function outputFolder(job: TrainingJobView): string {
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
      <StatGrid
        className="training-summary-stats"
        testIdPrefix="training-summary"
        stats={[
          ['loss', t('training.summary.finalLoss'), formatLoss(lastValue(job, 'loss'))],
          ['eval-loss', t('training.summary.finalEvalLoss'), formatLoss(lastValue(job, 'evalLoss'))],
          ['duration', t('training.summary.duration'), duration !== null ? formatDuration(duration) : '—'],
        ]}
      />
      <SummaryList
        rows={[
          [t('training.summary.outputFolder'), outputFolder(job), 'mono selectable', 'training-summary-output'],
          [t('training.summary.server'), job.profileName],
        ]}
      />
    </section>
  )
}
