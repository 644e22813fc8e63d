import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import { endpointIdsIn } from '@shared/remoteRun'
import type { RunSummary, SimulationConfig } from '@shared/simulation'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { FormHeader, FormLoading, NoEndpointBanner, StartForm } from '../../../components/StartForm'
import { useToast } from '../../../components/Toasts'
import { draftMemory, useStartForm } from '../../../components/useStartForm'
import { useDebouncedValue } from '../../../lib/useDebouncedValue'
import { useLoaded } from '../../../lib/useLoaded'
import { useCardMatches } from '../../roleCards/useCardMatches'
import { useNavigate } from '../../../components/Navigation'
import { HERE, placeInput, RunPlaceSection, type RunPlace } from '../../remote/RunPlaceSection'
import { useSshProfiles } from '../../training/ssh/useSshProfiles'
import { ClientSection } from './ClientSection'
import { CounselorSection } from './CounselorSection'
import { DialogueRulesSection } from './DialogueRulesSection'
import { ExecutionSection } from './ExecutionSection'
import { RefinementSection } from './RefinementSection'
import { RunCardsSection } from './RunCardsSection'
import { SessionSection } from './SessionSection'
import {
  defaultRunName,
  NO_RUN_CARDS,
  RUN_FIELD_PATHS,
  toInput,
  toQuery,
  validate,
  withEndpoints,
  type RunFormState,
} from './runFormState'

const memory = draftMemory<RunFormState>()

const withoutEndpoints = (config: SimulationConfig) =>
  JSON.stringify({
    ...config,
    client: { ...config.client, endpointId: '' },
    counselor: { ...config.counselor, endpointId: '' },
  })

/** Cards chosen on the Role cards page ("Simulate selected"), applied once per navigation (`seq`). */
export interface RunPreselect {
  seq: number
  cardIds: string[]
}

interface NewRunFormProps {
  endpoints: EndpointView[] | null
  onStarted: (run: RunSummary) => void
  onCancel: () => void
  preselect?: RunPreselect | null
  /** Called once the preselected cards are in the form. */
  onPreselected?: (seq: number) => void
}

