import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArenaSummary, Referee } from '@shared/arena'
import type { EndpointView } from '@shared/endpoint'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { FormSection } from '../../../components/FormSection'
import { FormHeader, FormLoading, NoEndpointBanner, StartForm } from '../../../components/StartForm'
import { useToast } from '../../../components/Toasts'
import { setPath } from '../../../lib/dottedPath'
import { hasErrorCode } from '../../../lib/errors'
import { fieldErrorsOf } from '../../../lib/fieldErrors'
import { useLoaded } from '../../../lib/useLoaded'
import { useCardMatches } from '../../roleCards/useCardMatches'
import { AgentSection } from '../../simulations/newRun/AgentSection'
import { DialogueRulesSection } from '../../simulations/newRun/DialogueRulesSection'
import { NumberField } from '../../simulations/newRun/fields'
import { RefinementSection } from '../../simulations/newRun/RefinementSection'
import type { FormErrors } from '../../simulations/newRun/runFormState'
import { ArenaSetupSection } from './ArenaSetupSection'
import {
  arenaFieldPaths,
  differsFromDefaults,
  initialArenaForm,
  resetToDefaults,
  toInput,
  validate,
  withEndpoints,
  withReferee,
  type ArenaFormState,
} from './arenaFormState'
import { ContestantsSection } from './ContestantsSection'
import { RefereeSection } from './RefereeSection'

/** Kept while the app runs, so a trip to Settings (to add an endpoint) or to an arena does not lose the form. */
let cachedDraft: ArenaFormState | null = null

interface NewArenaFormProps {
  endpoints: EndpointView[] | null
  onStarted: (arena: ArenaSummary) => void
  onCancel: () => void
}

/** Every setting of an arena, prefilled with the paper's defaults: contestants, referee, the client agent and the dialogue rules. */
export function NewArenaForm({ endpoints, onStarted, onCancel }: NewArenaFormProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const { value: loaded, error: loadError, reload: load } = useLoaded(() => Promise.all([api.arenaDefaults(), api.listTemplates()]), [])
  const [defaults, templates] = loaded ?? [null, null]
  const [state, setState] = useState<ArenaFormState | null>(cachedDraft)
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<{ byField: FormErrors; general: string[] } | null>(null)
  const [starting, setStarting] = useState(false)
  const bodyRef = useRef<HTMLDivElement>(null)
  // '' = every card.
  const cards = useCardMatches(state?.pool ? { pool: state.pool } : {})

  useEffect(() => {
    if (!defaults || !templates || !endpoints) return
    setState((current) => withEndpoints(current ?? initialArenaForm(defaults, endpoints, templates), endpoints))
  }, [defaults, templates, endpoints])
  useEffect(() => {
    cachedDraft = state
  }, [state])

  const errors = useMemo<FormErrors>(() => {
    if (!state || !submitted) return serverErrors?.byField ?? {}
    return { ...serverErrors?.byField, ...validate(state, cards.count) }
  }, [state, submitted, cards.count, serverErrors])

  const set = useCallback((path: string, value: unknown) => {
    setServerErrors(null)
    setState((current) => (current ? setPath(current, path, value) : current))
  }, [])

  if (!state || !defaults || !templates || !endpoints) {
    return <FormLoading error={loadError} failedMessage={(message) => t('arena.form.loadFailed', { message })} onRetry={() => void load()} />
  }

  const bind = { state, errors, set }
  const noEndpoint = endpoints.length === 0
  const canReset = differsFromDefaults(state, defaults)
  const setRefereeKind = (kind: Referee['kind']) => {
    setServerErrors(null)
    setState((current) => (current ? withReferee(current, kind) : current))
  }
  const reset = () => {
    setState((current) => (current ? resetToDefaults(current, defaults) : current))
    toast({ message: t('runForm.resetDone') })
  }
  const focusFirstError = () => requestAnimationFrame(() => bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .cards-match-error')?.focus())

  const submit = async () => {
    setSubmitted(true)
    setServerErrors(null)
    if (Object.keys(validate(state, cards.count)).length > 0) return focusFirstError()
    setStarting(true)
    try {
      const arena = await api.startArena(toInput(state))
      cachedDraft = null
      toast({ kind: 'success', message: t('arena.form.startedToast', { name: arena.name }) })
      onStarted(arena)
    } catch (error) {
      // The message names each field with its row ("config.contestants.1.name: …"); the structured issues lose the row.
      setServerErrors(fieldErrorsOf(error, arenaFieldPaths(state.config.contestants.length), { structured: false }))
      if (hasErrorCode(error, 'invalid_input')) focusFirstError()
    } finally {
      setStarting(false)
    }
  }

  const problemCount = Object.keys(errors).length
  const startReason = noEndpoint ? t('runForm.noEndpointReason') : starting ? t('common.working') : t('arena.form.startHint')

  return (
    <StartForm className="run-form arena-form" label={t('arena.form.title')} testId="new-arena-form" canStart={!noEndpoint && !starting} onStart={() => void submit()}>
      <FormHeader title={t('arena.form.title')} intro={t('arena.form.intro')}>
        <button type="button" className="button" onClick={reset} disabled={!canReset} title={canReset ? t('arena.form.resetHint') : t('runForm.alreadyDefault')} data-testid="arena-form-reset">
          {t('runForm.reset')}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="arena-form-cancel">
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={noEndpoint || starting} title={startReason} data-testid="arena-form-submit">
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
          <ArenaSetupSection bind={bind} cards={cards} />
          <ContestantsSection bind={bind} endpoints={endpoints} templates={templates} />
          <RefereeSection bind={bind} endpoints={endpoints} onKind={setRefereeKind} />
          <AgentSection bind={bind} role="client" endpoints={endpoints} templates={templates} />
          <DialogueRulesSection bind={bind} />
          <RefinementSection bind={bind} />
          <FormSection title={t('runForm.executionSection')} help={t('runForm.executionHelp')} testId="arena-section-execution">
            <div className="form-grid">
              <NumberField bind={bind} path="config.seed" label={t('runForm.seed')} hint={t('arena.form.seedHint')} />
              <NumberField bind={bind} path="config.concurrency" label={t('runForm.concurrency')} hint={t('runForm.concurrencyHint')} />
            </div>
          </FormSection>
        </div>
      </div>
    </StartForm>
  )
}
