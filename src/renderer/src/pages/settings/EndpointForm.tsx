import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConnectionCheck, EndpointView } from '@shared/endpoint'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { SecretField } from '../../components/SecretField'
import { fieldErrorsOf, unplacedMessages, type FieldErrors } from '../../lib/fieldErrors'
import { ConnectionResult } from './ConnectionResult'
import {
  draftToInput,
  ENDPOINT_FIELD_PATHS,
  ENDPOINT_PRESETS,
  invalidNumbers,
  withKind,
  type EndpointDraft,
} from './endpointDraft'
import { LocalModelFields } from './LocalModelFields'
import { CheckField } from '../../components/CheckField'
import { ReplicasField } from './ReplicasField'

interface EndpointFormProps {
  initial: EndpointDraft
  secretStorage?: string
  onSaved: (view: EndpointView) => void
  onCancel: () => void
}

type NumberKey =
  | 'temperature'
  | 'topP'
  | 'maxTokens'
  | 'timeoutSeconds'
  | 'firstByteTimeoutSeconds'
  | 'idleTimeoutSeconds'
  | 'maxConcurrency'
  | 'priceInput'
  | 'priceOutput'
  | 'priceCachedInput'
  | 'rpm'
  | 'tpm'

const NUMBER_LABELS: Partial<Record<NumberKey, string>> = {
  timeoutSeconds: 'timeout',
  firstByteTimeoutSeconds: 'firstByteTimeout',
  idleTimeoutSeconds: 'idleTimeout',
}

