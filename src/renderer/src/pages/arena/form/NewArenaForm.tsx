import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArenaSummary, Referee } from '@shared/arena'
import type { EndpointView } from '@shared/endpoint'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { FormSection } from '../../../components/FormSection'
import { FormHeader, FormLoading, NoEndpointBanner, StartForm } from '../../../components/StartForm'
import { useToast } from '../../../components/Toasts'
import { draftMemory, useStartForm } from '../../../components/useStartForm'
import { useLoaded } from '../../../lib/useLoaded'
import { useCardMatches } from '../../roleCards/useCardMatches'
import { AgentSection } from '../../simulations/newRun/AgentSection'
import { DialogueRulesSection } from '../../simulations/newRun/DialogueRulesSection'
import { NumberField } from '../../simulations/newRun/fields'
import { RefinementSection } from '../../simulations/newRun/RefinementSection'
import { ArenaSetupSection } from './ArenaSetupSection'
import {
  arenaFieldPaths,
  differsFromDefaults,
  initialArenaForm,
  resetToDefaults,
  toInput,
  validate,
  withInteractiveAgentsPreset,
  withEndpoints,
  withReferee,
  type ArenaFormState,
} from './arenaFormState'
import { ContestantsSection } from './ContestantsSection'
import { RefereeSection } from './RefereeSection'

const memory = draftMemory<ArenaFormState>()

interface NewArenaFormProps {
  endpoints: EndpointView[] | null
  onStarted: (arena: ArenaSummary) => void
  onCancel: () => void
}

/**
 * Every setting of an arena, prefilled with the paper's defaults: contestants, referee, the client agent and the
 * dialogue rules.
 */
export function NewArenaForm({ endpoints, onStarted, onCancel }: NewArenaFormProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const {
    value: loaded,
    error: loadError,
    reload: load,
  } = useLoaded(() => Promise.all([api.arenaDefaults(), api.listTemplates()]), [])
  const [defaults, templates] = loaded ?? [null, null]
  const { state, setState, update, set, shownErrors, submitted, serverErrors, starting, submit, bodyRef } =
    useStartForm({
      memory,
      start: async (current: ArenaFormState) => {
        const arena = await api.startArena(toInput(current))
        toast({ kind: 'success', message: t('arena.form.startedToast', { name: arena.name }) })
        return arena
      },
      // The message names each field with its row ("config.contestants.1.name: …"); the structured issues lose the row.
      fieldPaths: (current) => arenaFieldPaths(current.config.contestants.length),
      structured: false,
      onStarted,
    })
  // '' = every card.
  const cards = useCardMatches(state?.pool ? { pool: state.pool } : {})

  useEffect(() => {
    if (!defaults || !templates || !endpoints) return
    setState((current) => withEndpoints(current ?? initialArenaForm(defaults, endpoints, templates), endpoints))
  }, [defaults, templates, endpoints, setState])

  if (!state || !defaults || !templates || !endpoints) {
    return (
      <FormLoading
        error={loadError}
        failedMessage={(message) => t('arena.form.loadFailed', { message })}
        onRetry={() => void load()}
      />
    )
  }

  const problems = validate(state, cards.count)
  const errors = shownErrors(problems)
  const bind = { state, errors, set }
  const noEndpoint = endpoints.length === 0
  const canReset = differsFromDefaults(state, defaults)
  const setRefereeKind = (kind: Referee['kind']) => update((current) => withReferee(current, kind))
  const applyPreset = () => {
    update((current) => withInteractiveAgentsPreset(current, templates))
    toast({ message: t('arena.form.presetApplied') })
  }
  const reset = () => {
    update((current) => resetToDefaults(current, defaults))
    toast({ message: t('runForm.resetDone') })
  }

  const problemCount = Object.keys(errors).length
  const startReason = noEndpoint
    ? t('runForm.noEndpointReason')
    : starting
      ? t('common.working')
      : t('arena.form.startHint')

  return (
    <StartForm
      className="run-form arena-form"
      label={t('arena.form.title')}
      testId="new-arena-form"
      canStart={!noEndpoint && !starting}
      onStart={() => void submit(problems)}
    >
      <FormHeader title={t('arena.form.title')} intro={t('arena.form.intro')}>
        <button
          type="button"
          className="button"
          onClick={reset}
          disabled={!canReset}
          title={canReset ? t('arena.form.resetHint') : t('runForm.alreadyDefault')}
          data-testid="arena-form-reset"
        >
          {t('runForm.reset')}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="arena-form-cancel">
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={noEndpoint || starting}
          title={startReason}
          data-testid="arena-form-submit"
        >
          {starting ? t('runForm.starting') : t('arena.form.start')}
        </button>
      </FormHeader>
      <div className="detail-body" ref={bodyRef}>
        {noEndpoint && <NoEndpointBanner text={t('arena.form.noEndpoint')} testId="arena-form-no-endpoint" />}
        {serverErrors && serverErrors.general.length > 0 && (
          <ErrorBanner testId="arena-form-error">
            {t('arena.form.startFailed', { message: serverErrors.general.join(' · ') })}
          </ErrorBanner>
        )}
        {submitted && problemCount > 0 && (
          <div className="banner banner-warning" role="alert" data-testid="arena-form-problems">
            <div className="banner-text">{t('runForm.problems', { count: problemCount })}</div>
          </div>
        )}
        <div className="card-form">
          <ArenaSetupSection bind={bind} cards={cards} onPreset={applyPreset} />
          <ContestantsSection bind={bind} endpoints={endpoints} templates={templates} />
          <RefereeSection bind={bind} endpoints={endpoints} onKind={setRefereeKind} />
          <AgentSection bind={bind} role="client" endpoints={endpoints} templates={templates} />
          <DialogueRulesSection bind={bind} />
          <RefinementSection bind={bind} />
          <FormSection
            title={t('runForm.executionSection')}
            help={t('runForm.executionHelp')}
            testId="arena-section-execution"
          >
            <div className="form-grid">
              <NumberField bind={bind} path="config.seed" label={t('runForm.seed')} hint={t('arena.form.seedHint')} />
              <NumberField
                bind={bind}
                path="config.concurrency"
                label={t('runForm.concurrency')}
                hint={t('runForm.concurrencyHint')}
              />
            </div>
          </FormSection>
        </div>
      </div>
    </StartForm>
  )
}
