import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptTemplateView } from '@shared/api'
import type { ArenaSummary, Referee } from '@shared/arena'
import type { EndpointView } from '@shared/endpoint'
import { WorkbenchError } from '@shared/errors'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { useNavigate } from '../../../components/Navigation'
import { useToast } from '../../../components/Toasts'
import { errorMessage } from '../../../lib/errors'
import { parseFieldErrors } from '../../../lib/fieldErrors'
import { isModKey } from '../../../lib/keyboard'
import { AgentSection } from '../../simulations/newRun/AgentSection'
import { DialogueRulesSection } from '../../simulations/newRun/DialogueRulesSection'
import { FormSection, NumberField } from '../../simulations/newRun/fields'
import { RefinementSection } from '../../simulations/newRun/RefinementSection'
import { setPath, type FormErrors } from '../../simulations/newRun/runFormState'
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
  type ArenaDefaults,
  type ArenaFormState,
} from './arenaFormState'
import { ContestantsSection } from './ContestantsSection'
import { RefereeSection } from './RefereeSection'
import { usePoolCards } from './usePoolCards'

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
  const navigate = useNavigate()
  const [defaults, setDefaults] = useState<ArenaDefaults | null>(null)
  const [templates, setTemplates] = useState<PromptTemplateView[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [state, setState] = useState<ArenaFormState | null>(cachedDraft)
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<{ byField: FormErrors; general: string[] } | null>(null)
  const [starting, setStarting] = useState(false)
  const bodyRef = useRef<HTMLDivElement>(null)
  const cards = usePoolCards(state?.pool ?? '')

  const load = useCallback(async () => {
    try {
      const [config, list] = await Promise.all([api.arenaDefaults(), api.listTemplates()])
      setDefaults(config)
      setTemplates(list)
      setLoadError(null)
    } catch (error) {
      setLoadError(error)
    }
  }, [])
  useEffect(() => void load(), [load])

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
    return (
      <div className="detail-body">
        {loadError != null ? (
          <ErrorBanner actions={<button type="button" className="button" onClick={() => void load()}>{t('common.retry')}</button>}>
            {t('arena.form.loadFailed', { message: errorMessage(loadError) })}
          </ErrorBanner>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
    )
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
      if (error instanceof WorkbenchError && error.code === 'invalid_input') {
        // The message names each field with its row ("config.contestants.1.name: …"); the structured issues lose the row.
        const parsed = parseFieldErrors(error.message, null, arenaFieldPaths(state.config.contestants.length))
        setServerErrors(parsed)
        focusFirstError()
      } else setServerErrors({ byField: {}, general: [errorMessage(error)] })
    } finally {
      setStarting(false)
    }
  }

  const problemCount = Object.keys(errors).length
  const startReason = noEndpoint ? t('runForm.noEndpointReason') : starting ? t('common.working') : t('arena.form.startHint')

  return (
    <form
      className="run-form arena-form"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
      onKeyDown={(event) => {
        // An arena can cost money: Enter in a field does not start it; Ctrl/Cmd+Enter does.
        if (event.key !== 'Enter') return
        if (isModKey(event)) {
          event.preventDefault()
          if (!noEndpoint && !starting) void submit()
        } else if (event.target instanceof HTMLInputElement) event.preventDefault()
      }}
      noValidate
      aria-label={t('arena.form.title')}
      data-testid="new-arena-form"
    >
      <header className="detail-header">
        <div className="editor-title">
          <h2>{t('arena.form.title')}</h2>
          <p className="muted small">{t('arena.form.intro')}</p>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={reset} disabled={!canReset} title={canReset ? t('arena.form.resetHint') : t('runForm.alreadyDefault')} data-testid="arena-form-reset">
            {t('runForm.reset')}
          </button>
          <button type="button" className="button" onClick={onCancel} data-testid="arena-form-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={noEndpoint || starting} title={startReason} data-testid="arena-form-submit">
            {starting ? t('runForm.starting') : t('arena.form.start')}
          </button>
        </div>
      </header>
      <div className="detail-body" ref={bodyRef}>
        {noEndpoint && (
          <div className="banner banner-warning" role="status" data-testid="arena-form-no-endpoint">
            <div className="banner-text">{t('arena.form.noEndpoint')}</div>
            <div className="banner-actions">
              <button type="button" className="button" onClick={() => navigate('settings')}>
                {t('runs.openSettings')}
              </button>
            </div>
          </div>
        )}
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
          <ArenaSetupSection bind={bind} pools={cards.pools} cardCount={cards.count} cardError={cards.error} />
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
    </form>
  )
}
