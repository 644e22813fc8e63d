import { useTranslation } from 'react-i18next'
import { LR_SCHEDULERS, MODEL_PRESETS, PRECISIONS, TEMPLATES, type ModelPresetId } from '@shared/trainConfig'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { formatNumber } from '../../../lib/format'
import { ChoiceField, NumberField, SelectField, TextField } from './fields'
import { holdsOutValidation, trainingTestId, type TrainingBinding } from './trainingFormState'
import type { LiveYaml } from './useLiveYaml'
import { YamlPreview } from './YamlPreview'

export const MODEL_LABELS: Record<ModelPresetId, string> = {
  'qwen2-7b-instruct': 'Qwen2-7B-Instruct',
  'deepseek-llm-7b-chat': 'deepseek-llm-7b-chat',
}

interface ConfigStepProps {
  bind: TrainingBinding
  live: LiveYaml
  /** Loads the preset's model and template (trainingConfigDefaults). */
  onModelPreset: (model: ModelPresetId) => void
  onReset: () => void
  presetBusy: boolean
}

function ModelSection({
  bind,
  onModelPreset,
  presetBusy,
}: Pick<ConfigStepProps, 'bind' | 'onModelPreset' | 'presetBusy'>) {
  const { t } = useTranslation()
  const preset = MODEL_PRESETS[bind.state.data.model]
  const custom = bind.state.config.model_name_or_path !== preset.model_name_or_path
  return (
    <FormSection title={t('training.config.modelSection')} help={t('training.config.modelHelp')}>
      <div className="form-grid">
        <Field
          label={t('training.config.preset')}
          hint={custom ? t('training.config.presetCustomHint') : t('training.config.presetHint')}
        >
          {(control) => (
            <select
              {...control}
              value={bind.state.data.model}
              disabled={presetBusy}
              onChange={(event) => onModelPreset(event.target.value as ModelPresetId)}
              data-testid={trainingTestId('data.model')}
            >
              {(Object.keys(MODEL_PRESETS) as ModelPresetId[]).map((id) => (
                <option key={id} value={id}>
                  {MODEL_LABELS[id]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          bind={bind}
          path="config.model_name_or_path"
          label={t('training.config.modelPath')}
          hint={t('training.config.modelPathHint')}
        />
        <SelectField
          bind={bind}
          path="config.template"
          label={t('training.config.template')}
          hint={t('training.config.templateHint')}
          options={TEMPLATES.map((value) => ({ value, label: value }))}
        />
      </div>
    </FormSection>
  )
}

function MethodSection({ bind }: { bind: TrainingBinding }) {
  const { t } = useTranslation()
  const lora = bind.state.config.finetuning_type === 'lora'
  return (
    <FormSection title={t('training.config.methodSection')} help={t('training.config.methodHelp')}>
      <ChoiceField
        bind={bind}
        path="config.finetuning_type"
        label={t('training.config.finetuningType')}
        hint={t(`training.config.finetuningHints.${bind.state.config.finetuning_type}`)}
        options={(['full', 'lora'] as const).map((value) => ({
          value,
          label: t(`training.config.finetuningTypes.${value}`),
        }))}
      />
      {lora && (
        <div className="form-grid" data-testid="training-lora-fields">
          <NumberField
            bind={bind}
            path="config.lora_rank"
            label={t('training.config.loraRank')}
            hint={t('training.config.loraRankHint')}
          />
          <NumberField
            bind={bind}
            path="config.lora_alpha"
            nullable
            label={t('training.config.loraAlpha')}
            hint={t('training.config.loraAlphaHint')}
            placeholder={t('training.config.loraAlphaDefault')}
          />
        </div>
      )}
    </FormSection>
  )
}

function OptimisationSection({ bind }: { bind: TrainingBinding }) {
  const { t } = useTranslation()
  const { per_device_train_batch_size: batch, gradient_accumulation_steps: accumulation } = bind.state.config
  const effective = Number.isFinite(batch * accumulation)
    ? t('training.config.effectiveBatch', { n: formatNumber(batch * accumulation) })
    : undefined
  return (
    <FormSection title={t('training.config.optimisationSection')} help={t('training.config.optimisationHelp')}>
      <div className="form-grid">
        <NumberField
          bind={bind}
          path="config.learning_rate"
          label={t('training.config.learningRate')}
          hint={t('training.config.learningRateHint')}
        />
        <SelectField
          bind={bind}
          path="config.lr_scheduler_type"
          label={t('training.config.scheduler')}
          hint={t('training.config.schedulerHint')}
          options={LR_SCHEDULERS.map((value) => ({ value, label: value }))}
        />
        <NumberField
          bind={bind}
          path="config.num_train_epochs"
          label={t('training.config.epochs')}
          hint={t('training.config.epochsHint')}
        />
        <SelectField
          bind={bind}
          path="config.precision"
          label={t('training.config.precision')}
          hint={t('training.config.precisionHint')}
          options={PRECISIONS.map((value) => ({ value, label: t(`training.config.precisions.${value}`) }))}
        />
        <NumberField
          bind={bind}
          path="config.per_device_train_batch_size"
          label={t('training.config.batchSize')}
          hint={t('training.config.batchSizeHint')}
        />
        <NumberField
          bind={bind}
          path="config.gradient_accumulation_steps"
          label={t('training.config.accumulation')}
          hint={effective}
        />
        <NumberField
          bind={bind}
          path="config.cutoff_len"
          label={t('training.config.cutoffLen')}
          hint={t('training.config.cutoffLenHint')}
        />
      </div>
    </FormSection>
  )
}

function OutputSection({ bind }: { bind: TrainingBinding }) {
  const { t } = useTranslation()
  const holdOut = holdsOutValidation(bind.state.data)
  return (
    <FormSection title={t('training.config.outputSection')} help={t('training.config.outputHelp')}>
      <div className="form-grid">
        <NumberField
          bind={bind}
          path="config.val_size"
          label={t('training.config.valSize')}
          hint={
            holdOut
              ? t('training.config.valSizeHeldOut', { share: bind.state.data.validationShare })
              : t('training.config.valSizeHint')
          }
          disabled={holdOut}
        />
        <NumberField
          bind={bind}
          path="config.logging_steps"
          label={t('training.config.loggingSteps')}
          hint={t('training.config.loggingStepsHint')}
        />
        <NumberField
          bind={bind}
          path="config.save_steps"
          label={t('training.config.saveSteps')}
          hint={t('training.config.saveStepsHint')}
        />
        <TextField
          bind={bind}
          path="config.output_dir"
          className="field-wide"
          label={t('training.config.outputDir')}
          hint={t('training.config.outputDirHint')}
        />
        <TextField
          bind={bind}
          path="config.deepspeed"
          className="field-wide"
          label={t('training.config.deepspeed')}
          hint={t('training.config.deepspeedHint')}
          placeholder="examples/deepspeed/ds_z3_config.json"
        />
      </div>
    </FormSection>
  )
}

/** Step 2: the train YAML as a form, prefilled with the paper's preset, with the YAML beside it. */
export function ConfigStep({ bind, live, onModelPreset, onReset, presetBusy }: ConfigStepProps) {
  const { t } = useTranslation()
  return (
    <div className="training-config-layout" data-testid="training-step-config">
      <div className="card-form">
        <ModelSection bind={bind} onModelPreset={onModelPreset} presetBusy={presetBusy} />
        <MethodSection bind={bind} />
        <OptimisationSection bind={bind} />
        <OutputSection bind={bind} />
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={onReset}
            disabled={presetBusy}
            title={presetBusy ? t('common.working') : t('training.config.resetHint')}
            data-testid="training-config-reset"
          >
            {t('training.config.reset')}
          </button>
        </div>
      </div>
      <YamlPreview live={live} />
    </div>
  )
}
