import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { newReplica, type ReplicaDraft } from './endpointDraft'

interface ReplicasFieldProps {
  replicas: ReplicaDraft[]
  /** The endpoint's own concurrency, the default of a new row. */
  defaultConcurrency: string
  error?: string
  onChange: (replicas: ReplicaDraft[]) => void
}

/**
 * More base URLs serving the endpoint's model (vLLM or SGLang replicas, other providers): each row a base URL, its
 * requests at once and optionally its own key (else the endpoint's). Adding a row focuses its URL; removing one
 * focuses the add button.
 */
export function ReplicasField({ replicas, defaultConcurrency, error, onChange }: ReplicasFieldProps) {
  const { t } = useTranslation()
  const [focus, setFocus] = useState<string | null>(null)
  const addButton = useRef<HTMLButtonElement>(null)
  const rows = useRef(new Map<string, HTMLInputElement>())
  useEffect(() => {
    if (focus === null) return
    if (focus === 'add') addButton.current?.focus()
    else rows.current.get(focus)?.focus()
    setFocus(null)
  }, [focus])

  const update = (key: string, patch: Partial<ReplicaDraft>) =>
    onChange(replicas.map((r) => (r.key === key ? { ...r, ...patch } : r)))

  return (
    <fieldset
      className="field-wide replicas-field"
      data-testid="endpoint-replicas"
      aria-invalid={error ? true : undefined}
    >
      <legend>{t('endpoints.replicas')}</legend>
      <p className="field-hint">{t('endpoints.replicasHint')}</p>
      {replicas.map((r, i) => (
        <div className="replica-row" key={r.key} data-testid="endpoint-replica">
          <input
            ref={(element) => {
              if (element) rows.current.set(r.key, element)
              else rows.current.delete(r.key)
            }}
            type="url"
            aria-label={t('endpoints.replicaURL', { n: i + 2 })}
            placeholder="http://10.0.0.2:8000/v1"
            value={r.baseURL}
            onChange={(event) => update(r.key, { baseURL: event.target.value })}
            data-testid="endpoint-replica-url"
          />
          <input
            type="number"
            min={1}
            step={1}
            aria-label={t('endpoints.replicaConcurrency', { n: i + 2 })}
            title={t('endpoints.maxConcurrency')}
            value={r.maxConcurrency}
            onChange={(event) => update(r.key, { maxConcurrency: event.target.value })}
            data-testid="endpoint-replica-concurrency"
          />
          <input
            type="password"
            autoComplete="off"
            aria-label={t('endpoints.replicaKey', { n: i + 2 })}
            placeholder={
              r.removeKey
                ? t('endpoints.replicaKeyRemoved')
                : r.hasStoredKey
                  ? t('endpoints.replicaKeySet')
                  : t('endpoints.replicaKeyShared')
            }
            value={r.apiKey}
            onChange={(event) => update(r.key, { apiKey: event.target.value })}
            data-testid="endpoint-replica-key"
          />
          {r.hasStoredKey && (
            <button
              type="button"
              className="button button-small"
              aria-pressed={r.removeKey}
              onClick={() => update(r.key, { removeKey: !r.removeKey, apiKey: '' })}
              data-testid="endpoint-replica-shared-key"
            >
              {r.removeKey ? t('endpoints.keepKey') : t('endpoints.replicaUseShared')}
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            aria-label={t('endpoints.replicaRemove', { n: i + 2 })}
            onClick={() => {
              onChange(replicas.filter((x) => x.key !== r.key))
              const next = replicas[i + 1] ?? replicas[i - 1]
              setFocus(next ? next.key : 'add')
            }}
            data-testid="endpoint-replica-remove"
          >
            {t('endpoints.replicaRemoveShort')}
          </button>
        </div>
      ))}
      {error && <p className="field-error">{error}</p>}
      <button
        ref={addButton}
        type="button"
        className="button button-small"
        onClick={() => {
          const added = newReplica(defaultConcurrency)
          onChange([...replicas, added])
          setFocus(added.key)
        }}
        data-testid="endpoint-replica-add"
      >
        {t('endpoints.replicaAdd')}
      </button>
    </fieldset>
  )
}
