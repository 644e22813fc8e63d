import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { NumberInput } from '../../../components/NumberInput'
import type { StudyFormBinding } from './formBinding'

const MAX_RATERS = 100

/** Who rates (names the owner hands out links for) and how many of them rate each dialogue. */
export function RatersSection({ bind, units }: { bind: StudyFormBinding; units: number }) {
  const { t } = useTranslation()
  const { state, errors, update } = bind
  const listRef = useRef<HTMLDivElement>(null)
  const focusRow = (index: number) =>
    requestAnimationFrame(() =>
      listRef.current?.querySelector<HTMLInputElement>(`[data-testid="study-rater-name-${index}"]`)?.focus(),
    )
  const setRaters = (change: (raters: string[]) => string[]) =>
    update((current) => ({ ...current, raters: change(current.raters) }))
  const add = () => {
    setRaters((raters) => [...raters, ''])
    focusRow(state.raters.length)
  }
  const remove = (index: number) => {
    setRaters((raters) => raters.filter((_, i) => i !== index))
    focusRow(Math.max(0, index - 1))
  }
  const named = state.raters.filter((r) => r.trim()).length
  const r = state.ratersPerDialogue
  const perRater = named > 0 && Number.isFinite(r) ? Math.ceil((units * r) / named) : null

  return (
    <FormSection
      title={t('studies.form.ratersSection')}
      help={t('studies.form.ratersHelp')}
      testId="study-section-raters"
    >
      <div className="form-grid">
        <Field
          label={t('studies.form.ratersPerDialogue')}
          error={errors.ratersPerDialogue}
          hint={
            perRater !== null
              ? t('studies.form.loadHint', { units, r, raters: named, perRater })
              : t('studies.form.ratersPerDialogueHint')
          }
        >
          {(control) => (
            <NumberInput
              {...control}
              value={state.ratersPerDialogue}
              onChange={(value) => update((current) => ({ ...current, ratersPerDialogue: value ?? Number.NaN }))}
              data-testid="study-raters-per-dialogue"
            />
          )}
        </Field>
      </div>
      {errors.raters && (
        <p className="field-error" role="alert">
          {errors.raters}
        </p>
      )}
      <div className="study-rater-names" ref={listRef}>
        {state.raters.map((name, index) => (
          <div key={index} className="study-rater-name-row">
            <Field label={t('studies.form.raterName', { n: index + 1 })} error={errors[`raters.${index}`]}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={name}
                  maxLength={80}
                  placeholder={t('studies.form.raterPlaceholder')}
                  onChange={(event) =>
                    setRaters((raters) => raters.map((r, i) => (i === index ? event.target.value : r)))
                  }
                  onKeyDown={(event) => {
                    // Enter in the last name adds the next one (Ctrl+Enter still creates the study).
                    if (
                      event.key === 'Enter' &&
                      !event.ctrlKey &&
                      !event.metaKey &&
                      index === state.raters.length - 1
                    ) {
                      event.preventDefault()
                      if (name.trim() && state.raters.length < MAX_RATERS) add()
                    }
                  }}
                  data-testid={`study-rater-name-${index}`}
                />
              )}
            </Field>
            <button
              type="button"
              className="button button-small study-row-remove"
              onClick={() => remove(index)}
              disabled={state.raters.length <= 1}
              title={state.raters.length <= 1 ? t('studies.form.oneRaterNeeded') : undefined}
              aria-label={t('studies.form.removeRater', { name: name || index + 1 })}
              data-testid={`study-rater-remove-${index}`}
            >
              {t('studies.form.remove')}
            </button>
          </div>
        ))}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={add}
          disabled={state.raters.length >= MAX_RATERS}
          title={t('studies.form.addRaterHint')}
          data-testid="study-rater-add"
        >
          {t('studies.form.addRater')}
        </button>
      </div>
    </FormSection>
  )
}
