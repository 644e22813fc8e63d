import type { EndpointKind, EndpointReplica, EndpointView, LocalModelSettings } from '@shared/endpoint'
import type { Db } from './connection'

interface Row {
  id: string
  kind: EndpointKind
  /** JSON of LocalModelSettings (kind 'local'). */
  local_model: string | null
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
  price_cached_input: number | null
  rpm: number | null
  tpm: number | null
  /** JSON of StoredReplica[]. */
  replicas: string
  currency: string
  updated_at: string
}

/** A replica as stored: its key sealed (null: it uses the endpoint's). */
export interface StoredReplica {
  baseURL: string
  maxConcurrency: number
  keySealed: string | null
}

/** A stored endpoint: what the renderer may see, and the sealed keys (never opened here). */
export interface EndpointRecord {
  view: EndpointView
  sealedKey: string | null
  /** In the order of `view.replicas`. */
  replicas: StoredReplica[]
}

/** Everything an endpoint row holds, keys sealed. */
export type EndpointRow = Omit<EndpointView, 'hasKey' | 'updatedAt' | 'replicas'> & {
  id: string
  sealedKey: string | null
  replicas: StoredReplica[]
  now: string
}

const replicaView = (r: StoredReplica): EndpointReplica => ({
  baseURL: r.baseURL,
  maxConcurrency: r.maxConcurrency,
  hasKey: r.keySealed !== null,
})

const toRecord = (row: Row): EndpointRecord => {
  const replicas = JSON.parse(row.replicas) as StoredReplica[]
  return {
    view: {
      id: row.id,
      kind: row.kind,
      local: row.local_model === null ? null : (JSON.parse(row.local_model) as LocalModelSettings),
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
      priceCachedInput: row.price_cached_input,
      rpm: row.rpm,
      tpm: row.tpm,
      currency: row.currency,
      replicas: replicas.map(replicaView),
      updatedAt: row.updated_at,
    },
    sealedKey: row.api_key_sealed,
    replicas,
  }
}

/** The `endpoints` table. */
export function endpointRepo(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM endpoints ORDER BY name')
  const byId = db.prepare<[string], Row>('SELECT * FROM endpoints WHERE id = ?')
  const byName = db.prepare<[string], Row>('SELECT * FROM endpoints WHERE name = ?')
  const upsert = db.prepare(
    `INSERT INTO endpoints (id, kind, local_model, name, base_url, model, api_key_sealed, temperature, top_p, max_tokens, timeout_ms,
       stream, first_byte_timeout_ms, idle_timeout_ms, max_concurrency, price_input, price_output, price_cached_input,
       rpm, tpm, replicas, currency, created_at, updated_at)
     VALUES (@id, @kind, @localJson, @name, @baseURL, @model, @sealedKey, @temperature, @topP, @maxTokens, @timeoutMs,
       @streamFlag, @firstByteTimeoutMs, @idleTimeoutMs, @maxConcurrency, @priceInput, @priceOutput, @priceCachedInput,
       @rpm, @tpm, @replicasJson, @currency, @now, @now)
     ON CONFLICT(id) DO UPDATE SET kind=@kind, local_model=@localJson, name=@name, base_url=@baseURL, model=@model, api_key_sealed=@sealedKey,
       temperature=@temperature, top_p=@topP, max_tokens=@maxTokens, timeout_ms=@timeoutMs, stream=@streamFlag,
       first_byte_timeout_ms=@firstByteTimeoutMs, idle_timeout_ms=@idleTimeoutMs, max_concurrency=@maxConcurrency,
       price_input=@priceInput, price_output=@priceOutput, price_cached_input=@priceCachedInput, rpm=@rpm, tpm=@tpm,
       replicas=@replicasJson, currency=@currency, updated_at=@now`,
  )
  const remove = db.prepare<[string]>('DELETE FROM endpoints WHERE id = ?')
  const found = (row: Row | undefined) => (row ? toRecord(row) : undefined)
  return {
    list: (): EndpointView[] => all.all().map((row) => toRecord(row).view),
    get: (id: string) => found(byId.get(id)),
    byName: (name: string) => found(byName.get(name)),
    save(row: EndpointRow) {
      const { replicas, local, ...rest } = row
      upsert.run({
        ...rest,
        localJson: local ? JSON.stringify(local) : null,
        streamFlag: row.stream ? 1 : 0,
        replicasJson: JSON.stringify(replicas),
      })
    },
    delete: (id: string) => remove.run(id).changes > 0,
  }
}
