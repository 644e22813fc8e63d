import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { ConfigGroups, type SummaryRow } from '../../../components/SummaryList'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { filterReasonLabel } from '../trainingMessages'

const show = (value: unknown) =>
  value === undefined || value === null || value === ''
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value)

/** What the job was run with: the train YAML's values, the export, and where it lives on the server. */
export function JobSettings({ job }: { job: TrainingJobView }) {
  const { t } = useTranslation()
  const s = job.exportSummary
  const filtered = Object.entries(s.filtered).filter(([, n]) => n > 0)
  const facts: SummaryRow[] = [
    [t('training.settings.id'), job.id, 'mono selectable'],
    [t('training.settings.server'), job.profileName],
    [t('training.settings.remoteDir'), job.remoteDir, 'mono selectable'],
    [t('training.settings.pid'), show(job.pid), 'mono selectable'],
    [t('training.settings.exitCode'), show(job.exitCode), 'mono selectable'],
    [t('training.settings.created'), formatDateTime(job.createdAt)],
    [t('training.settings.started'), job.startedAt ? formatDateTime(job.startedAt) : '—'],
    [t('training.settings.finished'), job.finishedAt ? formatDateTime(job.finishedAt) : '—'],
  ]
  const data: SummaryRow[] = [
    [
      t('training.preview.stats.samples'),
      t('training.settings.samplesValue', {
        samples: formatNumber(s.samples),
        train: formatNumber(s.trainSamples),
        validation: formatNumber(s.validationSamples),
      }),
    ],
    [t('training.preview.stats.dialogues'), formatNumber(s.dialogues)],
    [t('training.preview.stats.tokens'), `≈ ${formatNumber(s.estimatedTokens)}`],
    ...filtered.map(([reason, n]): SummaryRow => [filterReasonLabel(reason), formatNumber(n)]),
    [
      t('training.settings.systemPrompt'),
      s.systemPrompt
        ? t('training.settings.systemPromptChars', {
            count: s.systemPrompt.length,
            formatted: formatNumber(s.systemPrompt.length),
          })
        : t('training.preview.noSystemPrompt'),
    ],
  ]
  const config = Object.entries(job.config).map(([key, value]): SummaryRow => [key, show(value), 'mono selectable'])
  return (
    <details className="run-config" data-testid="training-settings">
      <summary>
        <h3>{t('training.settings.title')}</h3>
      </summary>
      <div className="run-config-body">
        <ConfigGroups
          groups={[
            [t('training.settings.jobGroup'), facts],
            [t('training.settings.dataGroup'), data],
            [t('training.settings.configGroup'), config, 'mono'],
          ]}
        />
      </div>
    </details>
  )
}
