import { useTranslation } from 'react-i18next'
import type { StudyDefaults } from '@shared/study'
import { CheckField } from '../../../components/CheckField'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { NumberInput } from '../../../components/NumberInput'
import { BilingualFields } from './BilingualFields'
import type { StudyFormBinding } from './formBinding'

/** What raters read first (per design, prefilled), whether they may comment, and the seed. */
export function GuidelinesSection({ bind, defaults }: { bind: StudyFormBinding; defaults: StudyDefaults }) {
  const { t } = useTranslation()
  const { state, errors, update } = bind
  const design = state.design
  const isDefault = JSON.stringify(state.guidelines[design]) === JSON.stringify(defaults.guidelines[design])
  return (
    <FormSection
      title={t('studies.form.guidelinesSection')}
      help={t('studies.form.guidelinesHelp')}
      testId="study-section-guidelines"
    >
      <BilingualFields
        label={t('studies.form.guidelines')}
        value={state.guidelines[design]}
        error={errors.guidelines}
        multiline
        rows={6}
        onChange={(text) =>
          update((current) => ({ ...current, guidelines: { ...current.guidelines, [design]: text } }))
        }
        testId="study-guidelines"
      />
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            update((current) => ({
              ...current,
              guidelines: { ...current.guidelines, [design]: { ...defaults.guidelines[design] } },
            }))
          }
          disabled={isDefault}
          title={isDefault ? t('runForm.alreadyDefault') : undefined}
          data-testid="study-guidelines-reset"
        >
          {t('studies.form.guidelinesReset')}
        </button>
      </div>
      <div className="form-grid">
        <CheckField
          label={t('studies.form.comments')}
          hint={t('studies.form.commentsHint')}
          checked={state.comments}
          onChange={(comments) => update((current) => ({ ...current, comments }))}
          testId="study-comments"
        />
        <Field label={t('runForm.seed')} error={errors.seed} hint={t('studies.form.seedHint')}>
          {(control) => (
            <NumberInput
              {...control}
              value={state.seed}
              onChange={(value) => update((current) => ({ ...current, seed: value ?? Number.NaN }))}
              data-testid="study-seed"
            />
          )}
        </Field>
      </div>
    </FormSection>
  )
}
