import { randomUUID } from 'node:crypto'
import { ENDPOINT_DEFAULTS, EndpointInputSchema, type EndpointSave, type EndpointView } from '@shared/endpoint'
import { WorkbenchError } from '@shared/errors'
import { nowIso, type Db } from '../db/connection'
import type { SecretBox } from '../secrets/secretBox'

interface Row {
  id: string
  name: string
  base_url: string
  model: string
  api_key_sealed: string | null
  temperature: number
  top_p: number
  max_tokens: number
  timeout_ms: number
  max_concurrency: number
  price_input: number | null
  price_output: number | null
  updated_at: string
}

/** A resolved endpoint, key in clear: only for code that calls the model, never for the renderer. */
export interface EndpointSecret extends EndpointView {
  apiKey: string
}

const toView = (row: Row): EndpointView => ({
  id: row.id,
  name: row.name,
  baseURL: row.base_url,
  model: row.model,
  hasKey: row.api_key_sealed !== null,
  temperature: row.temperature,
  topP: row.top_p,
  maxTokens: row.max_tokens,
  timeoutMs: row.timeout_ms,
  maxConcurrency: row.max_concurrency,
  priceInput: row.price_input,
  priceOutput: row.price_output,
  updatedAt: row.updated_at,
})

const settingsOf = ({ temperature, topP, maxTokens, timeoutMs, maxConcurrency, priceInput, priceOutput }: EndpointView) => ({
  temperature,
  topP,
  maxTokens,
  timeoutMs,
  maxConcurrency,
  priceInput,
  priceOutput,
})

export function endpointService(db: Db, secrets: SecretBox) {
  const byId = db.prepare<[string], Row>('SELECT * FROM endpoints WHERE id = ?')
  const byName = db.prepare<[string], Row>('SELECT * FROM endpoints WHERE name = ?')

  return {
    list(): EndpointView[] {
      return (db.prepare('SELECT * FROM endpoints ORDER BY name').all() as Row[]).map(toView)
    },
    /** A new endpoint takes the defaults for the settings it is not given; an update keeps the stored ones. */
    save(input: EndpointSave): EndpointView {
      const existing = input.id ? byId.get(input.id) : undefined
      if (input.id && !existing) throw new WorkbenchError('not_found', `No model endpoint with id ${input.id}.`)
      const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
      const e = EndpointInputSchema.parse({ ...ENDPOINT_DEFAULTS, ...(existing && settingsOf(toView(existing))), ...given })
      const clash = byName.get(e.name)
      if (clash && clash.id !== e.id) throw new WorkbenchError('conflict', `name: another endpoint is already called "${e.name}".`)
      const sealed =
        e.apiKey === undefined ? (existing?.api_key_sealed ?? null) : e.apiKey.trim() === '' ? null : secrets.seal(e.apiKey.trim())
      const now = nowIso()
      const id = existing?.id ?? randomUUID()
      db.prepare(
        `INSERT INTO endpoints (id, name, base_url, model, api_key_sealed, temperature, top_p, max_tokens, timeout_ms,
           max_concurrency, price_input, price_output, created_at, updated_at)
         VALUES (@id, @name, @baseURL, @model, @sealed, @temperature, @topP, @maxTokens, @timeoutMs,
           @maxConcurrency, @priceInput, @priceOutput, @now, @now)
         ON CONFLICT(id) DO UPDATE SET name=@name, base_url=@baseURL, model=@model, api_key_sealed=@sealed,
           temperature=@temperature, top_p=@topP, max_tokens=@maxTokens, timeout_ms=@timeoutMs,
           max_concurrency=@maxConcurrency, price_input=@priceInput, price_output=@priceOutput, updated_at=@now`,
      ).run({ ...e, id, sealed, now })
      return toView(byId.get(id)!)
    },
    delete(id: string): boolean {
      return db.prepare('DELETE FROM endpoints WHERE id = ?').run(id).changes > 0
    },
    /** With the key decrypted, for the LLM layer. */
    resolve(id: string): EndpointSecret {
      const row = byId.get(id)
      if (!row) throw new WorkbenchError('not_found', `No model endpoint with id ${id}.`)
      return { ...toView(row), apiKey: row.api_key_sealed ? secrets.open(row.api_key_sealed) : '' }
    },
  }
}
export type EndpointService = ReturnType<typeof endpointService>
