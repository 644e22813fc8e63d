import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { STUDY_DESIGNS, type StudyView } from '@shared/study'
import type { Dataset } from '@shared/dialogue'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { FormHeader, FormLoading, StartForm } from '../../../components/StartForm'
import { useToast } from '../../../components/Toasts'
import { draftMemory, useStartForm } from '../../../components/useStartForm'
import { useLoaded } from '../../../lib/useLoaded'
import { NoStudyDatasets } from '../NoStudies'
import { AspectsSection } from './AspectsSection'
import { GuidelinesSection } from './GuidelinesSection'
import { RatersSection } from './RatersSection'
import { RubricSection } from './RubricSection'
import { SourcesSection } from './SourcesSection'
import {
  initialStudyForm,
  placeServerErrors,
  studyFieldPaths,
  toInput,
  unitCount,
  validate,
  withDesign,
  type StudyFormState,
} from './studyFormState'

const memory = draftMemory<StudyFormState>()

interface NewStudyFormProps {
  datasets: Dataset[] | null
  onCreated: (study: StudyView) => void
  onCancel: () => void
}

/**
 * A new rating study: its dialogues (a seeded sample of each dataset, or pairs of two), its raters, and what they
 * answer (a rubric, or aspects of a pairwise comparison) after reading the guidelines. Ctrl+Enter creates it.
 */
export function NewStudyForm({ datasets, onCreated, onCancel }: NewStudyFormProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const { value: defaults, error: loadError, reload } = useLoaded(() => api.studyDefaults(), [])
  const { state, setState, update, shownErrors, submitted, serverErrors, starting, submit, bodyRef } = useStartForm({
    memory,
    start: async (current: StudyFormState) => {
      const study = await api.createStudy(toInput(current, defaults!))
      toast({ kind: 'success', message: t('studies.form.createdToast', { name: study.name }) })
      return study
    },
    fieldPaths: studyFieldPaths,
    structured: false,
    onStarted: onCreated,
  })

  useEffect(() => {
    if (!defaults || !datasets) return
    setState((current) => current ?? initialStudyForm(defaults, datasets))
  }, [defaults, datasets, setState])

  if (datasets && datasets.length === 0) return <NoStudyDatasets />
  if (!state || !defaults || !datasets) {
    return (
      <FormLoading
        error={loadError}
        failedMessage={(message) => t('studies.form.loadFailed', { message })}
        onRetry={() => void reload()}
      />
    )
  }

  const problems = validate(state, defaults)
  const errors = placeServerErrors(shownErrors(problems))
  const bind = { state, errors, update }
  const problemCount = Object.keys(errors).length
  const units = unitCount(state)

  return (
    <StartForm
      className="run-form study-form"
      label={t('studies.form.title')}
      testId="new-study-form"
      canStart={!starting}
      onStart={() => void submit(problems)}
    >
      <FormHeader title={t('studies.form.title')} intro={t('studies.form.intro')}>
        <button type="button" className="button" onClick={onCancel} data-testid="study-form-cancel">
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={starting}
          title={starting ? t('common.working') : t('studies.form.createHint')}
          data-testid="study-form-submit"
        >
          {starting ? t('common.working') : t('studies.form.create')}
        </button>
      </FormHeader>
      <div className="detail-body" ref={bodyRef}>
        {serverErrors && serverErrors.general.length > 0 && (
          <ErrorBanner testId="study-form-error">
            {t('studies.form.createFailed', { message: serverErrors.general.join(' · ') })}
          </ErrorBanner>
        )}
        {submitted && problemCount > 0 && (
          <div className="banner banner-warning" role="alert" data-testid="study-form-problems">
            <div className="banner-text">{t('runForm.problems', { count: problemCount })}</div>
          </div>
        )}
        <div className="card-form">
          <FormSection
            title={t('studies.form.studySection')}
            help={t('studies.form.studyHelp')}
            testId="study-section-study"
          >
            <Field label={t('studies.form.name')} error={errors.name}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={state.name}
                  maxLength={200}
                  placeholder={t('studies.form.namePlaceholder')}
                  onChange={(event) => update((current) => ({ ...current, name: event.target.value }))}
                  data-testid="study-name"
                  autoFocus
                />
              )}
            </Field>
            <fieldset className="radio-group study-design-choice" data-testid="study-design">
              <legend>{t('studies.form.design')}</legend>
              {STUDY_DESIGNS.map((design) => (
                <label
                  key={design}
                  className={`radio radio-described kind-option${state.design === design ? ' kind-option-selected' : ''}`}
                >
                  <input
                    type="radio"
                    name="study-design"
                    value={design}
                    checked={state.design === design}
                    onChange={() => update((current) => withDesign(current, design, datasets))}
                    data-testid={`study-design-${design}`}
                  />
                  <span>
                    <span className="check-label">{t(`studies.designs.${design}`)}</span>
                    <span className="field-hint">{t(`studies.designHints.${design}`)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          </FormSection>
          <SourcesSection bind={bind} datasets={datasets} />
          <RatersSection bind={bind} units={units} />
          {state.design === 'rubric' ? (
            <RubricSection bind={bind} defaults={defaults} />
          ) : (
            <AspectsSection bind={bind} defaults={defaults} />
          )}
          <GuidelinesSection bind={bind} defaults={defaults} />
        </div>
      </div>
    </StartForm>
  )
}
