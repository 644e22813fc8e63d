import { randomUUID } from 'node:crypto'
import {
  ENDPOINT_DEFAULTS,
  EndpointInputSchema,
  LOCAL_BASE_URL,
  LOCAL_MAX_CONCURRENCY,
  type EndpointInput,
  type EndpointReplica,
  type EndpointSave,
  type EndpointView,
} from '@shared/endpoint'
import { WorkbenchError } from '@shared/errors'
import { nowIso, type Db } from '../db/connection'
import { endpointRepo } from '../db/endpointRepo'
import { registerSecret } from '../logger'
import type { SecretBox } from '../secrets/secretBox'

/** A replica resolved: its own key, or the endpoint's when it has none. */
export interface ReplicaSecret extends EndpointReplica {
  apiKey: string
}

/** A resolved endpoint, keys in clear: only for code that calls the model, never for the renderer. */
export interface EndpointSecret extends Omit<EndpointView, 'replicas' | 'kind' | 'local'> {
  apiKey: string
  /** Optional: an endpoint built in code is an API endpoint unless it says otherwise. */
  kind?: EndpointView['kind']
  local?: EndpointView['local']
  /** More base URLs besides `baseURL` (optional: an endpoint built in code may have none). */
  replicas?: ReplicaSecret[]
}

/** The settings an update keeps when it does not give them (replicas: their keys kept by base URL). */
const settingsOf = (e: EndpointView) => {
  const { id: _id, name: _n, baseURL: _b, model: _m, hasKey: _k, updatedAt: _u, replicas, ...settings } = e
  return { ...settings, replicas: replicas.map((r) => ({ baseURL: r.baseURL, maxConcurrency: r.maxConcurrency })) }
}

const sameURL = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '')

/** Model endpoints: saved with their defaults, keys sealed, resolved with the key for the LLM layer only. */
export function endpointService(db: Db, secrets: SecretBox) {
  const rows = endpointRepo(db)
  /** With the key decrypted, for the LLM layer. */
  function resolve(id: string): EndpointSecret {
    const found = rows.get(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'endpoints.notFound', params: { id } })
    const apiKey = found.sealedKey ? secrets.open(found.sealedKey) : ''
    registerSecret(apiKey)
    const replicas = found.replicas.map((r) => {
      const own = r.keySealed ? secrets.open(r.keySealed) : null
      registerSecret(own ?? undefined)
      return { baseURL: r.baseURL, maxConcurrency: r.maxConcurrency, hasKey: own !== null, apiKey: own ?? apiKey }
    })
    return { ...found.view, apiKey, replicas }
  }
  return {
    list: (): EndpointView[] => rows.list(),
    /** A new endpoint takes the defaults for the settings it is not given; an update keeps the stored ones. */
    /** `newId`: a new endpoint takes this id (a remote run's workspace keeps the desktop's ids). */
    save(input: EndpointSave, options: { newId?: string } = {}): EndpointView {
      const existing = input.id ? rows.get(input.id) : options.newId ? rows.get(options.newId) : undefined
      if (input.id && !existing)
        throw new WorkbenchError('not_found', { key: 'endpoints.notFound', params: { id: input.id } })
      const given = {
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        ...(existing && { id: existing.view.id }),
      }
      const parsed = EndpointInputSchema.parse({
        ...ENDPOINT_DEFAULTS,
        ...(existing && settingsOf(existing.view)),
        ...given,
      })
      const kind = parsed.kind ?? 'api'
      if (kind === 'local' && !parsed.local)
        throw new WorkbenchError('invalid_input', { key: 'endpoints.localNeedsModel' })
      // A local model runs in this process: no base URL, key or replicas; one request at a time unless told.
      const e =
        kind === 'local'
          ? {
              ...parsed,
              baseURL: LOCAL_BASE_URL,
              apiKey: '',
              replicas: [],
              maxConcurrency:
                input.maxConcurrency ??
                (existing?.view.kind === 'local' ? parsed.maxConcurrency : LOCAL_MAX_CONCURRENCY),
            }
          : { ...parsed, local: null }
      const clash = rows.byName(e.name)
      if (clash && clash.view.id !== e.id)
        throw new WorkbenchError('conflict', { key: 'endpoints.nameTaken', params: { name: e.name } })
      if (e.replicas.some((r) => sameURL(r.baseURL, e.baseURL)))
        throw new WorkbenchError('invalid_input', { key: 'endpoints.replicaIsOwn' })
      registerSecret(e.apiKey?.trim())
      const replicas = e.replicas.map((r) => {
        registerSecret(r.apiKey?.trim())
        const kept = existing?.replicas.find((s) => sameURL(s.baseURL, r.baseURL))?.keySealed ?? null
        const keySealed = r.apiKey === undefined ? kept : r.apiKey.trim() === '' ? null : secrets.seal(r.apiKey.trim())
        return { baseURL: r.baseURL, maxConcurrency: r.maxConcurrency, keySealed }
      })
      const sealedKey =
        e.apiKey === undefined
          ? (existing?.sealedKey ?? null)
          : e.apiKey.trim() === ''
            ? null
            : secrets.seal(e.apiKey.trim())
      const id = existing?.view.id ?? options.newId ?? randomUUID()
      const { apiKey: _key, ...fields } = e
      rows.save({ ...fields, kind, local: e.local ?? null, id, sealedKey, replicas, now: nowIso() })
      return rows.get(id)!.view
    },
    delete: (id: string): boolean => rows.delete(id),
    /**
     * What a connection check of an unsaved draft calls: its base URLs with the keys it names, a key left out being
     * the saved endpoint's (`savedId`) for that base URL, or the endpoint's key for a replica.
     */
    resolveDraft(draft: EndpointInput, savedId?: string) {
      const saved = savedId ? resolve(savedId) : null
      const apiKey = draft.apiKey ?? saved?.apiKey ?? ''
      const replicas = (draft.replicas ?? []).map((r) => {
        const kept = saved?.replicas?.find((s) => sameURL(s.baseURL, r.baseURL))
        const own = r.apiKey === undefined ? (kept?.hasKey ? kept.apiKey : '') : r.apiKey.trim()
        return { baseURL: r.baseURL, apiKey: own || apiKey }
      })
      return { apiKey, replicas }
    },
    resolve,
  }
}
export type EndpointService = ReturnType<typeof endpointService>