/** Every setting of a run, prefilled with the paper's defaults, each with a short explanation. */
export function NewRunForm({ endpoints, onStarted, onCancel, preselect, onPreselected }: NewRunFormProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const {
    value: loaded,
    error: loadError,
    reload: load,
  } = useLoaded(() => Promise.all([api.simulationDefaults(), api.listTemplates()]), [])
  const defaults = loaded?.[0] ?? null
  const templates = loaded?.[1] ?? []
  const navigate = useNavigate()
  const { profiles } = useSshProfiles()
  // Here, or on a GPU server (a remote run: the workbench there runs it and this one pulls it back).
  const [place, setPlace] = useState<RunPlace>(HERE)
  const { state, setState, set, shownErrors, submitted, serverErrors, starting, submit, bodyRef } = useStartForm({
    memory,
    start: async (current: RunFormState) => {
      if (place.profileId) {
        const input = toInput(current)
        const remote = await api.launchRemoteRun({ name: input.name, run: input, ...placeInput(place) })
        toast({
          kind: 'success',
          message: t('remote.place.launchedToast', { name: remote.name, server: remote.target }),
        })
        return { remote }
      }
      const run = await api.startRun(toInput(current))
      toast({ kind: 'success', message: t('runForm.startedToast', { name: run.name }) })
      return { run }
    },
    fieldPaths: () => RUN_FIELD_PATHS,
    onStarted: (started: { run: RunSummary } | { remote: { id: string } }) =>
      'run' in started ? onStarted(started.run) : navigate('remote', { remoteRunId: started.remote.id }),
  })
  const cardFilters = useDebouncedValue(state?.cards ?? NO_RUN_CARDS, 250)
  const cards = useCardMatches(toQuery(cardFilters))

  useEffect(() => {
    if (!defaults || !endpoints) return
    setState((current) =>
      current
        ? { ...current, config: withEndpoints(current.config, endpoints) }
        : { name: defaultRunName(), cards: NO_RUN_CARDS, config: withEndpoints(defaults, endpoints) },
    )
  }, [defaults, endpoints, setState])

  // Cards chosen on the Role cards page replace the selection of a kept draft (after the effect above made one).
  const ready = defaults !== null && endpoints !== null
  useEffect(() => {
    if (!preselect || !ready) return
    setState((current) => current && { ...current, cards: { ...current.cards, ids: preselect.cardIds } })
    onPreselected?.(preselect.seq)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new navigation (seq) is what applies it
  }, [preselect?.seq, ready])

  if (!state || !defaults || !endpoints) {
    return (
      <FormLoading
        error={loadError}
        failedMessage={(message) => t('runForm.loadFailed', { message })}
        onRetry={() => void load()}
      />
    )
  }

  const problems = validate(state, cards.count)
  const errors = shownErrors(problems)
  const noEndpoint = endpoints.length === 0
  const isDefault = withoutEndpoints(state.config) === withoutEndpoints(defaults)
  const bind = { state, errors, set }

  const reset = () => {
    set(
      'config',
      withEndpoints(
        {
          ...defaults,
          client: { ...defaults.client, endpointId: state.config.client.endpointId },
          counselor: { ...defaults.counselor, endpointId: state.config.counselor.endpointId },
        },
        endpoints,
      ),
    )
    toast({ message: t('runForm.resetDone') })
  }

  const calledEndpoints = endpointIdsIn(state.config)
    .map((id) => endpoints.find((e) => e.id === id))
    .filter((e): e is EndpointView => e !== undefined)
  const problemCount = Object.keys(errors).length
  const startReason = noEndpoint
    ? t('runForm.noEndpointReason')
    : starting
      ? t('common.working')
      : t('runForm.startHint')

  return (
    <StartForm
      className="run-form"
      label={t('runForm.title')}
      testId="new-run-form"
      canStart={!noEndpoint && !starting}
      onStart={() => void submit(problems)}
    >
      <FormHeader title={t('runForm.title')} intro={t('runForm.intro')}>
        <button
          type="button"
          className="button"
          onClick={reset}
          disabled={isDefault}
          title={isDefault ? t('runForm.alreadyDefault') : t('runForm.resetHint')}
          data-testid="run-form-reset"
        >
          {t('runForm.reset')}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="run-form-cancel">
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={noEndpoint || starting}
          title={startReason}
          data-testid="run-form-submit"
        >
          {place.profileId
            ? starting
              ? t('remote.place.starting')
              : t('remote.place.start')
            : starting
              ? t('runForm.starting')
              : t('runForm.start')}
        </button>
      </FormHeader>
      <div className="detail-body" ref={bodyRef}>
        {noEndpoint && (
          <NoEndpointBanner
            text={t('runForm.noEndpoint')}
            testId="run-form-no-endpoint"
            settingsTestId="run-form-open-settings"
          />
        )}
        {serverErrors && serverErrors.general.length > 0 && (
          <ErrorBanner testId="run-form-error">
            {t('runForm.startFailed', { message: serverErrors.general.join(' ') })}
          </ErrorBanner>
        )}
        {submitted && problemCount > 0 && (
          <ErrorBanner testId="run-form-problems">{t('runForm.problems', { count: problemCount })}</ErrorBanner>
        )}
        <div className="card-form">
          <RunCardsSection bind={bind} cards={cards} />
          <ClientSection bind={bind} endpoints={endpoints} templates={templates} />
          <CounselorSection bind={bind} endpoints={endpoints} templates={templates} />
          <DialogueRulesSection bind={bind} />
          <SessionSection bind={bind} />
          <RefinementSection bind={bind} />
          <ExecutionSection bind={bind} />
          <RunPlaceSection
            place={place}
            onChange={setPlace}
            profiles={profiles}
            endpoints={calledEndpoints}
            testIdPrefix="run"
          />
        </div>
      </div>
    </StartForm>
  )
}
