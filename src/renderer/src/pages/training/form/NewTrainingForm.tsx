import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import type { WorkbenchError } from '@shared/errors'
import type { HostKeyCheck, TrainingJobView } from '@shared/training'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { FormHeader, FormLoading } from '../../../components/StartForm'
import { useToast } from '../../../components/Toasts'
import { setPath } from '../../../lib/dottedPath'
import { isModKey } from '../../../lib/keyboard'
import { useSshProfiles } from '../ssh/useSshProfiles'
import { sshFailureOf, trainingFieldErrors } from '../trainingMessages'
import { ConfigStep } from './ConfigStep'
import { DataStep } from './DataStep'
import { useExportPreview } from './ExportPreview'
import { launchChecks } from './launchChecks'
import { LaunchStep } from './LaunchStep'
import { ServerStep } from './ServerStep'
import { StepNav } from './StepNav'
import {
  CONFIG_FIELD_PATHS,
  configDraftFrom,
  configFieldPath,
  DATA_FIELD_PATHS,
  defaultJobName,
  exportFieldPath,
  initialData,
  preferenceTrainingState,
  stepOf,
  STEPS,
  toConfigInput,
  toLaunchInput,
  validateLaunch,
  type ArenaPreferences,
  type StepId,
  type TrainingErrors,
  type TrainingFormState,
} from './trainingFormState'
import { usePresetActions } from './usePresetActions'
import { useLiveYaml } from './useLiveYaml'

/** Kept while the app runs, so a trip to Datasets or Settings does not lose the form. */
let cachedDraft: { state: TrainingFormState; step: StepId } | null = null
/** Arena preferences the next form trains on (from an arena's "Train with these preferences"). */
let pendingPreferences: ArenaPreferences | null = null

/** The next new-training form starts on these arena preferences with the DPO preset (the current draft is dropped). */
export function trainOnPreferences(preferences: ArenaPreferences) {
  pendingPreferences = preferences
  cachedDraft = null
}
/** Whether the Training page should open the new-training form for a pending hand-over. */
export const hasPendingPreferences = () => pendingPreferences !== null

/** Problems that only say something is not chosen yet. */
const NOT_CHOSEN_YET = ['data.datasetId', 'profileId', 'name']
const ALL_FIELDS = [...DATA_FIELD_PATHS, ...CONFIG_FIELD_PATHS, 'profileId', 'name']

/**
 * Where a launchTraining issue belongs: ["export","minTurns"] → data.minTurns, ["config","cutoff_len"] →
 * config.cutoff_len.
 */
const placeLaunchIssue = (path: string[]) =>
  path[0] === 'export'
    ? exportFieldPath(path[1] ?? '')
    : path[0] === 'config'
      ? configFieldPath(path[1] ?? '')
      : (path[0] ?? '')

interface NewTrainingFormProps {
  datasets: Dataset[]
  onLaunched: (job: TrainingJobView) => void
  onCancel: () => void
}

/**
 * A new fine-tuning job in four steps: data (with a preview of the export), configuration (with the YAML), server,
 * launch.
 */
