import { useTranslation } from 'react-i18next'
import type { SimulationConfig } from '@shared/simulation'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { TagInput } from '../../roleCards/TagInput'
import { NumberField, TextField } from './fields'
import { testIdFor, type FormBinding } from './runFormState'

/** Turn limit, the client's opening line, and the closing phrases that end a dialogue. */
export function DialogueRulesSection({
  bind,
}: {
  bind: FormBinding<{ config: Pick<SimulationConfig, 'termination'> }>
}) {
  const { t } = useTranslation()
  const phrases = (language: 'zh' | 'en') => {
    const path = `config.termination.${language}`
    return (
      <Field
        label={t(language === 'zh' ? 'runForm.terminationZh' : 'runForm.terminationEn')}
        hint={t('runForm.terminationHint')}
        error={bind.errors[path]}
        className="field-wide"
      >
        {(control) => (
          <TagInput
            {...control}
            tags={bind.state.config.termination[language]}
            onChange={(tags) => bind.set(path, tags)}
            placeholder={t('runForm.terminationPlaceholder')}
            removeLabel={(phrase) => t('runForm.removePhrase', { phrase })}
            testId={testIdFor(path)}
          />
        )}
      </Field>
    )
  }
  return (
    <FormSection title={t('runForm.dialogueSection')} help={t('runForm.dialogueHelp')} testId="run-section-dialogue">
      <div className="form-grid">
        <NumberField
          bind={bind}
          path="config.maxTurns"
          label={t('runForm.maxTurns')}
          hint={t('runForm.maxTurnsHint')}
        />
        <TextField
          bind={bind}
          path="config.greeting.zh"
          label={t('runForm.greetingZh')}
          hint={t('runForm.greetingHint')}
        />
        <TextField
          bind={bind}
          path="config.greeting.en"
          label={t('runForm.greetingEn')}
          hint={t('runForm.greetingHint')}
        />
      </div>
      {phrases('zh')}
      {phrases('en')}
    </FormSection>
  )
}
