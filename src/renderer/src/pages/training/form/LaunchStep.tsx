import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import type { SshProfileView } from '@shared/training'
import { FormSection } from '../../../components/FormSection'
import { SummaryList, type SummaryRow } from '../../../components/SummaryList'
import { formatNumber } from '../../../lib/format'
import { formatLearningRate } from '../job/jobMetrics'
import { MODEL_LABELS } from './ConfigStep'
import type { ExportPreviewState } from './ExportPreview'
import type { LaunchCheck } from './launchChecks'
import { TextField } from './fields'
import type { StepId, TrainingBinding } from './trainingFormState'

interface LaunchStepProps {
  bind: TrainingBinding
  datasets: Dataset[]
  profile: SshProfileView | null
  preview: ExportPreviewState
  checks: LaunchCheck[]
  onStep: (step: StepId) => void
}

/** Step 4: a name, what will happen, and what still stands in the way. */
export function LaunchStep({ bind, datasets, profile, preview, checks, onStep }: LaunchStepProps) {
  const { t } = useTranslation()
  const { data, config } = bind.state
  const dataset = datasets.find((d) => d.id === data.datasetId)
  const method =
    config.finetuning_type === 'lora'
      ? t('training.launch.methodLora', { rank: config.lora_rank })
      : t('training.config.finetuningTypes.full')
  const rows: SummaryRow[] = [
    [t('training.launch.dataset'), dataset ? dataset.name : t('training.launch.notChosen')],
    [
      t('training.launch.samples'),
      preview.ready && preview.summary
        ? t('training.launch.samplesValue', {
            samples: formatNumber(preview.summary.samples),
            tokens: formatNumber(preview.summary.estimatedTokens),
          })
        : t('training.launch.notPreviewed'),
    ],
    [t('training.launch.model'), `${config.model_name_or_path} (${MODEL_LABELS[data.model]} · ${config.template})`],
    [t('training.launch.method'), method],
    [
      t('training.launch.hyperparameters'),
      t('training.launch.hyperparametersValue', {
        lr: Number.isFinite(config.learning_rate) ? formatLearningRate(config.learning_rate) : '—',
        epochs: config.num_train_epochs,
        batch: config.per_device_train_batch_size,
        accumulation: config.gradient_accumulation_steps,
        scheduler: config.lr_scheduler_type,
      }),
    ],
    [
      t('training.launch.server'),
      profile
        ? `${profile.name} — ${profile.username}@${profile.host}:${profile.port}`
        : t('training.launch.notChosen'),
    ],
    [t('training.launch.output'), profile ? `${profile.remoteDir}/… → ${config.output_dir}` : config.output_dir],
  ]
  return (
    <div className="card-form" data-testid="training-step-launch">
      <FormSection title={t('training.launch.section')} help={t('training.launch.help')}>
        <TextField bind={bind} path="name" label={t('training.launch.name')} hint={t('training.launch.nameHint')} />
        <SummaryList rows={rows} testId="training-launch-summary" />
      </FormSection>
      <FormSection title={t('training.launch.checksSection')} testId="training-launch-checks">
        <ul className="training-checklist">
          {checks.map((check) => (
            <li
              key={check.id}
              className={
                check.ok ? 'training-check-ok' : check.warning ? 'training-check-warning' : 'training-check-bad'
              }
              data-testid="training-launch-check"
              data-check={check.id}
              data-ok={check.ok}
            >
              <span className="training-check-mark" aria-hidden="true">
                {check.ok ? '✓' : check.warning ? '!' : '✗'}
              </span>
              <span className="training-check-label">{check.label}</span>
              {!check.ok && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onStep(check.step)}
                  data-testid="training-launch-check-go"
                >
                  {t('training.launch.goToStep', { step: t(`training.form.steps.${check.step}`) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      </FormSection>
    </div>
  )
}
