import { randomUUID } from 'node:crypto'
import { ENDPOINT_DEFAULTS, EndpointInputSchema, type EndpointSave, type EndpointView } from '@shared/endpoint'
import { WorkbenchError } from '@shared/errors'
import { nowIso, type Db } from '../db/connection'
import { endpointRepo } from '../db/endpointRepo'
import { registerSecret } from '../logger'
import type { SecretBox } from '../secrets/secretBox'

/** A resolved endpoint, key in clear: only for code that calls the model, never for the renderer. */
export interface EndpointSecret extends EndpointView {
  apiKey: string
}

/** The settings an update keeps when it does not give them. */
const settingsOf = (e: EndpointView) => {
  const { id: _id, name: _n, baseURL: _b, model: _m, hasKey: _k, updatedAt: _u, ...settings } = e
  return settings
}

/** Model endpoints: saved with their defaults, keys sealed, resolved with the key for the LLM layer only. */
export function endpointService(db: Db, secrets: SecretBox) {
  const rows = endpointRepo(db)
  return {
    list: (): EndpointView[] => rows.list(),
    /** A new endpoint takes the defaults for the settings it is not given; an update keeps the stored ones. */
    save(input: EndpointSave): EndpointView {
      const existing = input.id ? rows.get(input.id) : undefined
      if (input.id && !existing)
        throw new WorkbenchError('not_found', { key: 'endpoints.notFound', params: { id: input.id } })
      const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
      const e = EndpointInputSchema.parse({
        ...ENDPOINT_DEFAULTS,
        ...(existing && settingsOf(existing.view)),
        ...given,
      })
      const clash = rows.byName(e.name)
      if (clash && clash.view.id !== e.id)
        throw new WorkbenchError('conflict', { key: 'endpoints.nameTaken', params: { name: e.name } })
      registerSecret(e.apiKey?.trim())
      const sealedKey =
        e.apiKey === undefined
          ? (existing?.sealedKey ?? null)
          : e.apiKey.trim() === ''
            ? null
            : secrets.seal(e.apiKey.trim())
      const id = existing?.view.id ?? randomUUID()
      const { apiKey: _key, ...fields } = e
      rows.save({ ...fields, id, sealedKey, now: nowIso() })
      return rows.get(id)!.view
    },
    delete: (id: string): boolean => rows.delete(id),
    /** With the key decrypted, for the LLM layer. */
    resolve(id: string): EndpointSecret {
      const found = rows.get(id)
      if (!found) throw new WorkbenchError('not_found', { key: 'endpoints.notFound', params: { id } })
      const apiKey = found.sealedKey ? secrets.open(found.sealedKey) : ''
      registerSecret(apiKey)
      return { ...found.view, apiKey }
    },
  }
}
export type EndpointService = ReturnType<typeof endpointService>