export function NewTrainingForm({ datasets, onLaunched, onCancel }: NewTrainingFormProps) {
  const { t, i18n } = useTranslation()
  const toast = useToast()
  const ssh = useSshProfiles()
  const [state, setState] = useState<TrainingFormState | null>(cachedDraft?.state ?? null)
  const [step, setStep] = useState<StepId>(cachedDraft?.step ?? 'data')
  const [loadError, setLoadError] = useState<unknown>(null)
  /** Steps whose "not chosen yet" problems are shown (after Next, Preview or Launch was tried). */
  const [strictSteps, setStrictSteps] = useState<ReadonlySet<StepId>>(new Set())
  const [serverErrors, setServerErrors] = useState<{ byField: TrainingErrors; general: string[] } | null>(null)
  const [launching, setLaunching] = useState(false)
  /**
   * The last host key check per server (from the check button, a connection test or a launch): a changed key blocks the
   * launch.
   */
  const [hostKeyChecks, setHostKeyChecks] = useState<Record<string, HostKeyCheck>>({})
  const setHostKeyCheck = (profileId: string, check: HostKeyCheck | null) => {
    // A key trusted now answers the launch's host key refusal.
    if (check?.status === 'trusted') setServerErrors(null)
    setHostKeyChecks((current) => {
      const { [profileId]: _old, ...rest } = current
      return check ? { ...rest, [profileId]: check } : rest
    })
  }
  const bodyRef = useRef<HTMLDivElement>(null)

  const load = useCallback(async () => {
    try {
      const preferences = pendingPreferences
      if (preferences) {
        const dpo = await api.trainingConfigDefaults({ model: initialData().model, stage: 'dpo' })
        pendingPreferences = null
        setStep('data')
        setState(preferenceTrainingState(preferences, dpo))
        setLoadError(null)
        return
      }
      const defaults = await api.trainingConfigDefaults({ model: initialData().model })
      setState(
        (current) =>
          current ?? { name: defaultJobName(), data: initialData(), config: configDraftFrom(defaults), profileId: '' },
      )
      setLoadError(null)
    } catch (error) {
      setLoadError(error)
    }
  }, [])
  useEffect(() => {
    if (!state) void load()
  }, [state, load])
  useEffect(() => {
    if (state) cachedDraft = { state, step }
  }, [state, step])

  // A dataset deleted elsewhere leaves the form; a single SSH profile is chosen for you.
  useEffect(
    () =>
      setState((current) =>
        current && current.data.datasetId && !datasets.some((d) => d.id === current.data.datasetId)
          ? setPath(current, 'data.datasetId', '')
          : current,
      ),
    [datasets],
  )
  const ready = state !== null
  useEffect(() => {
    const profiles = ssh.profiles
    if (!profiles || !ready) return
    setState((current) => {
      if (!current) return current
      if (current.profileId && !profiles.some((p) => p.id === current.profileId))
        return { ...current, profileId: profiles.length === 1 ? profiles[0].id : '' }
      if (!current.profileId && profiles.length === 1) return { ...current, profileId: profiles[0].id }
      return current
    })
  }, [ssh.profiles, ready])

  const set = useCallback((path: string, value: unknown) => {
    setServerErrors(null)
    setState((current) => (current ? setPath(current, path, value) : current))
  }, [])

  const preset = usePresetActions(state, set)
  const configInput = useMemo(() => (state ? toConfigInput(state) : null), [state])
  const live = useLiveYaml(configInput)
  const showServerErrors = (error: WorkbenchError) => {
    const placed = trainingFieldErrors(error, ALL_FIELDS, (path) => exportFieldPath(path[0] ?? ''))
    setServerErrors(placed)
    focusFirstError()
  }
  const preview = useExportPreview(state, () => checkStep('data'), showServerErrors)

  // Values are checked as they are typed (locally, then by the server for the YAML: its words win);
  // what is merely not chosen yet waits until the step was tried. The language is a dependency: the messages are
  // written in it.
  const errors = useMemo<TrainingErrors>(() => {
    if (!state) return {}
    const local = Object.fromEntries(
      Object.entries(validateLaunch(state)).filter(
        ([path]) => !NOT_CHOSEN_YET.includes(path) || strictSteps.has(stepOf(path)),
      ),
    )
    return { ...local, ...serverErrors?.byField, ...live.errors }
    // The language is a dependency: the messages are written in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, strictSteps, live.errors, serverErrors, i18n.language])

  const profile = ssh.profiles?.find((p) => p.id === state?.profileId) ?? null
  const problems = useMemo(() => {
    const counts: Record<StepId, number> = { data: 0, config: 0, server: 0, launch: 0 }
    for (const path of Object.keys(errors)) counts[stepOf(path)]++
    return counts
  }, [errors])

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      bodyRef.current
        ?.querySelector<HTMLElement>(
          '[aria-invalid="true"], .field-invalid input, .field-invalid select, .field-invalid textarea',
        )
        ?.focus(),
    )

  const goTo = (next: StepId) => {
    setStep(next)
    if (bodyRef.current) bodyRef.current.scrollTop = 0
  }

  /** Checks one step strictly; on problems, shows them and stays. */
  const checkStep = (id: StepId): boolean => {
    if (!state) return false
    const found = Object.keys(validateLaunch(state)).filter((path) => stepOf(path) === id)
    if (found.length === 0) return true
    setStrictSteps((current) => new Set([...current, id]))
    focusFirstError()
    return false
  }

  const checksFor = (current: TrainingFormState) =>
    launchChecks(current, {
      configErrors: live.errors,
      previewReady: preview.ready,
      profile,
      hostKeyChanged: profile !== null && hostKeyChecks[profile.id]?.status === 'changed',
    })

  const launch = async () => {
    if (!state) return
    setStrictSteps(new Set(STEPS))
    setServerErrors(null)
    const blocking = checksFor(state).find((check) => !check.ok && !check.warning)
    if (blocking) {
      goTo(blocking.step)
      focusFirstError()
      return
    }
    setLaunching(true)
    try {
      const job = await api.launchTraining(toLaunchInput(state))
      cachedDraft = null
      toast({ kind: 'success', message: t('training.form.launchedToast', { name: job.name }) })
      onLaunched(job)
    } catch (error) {
      const placed = trainingFieldErrors(error, ALL_FIELDS, placeLaunchIssue)
      setServerErrors(placed)
      const ssh = sshFailureOf(error)
      const first = Object.keys(placed.byField)[0]
      if (ssh) {
        // The server said no (host key, login, missing LLaMA-Factory): its step shows the checks, and the key if one
        // was presented.
        if (ssh.hostKey) setHostKeyCheck(ssh.profileId, ssh.hostKey)
        goTo('server')
      } else if (first) {
        goTo(stepOf(first))
        focusFirstError()
      }
    } finally {
      setLaunching(false)
    }
  }

  if (!state) {
    return (
      <FormLoading
        error={loadError}
        failedMessage={(message) => t('training.form.loadFailed', { message })}
        onRetry={() => void load()}
      />
    )
  }

  const bind = { state, errors, set }
  const checks = checksFor(state)
  const blocked =
    datasets.length === 0 && !state.data.preferences
      ? t('training.form.noDatasetsReason')
      : launching
        ? t('common.working')
        : null
  const stepIndex = STEPS.indexOf(step)
  const next = STEPS[stepIndex + 1]
  const previous = STEPS[stepIndex - 1]

  return (
    // Not a <form>: the SSH server dialog holds a form of its own, and forms must not nest.
    <div
      className="run-form training-form"
      role="form"
      onKeyDown={(event) => {
        // A launch occupies a GPU server: Enter in a field does not start it; Ctrl/Cmd+Enter does (not from inside a
        // dialog).
        if (
          event.key !== 'Enter' ||
          !isModKey(event) ||
          (event.target instanceof Element && event.target.closest('dialog'))
        )
          return
        event.preventDefault()
        if (!blocked) void launch()
      }}
      aria-label={t('training.form.title')}
      data-testid="new-training-form"
    >
      <FormHeader title={t('training.form.title')} intro={t('training.form.intro')}>
        <button type="button" className="button" onClick={onCancel} data-testid="training-form-cancel">
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void launch()}
          disabled={blocked !== null}
          title={blocked ?? t('training.form.launchHint')}
          data-testid="training-launch"
        >
          {launching ? t('training.form.launching') : t('training.form.launch')}
        </button>
      </FormHeader>
      <StepNav step={step} problems={problems} onStep={goTo} />
      <div
        className="detail-body"
        ref={bodyRef}
        id="training-step-panel"
        role="tabpanel"
        aria-labelledby={`training-tab-${step}`}
      >
        {serverErrors && serverErrors.general.length > 0 && (
          <ErrorBanner testId="training-form-error">
            {t('training.form.serverProblem', { message: serverErrors.general.join(' ') })}
          </ErrorBanner>
        )}
        {step === 'data' && <DataStep bind={bind} datasets={datasets} preview={preview} configYaml={live.yaml} />}
        {step === 'config' && (
          <ConfigStep
            bind={bind}
            live={live}
            onModelPreset={preset.changeModel}
            onReset={preset.reset}
            presetBusy={preset.busy}
          />
        )}
        {step === 'server' && (
          <ServerStep bind={bind} ssh={ssh} hostKeyChecks={hostKeyChecks} onHostKeyCheck={setHostKeyCheck} />
        )}
        {step === 'launch' && (
          <LaunchStep
            bind={bind}
            datasets={datasets}
            profile={profile}
            preview={preview}
            checks={checks}
            onStep={goTo}
          />
        )}
        <div className="button-row training-step-footer">
          {previous && (
            <button type="button" className="button" onClick={() => goTo(previous)} data-testid="training-step-back">
              {t('training.form.back', { step: t(`training.form.steps.${previous}`) })}
            </button>
          )}
          <span className="spacer" />
          {next ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => checkStep(step) && goTo(next)}
              data-testid="training-step-next"
            >
              {t('training.form.next', { step: t(`training.form.steps.${next}`) })}
            </button>
          ) : (
            <button
              type="button"
              className="button button-primary"
              onClick={() => void launch()}
              disabled={blocked !== null}
              title={blocked ?? t('training.form.launchHint')}
              data-testid="training-launch-bottom"
            >
              {launching ? t('training.form.launching') : t('training.form.launch')}
            </button>
          )}
        </div>
      </div>
    </div>
  )
}
