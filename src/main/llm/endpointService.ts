import { randomUUID } from 'node:crypto'
import { EndpointInputSchema, type EndpointInput, type EndpointView } from '@shared/endpoint'
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
  stream: number
  first_byte_timeout_ms: number
  idle_timeout_ms: number
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
  stream: row.stream === 1,
  firstByteTimeoutMs: row.first_byte_timeout_ms,
  idleTimeoutMs: row.idle_timeout_ms,
  maxConcurrency: row.max_concurrency,
  priceInput: row.price_input,
  priceOutput: row.price_output,
  updatedAt: row.updated_at,
})

export function endpointService(db: Db, secrets: SecretBox) {
  const byId = db.prepare<[string], Row>('SELECT * FROM endpoints WHERE id = ?')
  const byName = db.prepare<[string], Row>('SELECT * FROM endpoints WHERE name = ?')

  return {
    list(): EndpointView[] {
      return (db.prepare('SELECT * FROM endpoints ORDER BY name').all() as Row[]).map(toView)
    },
    save(input: EndpointInput): EndpointView {
      const e = EndpointInputSchema.parse(input)
      const existing = e.id ? byId.get(e.id) : undefined
      if (e.id && !existing) throw new WorkbenchError('not_found', `No model endpoint with id ${e.id}.`)
      const clash = byName.get(e.name)
      if (clash && clash.id !== e.id) throw new WorkbenchError('conflict', `name: another endpoint is already called "${e.name}".`)
      const sealed =
        e.apiKey === undefined ? (existing?.api_key_sealed ?? null) : e.apiKey.trim() === '' ? null : secrets.seal(e.apiKey.trim())
      const now = nowIso()
      const id = existing?.id ?? randomUUID()
      db.prepare(
        `INSERT INTO endpoints (id, name, base_url, model, api_key_sealed, temperature, top_p, max_tokens, timeout_ms,
           stream, first_byte_timeout_ms, idle_timeout_ms, max_concurrency, price_input, price_output, created_at, updated_at)
         VALUES (@id, @name, @baseURL, @model, @sealed, @temperature, @topP, @maxTokens, @timeoutMs,
           @streamFlag, @firstByteTimeoutMs, @idleTimeoutMs, @maxConcurrency, @priceInput, @priceOutput, @now, @now)
         ON CONFLICT(id) DO UPDATE SET name=@name, base_url=@baseURL, model=@model, api_key_sealed=@sealed,
           temperature=@temperature, top_p=@topP, max_tokens=@maxTokens, timeout_ms=@timeoutMs,
           stream=@streamFlag, first_byte_timeout_ms=@firstByteTimeoutMs, idle_timeout_ms=@idleTimeoutMs, max_concurrency=@maxConcurrency, price_input=@priceInput, price_output=@priceOutput, updated_at=@now`,
      ).run({ ...e, id, sealed, now, streamFlag: e.stream ? 1 : 0 })
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
