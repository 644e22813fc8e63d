import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptTemplateView } from '@shared/api'
import type { EndpointView } from '@shared/endpoint'
import { WorkbenchError } from '@shared/errors'
import type { RunSummary, SimulationConfig } from '@shared/simulation'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { useNavigate } from '../../../components/Navigation'
import { useToast } from '../../../components/Toasts'
import { errorMessage } from '../../../lib/errors'
import { isModKey } from '../../../lib/keyboard'
import { parseFieldErrors } from '../../../lib/fieldErrors'
import { AgentSection } from './AgentSection'
import { DialogueRulesSection } from './DialogueRulesSection'
import { ExecutionSection } from './ExecutionSection'
import { RefinementSection } from './RefinementSection'
import { RunCardsSection } from './RunCardsSection'
import { defaultRunName, NO_CARD_FILTERS, RUN_FIELD_PATHS, setPath, toInput, validate, withEndpoints, type FormErrors, type RunFormState } from './runFormState'

/** Kept while the app runs, so a trip to Settings (to add an endpoint) or to a run does not lose the form. */
let cachedDraft: RunFormState | null = null

const withoutEndpoints = (config: SimulationConfig) => JSON.stringify({ ...config, client: { ...config.client, endpointId: '' }, counselor: { ...config.counselor, endpointId: '' } })

interface NewRunFormProps {
  endpoints: EndpointView[] | null
  onStarted: (run: RunSummary) => void
  onCancel: () => void
}

/** Every setting of a run, prefilled with the paper's defaults, each with a short explanation. */
export function NewRunForm({ endpoints, onStarted, onCancel }: NewRunFormProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const navigate = useNavigate()
  const [defaults, setDefaults] = useState<SimulationConfig | null>(null)
  const [templates, setTemplates] = useState<PromptTemplateView[]>([])
  const [loadError, setLoadError] = useState<unknown>(null)
  const [state, setState] = useState<RunFormState | null>(cachedDraft)
  const [cardCount, setCardCount] = useState<number | null>(null)
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<{ byField: FormErrors; general: string[] } | null>(null)
  const [starting, setStarting] = useState(false)
  const bodyRef = useRef<HTMLDivElement>(null)

  const load = useCallback(async () => {
    try {
      const [config, list] = await Promise.all([api.simulationDefaults(), api.listTemplates()])
      setDefaults(config)
      setTemplates(list)
      setLoadError(null)
    } catch (error) {
      setLoadError(error)
    }
  }, [])
  useEffect(() => void load(), [load])

  useEffect(() => {
    if (!defaults || !endpoints) return
    setState((current) => (current ? { ...current, config: withEndpoints(current.config, endpoints) } : { name: defaultRunName(), cards: NO_CARD_FILTERS, config: withEndpoints(defaults, endpoints) }))
  }, [defaults, endpoints])
  useEffect(() => {
    cachedDraft = state
  }, [state])

  const errors = useMemo<FormErrors>(() => {
    if (!state || !submitted) return serverErrors?.byField ?? {}
    return { ...serverErrors?.byField, ...validate(state, cardCount) }
  }, [state, submitted, cardCount, serverErrors])

  const set = useCallback((path: string, value: unknown) => {
    setServerErrors(null)
    setState((current) => (current ? setPath(current, path, value) : current))
  }, [])

  if (!state || !defaults || !endpoints) {
    return (
      <div className="detail-body">
        {loadError != null ? (
          <ErrorBanner actions={<button type="button" className="button" onClick={() => void load()}>{t('common.retry')}</button>}>
            {t('runForm.loadFailed', { message: errorMessage(loadError) })}
          </ErrorBanner>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
    )
  }

  const noEndpoint = endpoints.length === 0
  const isDefault = withoutEndpoints(state.config) === withoutEndpoints(defaults)
  const bind = { state, errors, set }

  const reset = () => {
    set('config', withEndpoints({ ...defaults, client: { ...defaults.client, endpointId: state.config.client.endpointId }, counselor: { ...defaults.counselor, endpointId: state.config.counselor.endpointId } }, endpoints))
    toast({ message: t('runForm.resetDone') })
  }

  const focusFirstError = () => requestAnimationFrame(() => bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .cards-match-error')?.focus())

  const submit = async () => {
    setSubmitted(true)
    setServerErrors(null)
    if (Object.keys(validate(state, cardCount)).length > 0) return focusFirstError()
    setStarting(true)
    try {
      const run = await api.startRun(toInput(state))
      cachedDraft = null
      toast({ kind: 'success', message: t('runForm.startedToast', { name: run.name }) })
      onStarted(run)
    } catch (error) {
      if (error instanceof WorkbenchError && error.code === 'invalid_input') {
        const parsed = parseFieldErrors(error.message, error.details, RUN_FIELD_PATHS)
        setServerErrors({ byField: parsed.byField, general: parsed.general })
        focusFirstError()
      } else setServerErrors({ byField: {}, general: [errorMessage(error)] })
    } finally {
      setStarting(false)
    }
  }

  const problemCount = Object.keys(errors).length
  const startReason = noEndpoint ? t('runForm.noEndpointReason') : starting ? t('common.working') : t('runForm.startHint')

  return (
    <form
      className="run-form"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
      onKeyDown={(event) => {
        // A run can cost money: Enter in a field does not start it; Ctrl/Cmd+Enter does.
        if (event.key !== 'Enter') return
        if (isModKey(event)) {
          event.preventDefault()
          if (!noEndpoint && !starting) void submit()
        } else if (event.target instanceof HTMLInputElement) event.preventDefault()
      }}
      noValidate
      aria-label={t('runForm.title')}
      data-testid="new-run-form"
    >
      <header className="detail-header">
        <div className="editor-title">
          <h2>{t('runForm.title')}</h2>
          <p className="muted small">{t('runForm.intro')}</p>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={reset} disabled={isDefault} title={isDefault ? t('runForm.alreadyDefault') : t('runForm.resetHint')} data-testid="run-form-reset">
            {t('runForm.reset')}
          </button>
          <button type="button" className="button" onClick={onCancel} data-testid="run-form-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={noEndpoint || starting} title={startReason} data-testid="run-form-submit">
            {starting ? t('runForm.starting') : t('runForm.start')}
          </button>
        </div>
      </header>
      <div className="detail-body" ref={bodyRef}>
        {noEndpoint && (
          <div className="banner banner-warning" role="status" data-testid="run-form-no-endpoint">
            <div className="banner-text">{t('runForm.noEndpoint')}</div>
            <div className="banner-actions">
              <button type="button" className="button" onClick={() => navigate('settings')} data-testid="run-form-open-settings">
                {t('runs.openSettings')}
              </button>
            </div>
          </div>
        )}
        {serverErrors && serverErrors.general.length > 0 && <ErrorBanner testId="run-form-error">{t('runForm.startFailed', { message: serverErrors.general.join(' ') })}</ErrorBanner>}
        {submitted && problemCount > 0 && (
          <ErrorBanner testId="run-form-problems">{t('runForm.problems', { count: problemCount })}</ErrorBanner>
        )}
        <div className="card-form">
          <RunCardsSection bind={bind} onCount={setCardCount} />
          <AgentSection bind={bind} role="client" endpoints={endpoints} templates={templates} />
          <AgentSection bind={bind} role="counselor" endpoints={endpoints} templates={templates} />
          <DialogueRulesSection bind={bind} />
          <RefinementSection bind={bind} />
          <ExecutionSection bind={bind} />
        </div>
      </div>
    </form>
  )
}
