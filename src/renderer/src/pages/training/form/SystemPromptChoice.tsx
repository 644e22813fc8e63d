import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/Field'
import { ChoiceField } from './fields'
import { trainingTestId, type SystemPromptMode, type TrainingBinding } from './trainingFormState'

const MODES: SystemPromptMode[] = ['simulated', 'none', 'custom']

/** The system message of every sample: the counselor prompt of the simulation, none, or a text of one's own. */
export function SystemPromptChoice({ bind }: { bind: TrainingBinding }) {
  const { t } = useTranslation()
  const { data } = bind.state
  const path = 'data.customSystemPrompt'
  return (
    <div className="training-system-prompt">
      <ChoiceField
        bind={bind}
        path="data.systemPromptMode"
        label={t('training.data.systemPrompt')}
        hint={t(`training.data.systemPromptHints.${data.systemPromptMode}`)}
        options={MODES.map((value) => ({ value, label: t(`training.data.systemPromptModes.${value}`) }))}
      />
      {data.systemPromptMode === 'custom' && (
        <Field label={t('training.data.customSystemPrompt')} error={bind.errors[path]}>
          {(control) => (
            <textarea
              {...control}
              rows={4}
              value={data.customSystemPrompt}
              placeholder={t('training.data.customSystemPromptPlaceholder')}
              onChange={(event) => bind.set(path, event.target.value)}
              data-testid={trainingTestId(path)}
            />
          )}
        </Field>
      )}
    </div>
  )
}
