import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import type { EndpointView } from '@shared/endpoint'
import type { EvaluationKind, EvaluationSummary, JudgeEstimate } from '@shared/evaluation'
import { api } from '../../../api/client'
import { CheckField } from '../../../components/CheckField'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { FormHeader, StartForm } from '../../../components/StartForm'
import { useToast } from '../../../components/Toasts'
import { hasErrorCode } from '../../../lib/errors'
import { fieldErrorsOf } from '../../../lib/fieldErrors'
import { NoDatasets } from '../EmptyStates'
import {
  ANALYSIS_FIELD_PATHS,
  currentConfig,
  initialState,
  isDefaultConfig,
  isJudged,
  maxDatasets,
  resetConfig,
  setConfigField,
  toInput,
  validate,
  withEndpoint,
  type AnalysisBinding,
  type AnalysisErrors,
  type AnalysisFormState,
} from './analysisForm'
import { BatchFileSection } from './BatchFileSection'
import { endpointIdsIn } from '@shared/remoteRun'
import { useNavigate } from '../../../components/Navigation'
import { HERE, placeInput, RunPlaceSection, type RunPlace } from '../../remote/RunPlaceSection'
import { useSshProfiles } from '../../training/ssh/useSshProfiles'
import { DatasetPicker } from './DatasetPicker'
import { EstimateDialog } from './EstimateDialog'
import { KindPicker } from './KindPicker'
import { KindSettings } from './KindSettings'

/** Kept while the app runs, so a trip to Settings (to add an endpoint) does not lose the form. */
let cachedDraft: AnalysisFormState | null = null

interface NewAnalysisFormProps {
  datasets: Dataset[]
  endpoints: EndpointView[]
  onStarted: (evaluation: EvaluationSummary) => void
  onCancel: () => void
}

