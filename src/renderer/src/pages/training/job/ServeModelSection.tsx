import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import type { TrainingJobView } from '@shared/training'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { Field } from '../../../components/Field'
import { useNavigate } from '../../../components/Navigation'
import { NumberInput } from '../../../components/NumberInput'
import type { FieldErrors } from '../../../lib/fieldErrors'
import { trainingFieldErrors } from '../trainingMessages'

const DEFAULT_COMMAND = 'vllm serve {model} --port {port}'
const FIELDS = ['command', 'port', 'baseURL']

/** Starts an OpenAI-compatible server for the trained model on the GPU machine and adds it as an endpoint. */
export function ServeModelSection({ job }: { job: TrainingJobView }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [command, setCommand] = useState(DEFAULT_COMMAND)
  const [port, setPort] = useState<number>(8000)
  const [baseURL, setBaseURL] = useState('')
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FieldErrors | null>(null)
  const [served, setServed] = useState<EndpointView | null>(null)

  const serve = async () => {
    if (!Number.isFinite(port)) return setErrors({ byField: { port: t('validation.number') }, general: [] })
    setBusy(true)
    setErrors(null)
    try {
      setServed(await api.serveTrainedModel({ id: job.id, command, port, baseURL: baseURL.trim() || undefined }))
    } catch (error) {
      setErrors(trainingFieldErrors(error, FIELDS, (path) => path[0] ?? ''))
    } finally {
      setBusy(false)
    }
  }

  const byField = errors?.byField ?? {}
  const alreadyServed = job.servedEndpointId !== null && served === null
  return (
    <section className="result-section" aria-label={t('training.serve.title')} data-testid="training-serve">
      <h3>{t('training.serve.title')}</h3>
      <p className="muted small">{t('training.serve.help')}</p>
      {alreadyServed && (
        <div className="banner banner-success" role="status" data-testid="training-serve-existing">
          {t('training.serve.already')}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => navigate('settings')}
            data-testid="training-serve-open-settings"
          >
            {t('training.serve.openSettings')}
          </button>
        </div>
      )}
      {errors && errors.general.length > 0 && (
        <ErrorBanner testId="training-serve-error">
          {t('training.serve.failed', { message: errors.general.join(' ') })}
        </ErrorBanner>
      )}
      <div className="form-grid training-serve-grid">
        <Field
          label={t('training.serve.command')}
          hint={t('training.serve.commandHint')}
          error={byField.command}
          className="field-wide"
        >
          {(control) => (
            <input
              {...control}
              type="text"
              className="mono"
              spellCheck={false}
              value={command}
              onChange={(event) => setCommand(event.target.value)}
              data-testid="training-serve-command"
            />
          )}
        </Field>
        <Field label={t('training.serve.port')} error={byField.port}>
          {(control) => (
            <NumberInput
              {...control}
              value={port}
              onChange={(value) => setPort(value ?? Number.NaN)}
              data-testid="training-serve-port"
            />
          )}
        </Field>
        <Field label={t('training.serve.baseURL')} hint={t('training.serve.baseURLHint')} error={byField.baseURL}>
          {(control) => (
            <input
              {...control}
              type="url"
              spellCheck={false}
              value={baseURL}
              placeholder="http://localhost:8000/v1"
              onChange={(event) => setBaseURL(event.target.value)}
              data-testid="training-serve-base-url"
            />
          )}
        </Field>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void serve()}
          disabled={busy}
          title={busy ? t('common.working') : t('training.serve.startHint')}
          data-testid="training-serve-start"
        >
          {busy
            ? t('training.serve.starting')
            : alreadyServed || served
              ? t('training.serve.startAgain')
              : t('training.serve.start')}
        </button>
      </div>
      {served && (
        <div className="banner banner-success" role="status" data-testid="training-serve-result">
          <strong>{t('training.serve.done', { name: served.name })}</strong>
          <div className="mono small">
            {served.model} · {served.baseURL}
          </div>
          <button
            type="button"
            className="button button-small training-serve-link"
            onClick={() => navigate('settings')}
            data-testid="training-serve-go-settings"
          >
            {t('training.serve.openSettings')}
          </button>
        </div>
      )}
    </section>
  )
}
