import { useTranslation } from 'react-i18next'
import type { Aspect, StudyDefaults } from '@shared/study'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { pick } from '../bilingual'
import { BilingualFields } from './BilingualFields'
import type { StudyFormBinding } from './formBinding'
import { blankAspect, copyAspect } from './studyFormState'

const MAX_ASPECTS = 30

/** Pairwise: the aspects each pair is judged on (A better / B better / tie), with why the defaults are these. */
export function AspectsSection({ bind, defaults }: { bind: StudyFormBinding; defaults: StudyDefaults }) {
  const { t } = useTranslation()
  const { state, errors, update } = bind
  const setAspects = (change: (aspects: Aspect[]) => Aspect[]) =>
    update((current) => ({ ...current, aspects: change(current.aspects) }))
  const setAspect = (index: number, change: Partial<Aspect>) =>
    setAspects((aspects) => aspects.map((a, i) => (i === index ? { ...a, ...change } : a)))
  const isDefault = JSON.stringify(state.aspects) === JSON.stringify(defaults.aspects)

  return (
    <FormSection
      title={t('studies.form.aspectsSection')}
      help={t('studies.form.aspectsHelp')}
      testId="study-section-aspects"
    >
      <aside className="study-note" data-testid="study-aspects-note">
        {pick(defaults.aspectsNote)}
      </aside>
      {errors.aspects && (
        <p className="field-error" role="alert" data-testid="study-aspects-error">
          {errors.aspects}
        </p>
      )}
      {state.aspects.map((aspect, index) => (
        <fieldset key={index} className="study-item-editor" data-testid={`study-aspect-${index}`}>
          <legend>{t('studies.form.aspectNumber', { n: index + 1 })}</legend>
          <div className="study-aspect-top">
            <Field
              label={t('studies.form.itemKey')}
              error={errors[`aspects.${index}.key`]}
              hint={t('studies.form.itemKeyHint')}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  className="mono"
                  value={aspect.key}
                  maxLength={40}
                  onChange={(event) => setAspect(index, { key: event.target.value })}
                  data-testid={`study-aspect-key-${index}`}
                />
              )}
            </Field>
            <div className="button-row study-item-actions">
              <button
                type="button"
                className="button button-small"
                onClick={() => setAspects((aspects) => aspects.filter((_, i) => i !== index))}
                aria-label={t('studies.form.removeAspect', { n: index + 1 })}
                data-testid={`study-aspect-remove-${index}`}
              >
                {t('studies.form.remove')}
              </button>
            </div>
          </div>
          <BilingualFields
            label={t('studies.form.aspectName')}
            value={aspect.name}
            error={errors[`aspects.${index}.name`]}
            onChange={(name) => setAspect(index, { name })}
            testId={`study-aspect-name-${index}`}
          />
          <BilingualFields
            label={t('studies.form.itemQuestion')}
            value={aspect.question}
            error={errors[`aspects.${index}.question`]}
            multiline
            rows={2}
            onChange={(question) => setAspect(index, { question })}
            testId={`study-aspect-question-${index}`}
          />
        </fieldset>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => setAspects((aspects) => [...aspects, blankAspect(aspects)])}
          disabled={state.aspects.length >= MAX_ASPECTS}
          data-testid="study-aspect-add"
        >
          {t('studies.form.addAspect')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setAspects(() => defaults.aspects.map(copyAspect))}
          disabled={isDefault}
          title={isDefault ? t('runForm.alreadyDefault') : undefined}
          data-testid="study-aspects-reset"
        >
          {t('studies.form.aspectsReset')}
        </button>
      </div>
    </FormSection>
  )
}