/** Choose an analysis, its datasets and settings (the paper's defaults); judged analyses show their cost first. */
export function NewAnalysisForm({ datasets, endpoints, onStarted, onCancel }: NewAnalysisFormProps) {
  const { t, i18n } = useTranslation()
  const toast = useToast()
  const [state, setState] = useState<AnalysisFormState>(() =>
    withEndpoint(cachedDraft ?? initialState(endpoints), endpoints),
  )
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<{ byField: AnalysisErrors; general: string[] } | null>(null)
  const [busy, setBusy] = useState<'estimating' | 'starting' | null>(null)
  const [estimate, setEstimate] = useState<JudgeEstimate | null>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const navigate = useNavigate()
  const { profiles } = useSshProfiles()
  // Here, or on a GPU server (the workbench there runs it on an uploaded copy of the datasets and it is pulled back).
  const [place, setPlace] = useState<RunPlace>(HERE)

  useEffect(() => setState((current) => withEndpoint(current, endpoints)), [endpoints])
  // Datasets deleted elsewhere leave the selection.
  useEffect(
    () =>
      setState((current) =>
        current.datasetIds.every((id) => datasets.some((d) => d.id === id))
          ? current
          : { ...current, datasetIds: current.datasetIds.filter((id) => datasets.some((d) => d.id === id)) },
      ),
    [datasets],
  )
  useEffect(() => {
    cachedDraft = state
  }, [state])

  const errors = useMemo<AnalysisErrors>(
    () => (submitted ? { ...serverErrors?.byField, ...validate(state) } : (serverErrors?.byField ?? {})),
    // The language is a dependency: the messages are written in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, submitted, serverErrors, i18n.language],
  )
  const update = (next: (current: AnalysisFormState) => AnalysisFormState) => {
    setServerErrors(null)
    setState(next)
  }
  const setConfig = (path: string, value: unknown) => update((current) => setConfigField(current, path, value))
  const bind: AnalysisBinding = { state: { ...state, config: currentConfig(state) }, errors, set: setConfig }

  const kindLabel = t(`evaluations.kinds.${state.kind}`)
  const names = state.datasetIds.map((id) => datasets.find((d) => d.id === id)?.name ?? id)
  const autoName = names.length ? `${kindLabel}: ${names.join(' vs ')}` : kindLabel
  const input = () => ({ ...toInput(state), name: state.name.trim() || autoName })

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input')?.focus(),
    )
  const fail = (error: unknown) => {
    setServerErrors(fieldErrorsOf(error, ANALYSIS_FIELD_PATHS))
    if (hasErrorCode(error, 'invalid_input')) focusFirstError()
  }

  const start = async () => {
    setBusy('starting')
    try {
      if (place.profileId) {
        const remote = await api.launchRemoteRun({ name: input().name, evaluation: input(), ...placeInput(place) })
        cachedDraft = { ...state, name: '' }
        setEstimate(null)
        toast({
          kind: 'success',
          message: t('remote.place.launchedToast', { name: remote.name, server: remote.target }),
        })
        navigate('remote', { remoteRunId: remote.id })
        return
      }
      const evaluation = await api.startEvaluation(input())
      cachedDraft = { ...state, name: '' }
      setEstimate(null)
      toast({ kind: 'success', message: t('analysisForm.startedToast', { name: evaluation.name }) })
      onStarted(evaluation)
    } catch (error) {
      setEstimate(null)
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  const submit = async () => {
    setSubmitted(true)
    setServerErrors(null)
    if (Object.keys(validate(state)).length > 0) return focusFirstError()
    if (!isJudged(state.kind)) return start()
    setBusy('estimating')
    try {
      setEstimate(await api.estimateEvaluation(input()))
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  const noDatasets = datasets.length === 0
  const noEndpoint = isJudged(state.kind) && endpoints.length === 0
  const blocked = noDatasets
    ? t('analysisForm.noDatasetsReason')
    : noEndpoint
      ? t('analysisForm.noEndpointReason')
      : busy
        ? t('common.working')
        : null
  const problemCount = Object.keys(errors).length
  const setKind = (kind: EvaluationKind) => update((current) => ({ ...current, kind }))

  return (
    <StartForm
      className="run-form"
      label={t('analysisForm.title')}
      testId="new-analysis-form"
      canStart={blocked === null}
      onStart={() => void submit()}
    >
      <FormHeader title={t('analysisForm.title')} intro={t('analysisForm.intro')}>
        <button type="button" className="button" onClick={onCancel} data-testid="analysis-form-cancel">
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={blocked !== null}
          title={blocked ?? (isJudged(state.kind) ? t('analysisForm.startJudgedHint') : t('analysisForm.startHint'))}
          data-testid="analysis-form-submit"
        >
          {busy === 'estimating'
            ? t('analysisForm.estimating')
            : busy === 'starting'
              ? t('analysisForm.starting')
              : isJudged(state.kind)
                ? t('analysisForm.estimateAndStart')
                : place.profileId
                  ? t('remote.place.start')
                  : t('analysisForm.start')}
        </button>
      </FormHeader>
      <div className="detail-body" ref={bodyRef}>
        {serverErrors && serverErrors.general.length > 0 && (
          <ErrorBanner testId="analysis-form-error">
            {t('analysisForm.startFailed', { message: serverErrors.general.join(' ') })}
          </ErrorBanner>
        )}
        {submitted && problemCount > 0 && (
          <ErrorBanner testId="analysis-form-problems">
            {t('analysisForm.problems', { count: problemCount })}
          </ErrorBanner>
        )}
        <div className="card-form">
          <FormSection title={t('analysisForm.whatSection')} testId="analysis-what">
            <KindPicker kind={state.kind} onChange={setKind} />
            {noDatasets ? (
              <NoDatasets compact />
            ) : (
              <DatasetPicker
                datasets={datasets}
                selected={state.datasetIds}
                max={maxDatasets(state.kind)}
                error={errors.datasetIds}
                onChange={(datasetIds) => update((current) => ({ ...current, datasetIds }))}
              />
            )}
            <CheckField
              label={t('analysisForm.allDialogues')}
              hint={t('analysisForm.allDialoguesHint')}
              checked={state.allDialogues ?? false}
              onChange={(allDialogues) => update((current) => ({ ...current, allDialogues }))}
              testId="analysis-all-dialogues"
            />
            <Field label={t('analysisForm.name')} hint={t('analysisForm.nameHint')} error={errors.name}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={state.name}
                  placeholder={autoName}
                  maxLength={200}
                  onChange={(event) => update((current) => ({ ...current, name: event.target.value }))}
                  data-testid="analysis-name"
                />
              )}
            </Field>
          </FormSection>
          <KindSettings
            bind={bind}
            endpoints={endpoints}
            isDefault={isDefaultConfig(state)}
            onReset={() => update(resetConfig)}
          />
          {isJudged(state.kind) && (
            <BatchFileSection
              input={input}
              endpointId={String(bind.state.config?.endpointId ?? '')}
              blocked={
                blocked ??
                (state.datasetIds.length === 0 || !bind.state.config?.endpointId
                  ? t('analysisForm.batchFile.chooseFirst')
                  : null)
              }
            />
          )}
          <RunPlaceSection
            place={place}
            onChange={setPlace}
            profiles={profiles}
            endpoints={endpointIdsIn(bind.state.config)
              .map((id) => endpoints.find((e) => e.id === id))
              .filter((e): e is EndpointView => e !== undefined)}
            testIdPrefix="analysis"
          />
        </div>
      </div>
      {estimate && (
        <EstimateDialog
          estimate={estimate}
          batch={bind.state.config?.delivery === 'batch'}
          endpoint={endpoints.find((e) => e.id === state.configs.judge.endpointId)}
          kindLabel={kindLabel}
          busy={busy === 'starting'}
          onConfirm={() => void start()}
          onCancel={() => setEstimate(null)}
        />
      )}
    </StartForm>
  )
}
