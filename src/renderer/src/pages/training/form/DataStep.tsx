import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { formatNumber } from '../../../lib/format'
import { NoDatasetsForTraining } from '../TrainingEmptyStates'
import { ExportPreview, type ExportPreviewState } from './ExportPreview'
import { CheckField, ChoiceField, NumberField, SelectField, TextField } from './fields'
import { PoolPicker } from './PoolPicker'
import { SystemPromptChoice } from './SystemPromptChoice'
import { trainingTestId, type TrainingBinding } from './trainingFormState'

function DatasetSelect({ bind, datasets }: { bind: TrainingBinding; datasets: Dataset[] }) {
  const { t } = useTranslation()
  const path = 'data.datasetId'
  const language = (d: Dataset) =>
    d.language === 'mixed' ? t('datasets.mixed') : t(`editor.cardLanguages.${d.language}`)
  return (
    <Field
      label={t('training.data.dataset')}
      hint={t('training.data.datasetHint')}
      error={bind.errors[path]}
      className="field-wide"
    >
      {(control) => (
        <select
          {...control}
          value={bind.state.data.datasetId}
          onChange={(event) => bind.set(path, event.target.value)}
          data-testid={trainingTestId(path)}
        >
          <option value="">{t('training.data.chooseDatasetOption')}</option>
          {datasets.map((dataset) => (
            <option key={dataset.id} value={dataset.id}>
              {t('training.data.datasetOption', {
                name: dataset.name,
                count: dataset.dialogueCount,
                formatted: formatNumber(dataset.dialogueCount),
                language: language(dataset),
              })}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

interface DataStepProps {
  bind: TrainingBinding
  datasets: Dataset[]
  preview: ExportPreviewState
  configYaml: string | null
}

/** Step 1: the dataset, how its dialogues become samples, which are left out, and a preview of the files. */
export function DataStep({ bind, datasets, preview, configYaml }: DataStepProps) {
  const { t } = useTranslation()
  if (bind.state.data.preferences) return <PreferenceDataStep bind={bind} configYaml={configYaml} />
  if (datasets.length === 0) return <NoDatasetsForTraining />
  const styles = (['auto', 'system-prompt', 'seed-context'] as const).map((value) => ({
    value,
    label: t(`training.data.sampleStyles.${value}`),
  }))
  const layouts = (['messages', 'sharegpt'] as const).map((value) => ({
    value,
    label: t(`training.data.layouts.${value}`),
  }))
  const languages = [
    { value: '', label: t('training.data.anyLanguage') },
    { value: 'zh', label: t('editor.cardLanguages.zh') },
    { value: 'en', label: t('editor.cardLanguages.en') },
  ]
  return (
    <div className="card-form" data-testid="training-step-data">
      <FormSection title={t('training.data.sourceSection')} help={t('training.data.sourceHelp')}>
        <div className="form-grid">
          <DatasetSelect bind={bind} datasets={datasets} />
          <div className="field-wide">
            <ChoiceField
              bind={bind}
              path="data.sampleStyle"
              label={t('training.data.sampleStyle')}
              hint={t(`training.data.sampleStyleHints.${bind.state.data.sampleStyle}`)}
              options={styles}
            />
          </div>
          <div className="field-wide">
            <ChoiceField
              bind={bind}
              path="data.layout"
              label={t('training.data.layout')}
              hint={t(`training.data.layoutHints.${bind.state.data.layout}`)}
              options={layouts}
            />
          </div>
          <div className="field-wide">
            <SystemPromptChoice bind={bind} />
          </div>
        </div>
      </FormSection>
      <FormSection title={t('training.data.samplesSection')} help={t('training.data.samplesHelp')}>
        <div className="form-grid training-checks">
          <CheckField
            bind={bind}
            path="data.perTurnSplit"
            label={t('training.data.perTurnSplit')}
            hint={t('training.data.perTurnSplitHint')}
          />
          <CheckField
            bind={bind}
            path="data.dedupe"
            label={t('training.data.dedupe')}
            hint={t('training.data.dedupeHint')}
          />
        </div>
      </FormSection>
      <FormSection title={t('training.data.filtersSection')} help={t('training.data.filtersHelp')}>
        <div className="form-grid training-checks">
          <CheckField
            bind={bind}
            path="data.onlyComplete"
            label={t('training.data.onlyComplete')}
            hint={t('training.data.onlyCompleteHint')}
          />
          <CheckField
            bind={bind}
            path="data.excludeFlagged"
            label={t('training.data.excludeFlagged')}
            hint={t('training.data.excludeFlaggedHint')}
          />
        </div>
        <div className="form-grid">
          <NumberField
            bind={bind}
            path="data.minTurns"
            nullable
            label={t('training.data.minTurns')}
            hint={t('training.data.minTurnsHint')}
            placeholder={t('training.data.noMinimum')}
          />
          <SelectField
            bind={bind}
            path="data.language"
            label={t('training.data.language')}
            hint={t('training.data.languageHint')}
            options={languages}
          />
          <div className="field-wide">
            <PoolPicker bind={bind} />
          </div>
        </div>
      </FormSection>
      <FormSection title={t('training.data.splitSection')} help={t('training.data.splitHelp')}>
        <div className="form-grid">
          <NumberField
            bind={bind}
            path="data.validationShare"
            label={t('training.data.validationShare')}
            hint={t('training.data.validationShareHint')}
          />
          <NumberField
            bind={bind}
            path="data.seed"
            label={t('training.data.seed')}
            hint={t('training.data.seedHint')}
          />
          <TextField
            bind={bind}
            path="data.datasetName"
            label={t('training.data.datasetName')}
            hint={t('training.data.datasetNameHint')}
          />
        </div>
      </FormSection>
      <ExportPreview preview={preview} configYaml={configYaml} validationShare={bind.state.data.validationShare} />
    </div>
  )
}

/**
 * Step 1 when training on arena verdicts: which decisions (set on the arena's ratings tab), the optional system prompt
 * and the dataset name; the pairs are built and checked by the server at launch.
 */
function PreferenceDataStep({ bind, configYaml }: { bind: TrainingBinding; configYaml: string | null }) {
  const { t } = useTranslation()
  const preferences = bind.state.data.preferences!
  const { data } = bind.state
  return (
    <div className="card-form" data-testid="training-step-data" data-source="arena">
      <FormSection title={t('training.data.sourceSection')} help={t('training.data.preferencesHelp')}>
        <p data-testid="training-preferences-source">
          {t('training.data.preferencesSource', {
            count: preferences.arenaIds.length,
            formatted: formatNumber(preferences.arenaIds.length),
            referee:
              preferences.referee === 'llm' ? t('training.data.preferencesLlm') : t('training.data.preferencesHuman'),
            annotator: preferences.annotator ?? t('training.data.preferencesEveryone'),
          })}
        </p>
        <div className="form-grid">
          <div className="field-wide">
            <ChoiceField
              bind={bind}
              path="data.systemPromptMode"
              label={t('training.data.systemPrompt')}
              hint={t('training.data.preferencesPromptHint')}
              options={(['none', 'custom'] as const).map((value) => ({
                value,
                label: t(`training.data.systemPromptModes.${value}`),
              }))}
            />
          </div>
          {data.systemPromptMode === 'custom' && (
            <div className="field-wide">
              <TextField
                bind={bind}
                path="data.customSystemPrompt"
                label={t('training.data.customSystemPrompt')}
                hint={t('training.data.preferencesPromptHint')}
              />
            </div>
          )}
          <TextField
            bind={bind}
            path="data.datasetName"
            label={t('training.data.datasetName')}
            hint={t('training.data.datasetNameHint')}
          />
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => {
              bind.set('data.preferences', null)
              bind.set('data.datasetName', 'simpsy')
            }}
            data-testid="training-preferences-clear"
          >
            {t('training.data.preferencesClear')}
          </button>
        </div>
      </FormSection>
      {configYaml && (
        <FormSection title={t('training.data.preferencesYaml')}>
          <pre className="code-block" data-testid="training-preferences-yaml">
            {configYaml}
          </pre>
        </FormSection>
      )}
    </div>
  )
}
