import { useTranslation } from 'react-i18next'
import type { SimulationConfig } from '@shared/simulation'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { CheckField, NumberField } from './fields'
import type { FormBinding } from './runFormState'

/**
 * The reply rules (length, no line breaks, no lists) for each role, and what happens when resampling does not fix a
 * reply.
 */
export function RefinementSection({ bind }: { bind: FormBinding<{ config: Pick<SimulationConfig, 'refinement'> }> }) {
  const { t } = useTranslation()
  const refinement = bind.state.config.refinement

  const rule = (role: 'counselor' | 'client') => {
    const base = `config.refinement.${role}`
    const off = !refinement[role].enabled
    const offReason = t('runForm.ruleOffReason')
    return (
      <fieldset className="rule-box" data-testid={`run-rule-${role}`}>
        <legend>{t(role === 'counselor' ? 'runForm.refineCounselor' : 'runForm.refineClient')}</legend>
        <CheckField
          bind={bind}
          path={`${base}.enabled`}
          label={t('runForm.refineEnabled')}
          hint={t(`runForm.refineEnabledHint.${role}`)}
        />
        <div className={`form-grid rule-numbers${off ? ' is-off' : ''}`}>
          <NumberField
            bind={bind}
            path={`${base}.maxChars.zh`}
            nullable
            placeholder={t('runForm.noLimit')}
            label={t('runForm.maxCharsZh')}
            hint={t('runForm.maxCharsHint')}
          />
          <NumberField
            bind={bind}
            path={`${base}.maxWords.en`}
            nullable
            placeholder={t('runForm.noLimit')}
            label={t('runForm.maxWordsEn')}
            hint={t('runForm.maxWordsEnHint')}
          />
          <NumberField
            bind={bind}
            path={`${base}.maxChars.en`}
            nullable
            placeholder={t('runForm.noLimit')}
            label={t('runForm.maxCharsEn')}
            hint={t('runForm.maxCharsEnHint')}
          />
        </div>
        <CheckField
          bind={bind}
          path={`${base}.noLineBreaks`}
          label={t('runForm.noLineBreaks')}
          hint={t('runForm.noLineBreaksHint')}
          disabled={off}
          disabledReason={offReason}
        />
        <CheckField
          bind={bind}
          path={`${base}.noEnumeration`}
          label={t('runForm.noEnumeration')}
          hint={t('runForm.noEnumerationHint')}
          disabled={off}
          disabledReason={offReason}
        />
      </fieldset>
    )
  }

  return (
    <FormSection
      title={t('runForm.refinementSection')}
      help={t('runForm.refinementHelp')}
      testId="run-section-refinement"
    >
      <div className="rule-columns">
        {rule('counselor')}
        {rule('client')}
      </div>
      <div className="form-grid refine-bottom">
        <NumberField
          bind={bind}
          path="config.refinement.maxResamples"
          label={t('runForm.maxResamples')}
          hint={t('runForm.maxResamplesHint')}
        />
        <Field label={t('runForm.onExhausted')} hint={t(`runForm.exhaustedHint.${refinement.onExhausted}`)}>
          {(control) => (
            <select
              {...control}
              value={refinement.onExhausted}
              onChange={(event) => bind.set('config.refinement.onExhausted', event.target.value)}
              data-testid="run-refinement-onExhausted"
            >
              {(['keep_best_and_flag', 'fail_dialogue'] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`runForm.exhausted.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </FormSection>
  )
}