export function EndpointForm({ initial, secretStorage, onSaved, onCancel }: EndpointFormProps) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors | null>(null)
  const [saving, setSaving] = useState(false)
  const [testing, setTesting] = useState(false)
  const [check, setCheck] = useState<ConnectionCheck | null>(null)
  const set = (patch: Partial<EndpointDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const unchanged = JSON.stringify(draft) === JSON.stringify(initial)

  /** Checks what the browser can check; returns false (and shows why) when the draft cannot be sent. */
  const locallyValid = () => {
    const bad = invalidNumbers(draft)
    if (bad.length === 0) return true
    setErrors({ byField: Object.fromEntries(bad.map((field) => [field, t('validation.number')])), general: [] })
    return false
  }

  const showError = (error: unknown) => setErrors(fieldErrorsOf(error, ENDPOINT_FIELD_PATHS))

  const save = async () => {
    if (!locallyValid()) return
    setSaving(true)
    setErrors(null)
    try {
      onSaved(await api.saveEndpoint(draftToInput(draft)))
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  const test = async () => {
    if (!locallyValid()) return
    setTesting(true)
    setCheck(null)
    setErrors(null)
    try {
      setCheck(await api.testEndpoint(draft.id && unchanged ? { id: draft.id } : { draft: draftToInput(draft) }))
    } catch (error) {
      showError(error)
    } finally {
      setTesting(false)
    }
  }

  const byField = errors?.byField ?? {}
  const unplaced = unplacedMessages(errors, ENDPOINT_FIELD_PATHS)

  const local = draft.kind === 'local'
  const numberField = (key: NumberKey, errorKey: string, step: string, disabled = false, hint?: string) => (
    <Field label={t(`endpoints.${NUMBER_LABELS[key] ?? key}`)} error={byField[errorKey]} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="number"
          step={step}
          value={draft[key]}
          disabled={disabled}
          onChange={(event) => set({ [key]: event.target.value })}
          data-testid={`endpoint-${key}`}
        />
      )}
    </Field>
  )

  return (
    <form
      className="endpoint-form"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
      noValidate
      aria-label={draft.id ? t('endpoints.editTitle') : t('endpoints.newTitle')}
      data-testid="endpoint-form"
    >
      {unplaced.length > 0 && <ErrorBanner>{unplaced.join(' ')}</ErrorBanner>}
      <div className="form-grid endpoint-grid">
        <Field label={t('endpoints.kind')} hint={local ? t('endpoints.kindLocalHint') : undefined}>
          {(control) => (
            <select
              {...control}
              value={draft.kind}
              onChange={(event) =>
                setDraft((current) => withKind(current, event.target.value as EndpointDraft['kind']))
              }
              data-testid="endpoint-kind"
            >
              <option value="api">{t('endpoints.kindApi')}</option>
              <option value="local">{t('endpoints.kindLocal')}</option>
            </select>
          )}
        </Field>
        <Field label={t('endpoints.name')} error={byField.name}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={draft.name}
              placeholder={t('endpoints.namePlaceholder')}
              onChange={(event) => set({ name: event.target.value })}
              data-autofocus
              data-testid="endpoint-name"
            />
          )}
        </Field>
        {!local && (
          <Field label={t('endpoints.preset')}>
            {(control) => (
              <select
                {...control}
                value=""
                onChange={(event) => {
                  const preset = ENDPOINT_PRESETS.find((option) => option.id === event.target.value)
                  if (preset) set({ baseURL: preset.baseURL, name: draft.name || preset.name })
                }}
                data-testid="endpoint-preset"
              >
                <option value="">{t('endpoints.presetChoose')}</option>
                {ENDPOINT_PRESETS.map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.name} — {preset.baseURL}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {!local && (
          <Field label={t('endpoints.baseURL')} error={byField.baseURL} className="field-wide">
            {(control) => (
              <input
                {...control}
                type="url"
                value={draft.baseURL}
                placeholder="https://api.openai.com/v1"
                onChange={(event) => set({ baseURL: event.target.value })}
                data-testid="endpoint-base-url"
              />
            )}
          </Field>
        )}
        {local && <LocalModelFields draft={draft} errors={byField} onChange={set} />}
        <Field label={t('endpoints.model')} error={byField.model}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={draft.model}
              placeholder={local ? t('endpoints.modelPlaceholderLocal') : t('endpoints.modelPlaceholder')}
              onChange={(event) => set({ model: event.target.value })}
              data-testid="endpoint-model"
            />
          )}
        </Field>
        {!local && (
          <SecretField
            label={t('endpoints.apiKey')}
            error={byField.apiKey}
            hint={secretStorage ? t('endpoints.keyStorage', { where: secretStorage }) : undefined}
            value={draft.apiKey}
            stored={draft.hasStoredKey}
            removing={draft.removeKey}
            onChange={(apiKey, removeKey) => set({ apiKey, removeKey })}
            texts={{
              placeholderNew: t('endpoints.apiKeyPlaceholderNew'),
              placeholderStored: t('endpoints.apiKeyPlaceholderSet'),
              placeholderRemoved: t('endpoints.apiKeyPlaceholderRemoved'),
              remove: t('endpoints.removeKey'),
              keep: t('endpoints.keepKey'),
            }}
            testId="endpoint-api-key"
            removeTestId="endpoint-remove-key"
          />
        )}
      </div>
      <CheckField
        className="field-wide"
        label={t('endpoints.stream')}
        hint={t('endpoints.streamHint')}
        checked={draft.stream}
        onChange={(stream) => set({ stream })}
        testId="endpoint-stream"
      />
      <div className="form-grid endpoint-numbers">
        {numberField('temperature', 'temperature', '0.1')}
        {numberField('topP', 'topP', '0.05')}
        {numberField('maxTokens', 'maxTokens', '1')}
        {numberField('timeoutSeconds', 'timeoutMs', '1')}
        {numberField('firstByteTimeoutSeconds', 'firstByteTimeoutMs', '1', !draft.stream)}
        {numberField('idleTimeoutSeconds', 'idleTimeoutMs', '1', !draft.stream)}
        {numberField(
          'maxConcurrency',
          'maxConcurrency',
          '1',
          false,
          local ? t('endpoints.localConcurrencyHint') : undefined,
        )}
        {!local && (
          <>
            {numberField('priceInput', 'priceInput', '0.01')}
            {numberField('priceOutput', 'priceOutput', '0.01')}
            {numberField('priceCachedInput', 'priceCachedInput', '0.01', false, t('endpoints.priceCachedInputHint'))}
            {numberField('rpm', 'rpm', '1', false, t('endpoints.perMinuteHint'))}
            {numberField('tpm', 'tpm', '1000', false, t('endpoints.perMinuteHint'))}
            <Field label={t('endpoints.currency')} error={byField.currency}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  title={t('endpoints.currencyHint')}
                  value={draft.currency}
                  maxLength={8}
                  onChange={(event) => set({ currency: event.target.value })}
                  data-testid="endpoint-currency"
                />
              )}
            </Field>
          </>
        )}
      </div>
      {!local && (
        <ReplicasField
          replicas={draft.replicas}
          defaultConcurrency={draft.maxConcurrency}
          error={byField.replicas}
          onChange={(replicas) => set({ replicas })}
        />
      )}
      {check && <ConnectionResult check={check} />}
      <div className="button-row form-actions">
        <button
          type="button"
          className="button"
          onClick={() => void test()}
          disabled={testing || saving}
          title={testing ? t('endpoints.testing') : undefined}
          data-testid="endpoint-test"
        >
          {testing ? t('endpoints.testing') : t('endpoints.test')}
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={onCancel} data-testid="endpoint-cancel">
          {t('endpoints.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={saving}
          title={saving ? t('endpoints.saving') : undefined}
          data-testid="endpoint-save"
        >
          {saving ? t('endpoints.saving') : t('endpoints.save')}
        </button>
      </div>
    </form>
  )
}
