import { useTranslation } from 'react-i18next'
import type { TrainingJobView } from '@shared/training'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { filterReasonLabel } from '../trainingMessages'

const show = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value))

/** What the job was run with: the train YAML's values, the export, and where it lives on the server. */
export function JobSettings({ job }: { job: TrainingJobView }) {
  const { t } = useTranslation()
  const s = job.exportSummary
  const filtered = Object.entries(s.filtered).filter(([, n]) => n > 0)
  const facts: [string, string, boolean][] = [
    [t('training.settings.id'), job.id, true],
    [t('training.settings.server'), job.profileName, false],
    [t('training.settings.remoteDir'), job.remoteDir, true],
    [t('training.settings.pid'), show(job.pid), true],
    [t('training.settings.exitCode'), show(job.exitCode), true],
    [t('training.settings.created'), formatDateTime(job.createdAt), false],
    [t('training.settings.started'), job.startedAt ? formatDateTime(job.startedAt) : '—', false],
    [t('training.settings.finished'), job.finishedAt ? formatDateTime(job.finishedAt) : '—', false],
  ]
  return (
    <details className="run-config" data-testid="training-settings">
      <summary>
        <h3>{t('training.settings.title')}</h3>
      </summary>
      <div className="run-config-body">
        <div className="config-groups">
          <div className="config-group">
            <h4>{t('training.settings.jobGroup')}</h4>
            <dl className="summary-list">
              {facts.map(([label, value, mono]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd className={mono ? 'mono selectable' : undefined}>{value}</dd>
                </div>
              ))}
            </dl>
          </div>
          <div className="config-group">
            <h4>{t('training.settings.dataGroup')}</h4>
            <dl className="summary-list">
              <div>
                <dt>{t('training.preview.stats.samples')}</dt>
                <dd>{t('training.settings.samplesValue', { samples: formatNumber(s.samples), train: formatNumber(s.trainSamples), validation: formatNumber(s.validationSamples) })}</dd>
              </div>
              <div>
                <dt>{t('training.preview.stats.dialogues')}</dt>
                <dd>{formatNumber(s.dialogues)}</dd>
              </div>
              <div>
                <dt>{t('training.preview.stats.tokens')}</dt>
                <dd>≈ {formatNumber(s.estimatedTokens)}</dd>
              </div>
              {filtered.map(([reason, n]) => (
                <div key={reason}>
                  <dt>{filterReasonLabel(reason)}</dt>
                  <dd>{formatNumber(n)}</dd>
                </div>
              ))}
              <div>
                <dt>{t('training.settings.systemPrompt')}</dt>
                <dd>{s.systemPrompt ? t('training.settings.systemPromptChars', { count: s.systemPrompt.length, formatted: formatNumber(s.systemPrompt.length) }) : t('training.preview.noSystemPrompt')}</dd>
              </div>
            </dl>
          </div>
          <div className="config-group">
            <h4>{t('training.settings.configGroup')}</h4>
            <dl className="summary-list">
              {Object.entries(job.config).map(([key, value]) => (
                <div key={key}>
                  <dt className="mono">{key}</dt>
                  <dd className="mono selectable">{show(value)}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      </div>
    </details>
  )
}
