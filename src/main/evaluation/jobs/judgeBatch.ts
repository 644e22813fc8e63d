import { randomUUID } from 'node:crypto'
import pLimit from 'p-limit'
import type { WorkResult } from '../../db/evaluationRepo'
import type { JudgeBatchRepo } from '../../db/judgeBatchRepo'
import type { LlmCallEntry } from '../../db/llmCallRepo'
import { isFinal, type BatchClient, type RemoteBatch } from '../../llm/batchClient'
import type { EndpointSecret } from '../../llm/endpointService'
import { costOf, type ChatMessage } from '../../llm/gateway'
import { abortableSleep } from '../../llm/retryPolicy'
import type { JobContext } from '../evaluationRunner'
import { judgeCacheKey, type JudgeCache } from '../judgeClient'
import type { Parsed } from '../judgeParse'

/** What a unit sends, so it can go in a batch file (units without one are always asked live). */
export interface UnitRequest {
  messages: ChatMessage[]
  round: number
  /** Longest answer; absent: the endpoint's default. */
  maxTokens?: number | null
  parse: (text: string) => Parsed<number | string>
  purpose: string
}

/** The parts of a judge unit the batch path reads (JudgeJobUnit has them all). */
export interface BatchUnit {
  key: string
  datasetId: string
  dialogue: { id: string }
  round: number
  item: string
  request?: UnitRequest
}

/** How big a batch file gets, and how many batches are open at once. */
export interface BatchLimits {
  lines: number
  bytes: number
  open?: number
}

/** OpenAI's limits per batch file: 50,000 requests, 200 MB (a margin kept for the last line). */
export const BATCH_LIMITS: BatchLimits = { lines: 50_000, bytes: 190 * 1024 * 1024 }

export interface BatchDelivery {
  endpoint: EndpointSecret
  temperature: number
  cache: JudgeCache | null
  /** Batch price relative to live: the logged cost of each answer is the live cost times this. */
  priceFactor: number
  client: BatchClient
  batches: JudgeBatchRepo
  calls: { record(entry: LlmCallEntry): void }
  /** First wait between polls; it grows by half each time, up to `maxPollMs`. */
  pollMs: number
  maxPollMs: number
  limits?: BatchLimits
  /** Batches open at once (each holds its waiting units in memory: lines × this). */
  openBatches?: number
}

/** A unit waiting for a batch line: what storing its answer needs (not the dialogue: read again to ask live). */
interface Waiting {
  key: string
  datasetId: string
  dialogueId: string
  round: number
  item: string
  parse: UnitRequest['parse']
  purpose: string
}

interface OpenBatch {
  id: string
  remoteId: string
  status: string
  /** custom_id → the units it answers. */
  waiting: Map<string, Waiting[]>
}

interface Chunk {
  lines: string[]
  bytes: number
  waiting: Map<string, Waiting[]>
}

interface BatchLine {
  custom_id?: string
  response?: { status_code?: number; body?: unknown } | null
  error?: { code?: string; message?: string } | null
}

export interface ChatBody {
  model?: string
  choices?: { message?: { content?: unknown }; finish_reason?: string | null }[]
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } }
}

/** The chat request of a unit as a batch line's body (what the gateway would send live). */
export function batchBody(endpoint: EndpointSecret, temperature: number, request: UnitRequest) {
  return {
    model: endpoint.model,
    messages: request.messages,
    temperature,
    top_p: endpoint.topP,
    max_tokens: request.maxTokens ?? endpoint.maxTokens,
  }
}

/** A unit's request as one JSONL line, custom_id its judge-cache key (what the answer is stored under). */
export function batchLine(endpoint: EndpointSecret, temperature: number, request: UnitRequest) {
  const customId = judgeCacheKey(endpoint, temperature, request.messages, request.round, request.maxTokens ?? null)
  const line = JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: batchBody(endpoint, temperature, request),
  })
  return { customId, line }
}

/**
 * Sends a judge job's units as provider batches and stores the answers as live answers are stored.
 *
 * The job goes in waves: a wave walks the units not yet stored; a unit whose request is answered in the cache, or was
 * sent in a batch already imported without a usable answer (a failed or expired line, an unreadable answer), is asked
 * live (`ask`: the normal path, with its parse retries); the others fill batch files of up to 50,000 lines, each
 * written down (with its lines) before it is uploaded and given the provider's id once made, so a restart polls it
 * again and never sends it twice. Then the wave polls its open batches with growing pauses and imports each one that
 * ends: every answer is logged as an LLM call (its tokens and batch-priced cost) before the units it answers are
 * stored, once each (a line answered twice, or imported again after a restart, finds its units stored). Waves go on
 * until no batch is open.
 */
export async function runBatchUnits<U extends BatchUnit>(
  ctx: JobContext,
  units: () => Iterable<U>,
  delivery: BatchDelivery,
  live: { parallel: number; ask(unit: U): Promise<void> },
): Promise<void> {
  const { endpoint, batches } = delivery
  const limits = delivery.limits ?? BATCH_LIMITS
  const openLimit = delivery.openBatches ?? 8
  const id = ctx.evaluationId
  const signal = ctx.signal
  const retryTransport = new Set(
    ctx
      .results()
      .filter((r) => r.status === 'failed' && r.error?.startsWith('transport:'))
      .map((r) => r.key),
  )
  /** Units stored by this run (ctx.done holds those of earlier ones). */
  const stored = new Set<string>()
  const isDone = (key: string) => stored.has(key) || (ctx.done.has(key) && !retryTransport.has(key))
  const record = (result: WorkResult) => {
    stored.add(result.key)
    ctx.record(result)
  }
  const limit = pLimit(live.parallel)
  // Units asked live (answered from the cache, or their batch line failed); the walk waits when many are queued, so
  // the dialogues they hold stay few.
  const inFlight = new Set<Promise<void>>()
  const askLive = async (u: U) => {
    retryTransport.delete(u.key)
    const asked: Promise<void> = limit(async () => {
      await live.ask(u)
      stored.add(u.key)
    }).finally(() => inFlight.delete(asked))
    asked.catch(() => undefined) // awaited below; a walk stopped early leaves no unhandled rejection
    inFlight.add(asked)
    if (inFlight.size >= live.parallel * 4) await Promise.race(inFlight)
  }
  const liveDone = () => Promise.all([...inFlight])

  for (;;) {
    const open = await reattach(ctx, delivery)
    const byId = new Map(open.map((b) => [b.id, b]))
    let chunk: Chunk = { lines: [], bytes: 0, waiting: new Map() }
    let room = openLimit - open.length
    const submit = async () => {
      const sent = await submitChunk(ctx, delivery, chunk)
      open.push(sent)
      byId.set(sent.id, sent)
      room--
      chunk = { lines: [], bytes: 0, waiting: new Map() }
    }

    for (const u of units()) {
      if (isDone(u.key)) continue
      signal.throwIfAborted()
      if (!u.request) {
        await askLive(u)
        continue
      }
      const { customId, line } = batchLine(endpoint, delivery.temperature, u.request)
      const waiting: Waiting = {
        key: u.key,
        datasetId: u.datasetId,
        dialogueId: u.dialogue.id,
        round: u.round,
        item: u.item,
        parse: u.request.parse,
        purpose: u.request.purpose,
      }
      const inChunk = chunk.waiting.get(customId)
      if (inChunk) {
        inChunk.push(waiting)
        continue
      }
      const sentIn = batches.batchOf(id, customId)
      if (sentIn !== null) {
        const batch = byId.get(sentIn)
        if (batch) (batch.waiting.get(customId) ?? batch.waiting.set(customId, []).get(customId)!).push(waiting)
        // Sent in a batch already imported without a usable answer: asked live.
        else await askLive(u)
        continue
      }
      const hit = delivery.cache?.get(customId)
      if (hit != null && u.request.parse(hit).ok) {
        await askLive(u) // answered from the cache, no call
        continue
      }
      if (room <= 0) continue // the next wave sends it
      const bytes = Buffer.byteLength(line) + 1
      if (chunk.lines.length > 0 && (chunk.lines.length >= limits.lines || chunk.bytes + bytes > limits.bytes)) {
        await submit()
        if (room <= 0) continue
      }
      chunk.lines.push(line)
      chunk.bytes += bytes
      chunk.waiting.set(customId, [waiting])
    }
    if (chunk.lines.length > 0 && room > 0) await submit()
    await liveDone()
    if (open.length === 0) break
    await pollAndImport(ctx, delivery, open, record)
  }
  // Every unit is stored (or failed live): which batch asked what is no longer needed; the batches stay listed.
  ctx.write(() => batches.forgetLines(id))
}

/** The job's batches not yet imported; one cut short before its id was stored is found by its metadata, or dropped. */
async function reattach(ctx: JobContext, delivery: BatchDelivery): Promise<OpenBatch[]> {
  const { batches, client } = delivery
  const open: OpenBatch[] = []
  for (const row of batches.list(ctx.evaluationId)) {
    if (row.importedAt !== null) continue
    let remoteId = row.remoteId
    if (remoteId === null) {
      const found = await client
        .findByMetadata('simpsy_batch', row.id, ctx.signal)
        .catch(refusal(ctx, delivery.endpoint)('GET /batches'))
      if (!found) {
        ctx.write(() => batches.drop(row.id))
        continue
      }
      remoteId = found.id
      ctx.write(() => batches.update(row.id, { remoteId: found.id, inputFileId: found.inputFileId, ...counts(found) }))
    }
    open.push({ id: row.id, remoteId, status: row.status, waiting: new Map() })
  }
  return open
}

const counts = (b: RemoteBatch) => ({ status: b.status, completed: b.completed, failed: b.failed })

/** An error of the batch API, said with what to do (a cancelled job's error is passed on as it is). */
const refusal = (ctx: JobContext, endpoint: EndpointSecret) => (step: string) => (error: unknown) => {
  if (ctx.signal.aborted) throw error
  throw new Error(
    `${endpoint.name} (${endpoint.baseURL}) did not take the batch (${step}): ` +
      `${error instanceof Error ? error.message : String(error)}. Does it offer the files and batches API? ` +
      'If not, start the analysis with live calls, or export the batch file for vllm run-batch.',
    { cause: error },
  )
}

async function submitChunk(ctx: JobContext, delivery: BatchDelivery, chunk: Chunk): Promise<OpenBatch> {
  const { batches, client } = delivery
  const id = randomUUID()
  ctx.write(() => batches.add(ctx.evaluationId, id, chunk.waiting.keys(), chunk.lines.length))
  ctx.changed()
  const refused = refusal(ctx, delivery.endpoint)
  const fileId = await client
    .upload(Buffer.from(chunk.lines.join('\n') + '\n'), `simpsy-${id}.jsonl`, ctx.signal)
    .catch(refused('POST /files'))
  const remote = await client
    .create(fileId, { simpsy_batch: id, simpsy_evaluation: ctx.evaluationId }, ctx.signal)
    .catch(refused('POST /batches'))
  ctx.write(() => batches.update(id, { remoteId: remote.id, inputFileId: fileId, ...counts(remote) }))
  ctx.changed()
  return { id, remoteId: remote.id, status: remote.status, waiting: chunk.waiting }
}

async function pollAndImport(
  ctx: JobContext,
  delivery: BatchDelivery,
  open: OpenBatch[],
  record: (result: WorkResult) => void,
) {
  let wait = delivery.pollMs
  let pending = open
  while (pending.length > 0) {
    await abortableSleep(wait, ctx.signal)
    wait = Math.min(delivery.maxPollMs, wait * 1.5)
    const still: OpenBatch[] = []
    for (const batch of pending) {
      const remote = await delivery.client.retrieve(batch.remoteId, ctx.signal)
      if (remote.status !== batch.status || isFinal(remote.status)) {
        batch.status = remote.status
        ctx.write(() => delivery.batches.update(batch.id, counts(remote)))
        ctx.changed()
      }
      if (isFinal(remote.status)) await importBatch(ctx, delivery, batch, remote, record)
      else still.push(batch)
    }
    pending = still
  }
}

/** Stores a finished batch's answers; its units without one stay unstored and are asked live by the next wave. */
async function importBatch(
  ctx: JobContext,
  delivery: BatchDelivery,
  batch: OpenBatch,
  remote: RemoteBatch,
  record: (result: WorkResult) => void,
) {
  for (const fileId of [remote.outputFileId, remote.errorFileId]) {
    if (fileId === null) continue
    for await (const text of delivery.client.lines(fileId, ctx.signal)) {
      let line: BatchLine
      try {
        line = JSON.parse(text) as BatchLine
      } catch {
        continue // a broken line: its units are asked live
      }
      const waiting = line.custom_id === undefined ? undefined : batch.waiting.get(line.custom_id)
      if (!waiting) continue // answered already (a duplicate line), or its units are stored
      const body = line.response?.status_code === 200 ? (line.response.body as ChatBody) : null
      const content = body?.choices?.[0]?.message?.content
      if (typeof content !== 'string') continue
      batch.waiting.delete(line.custom_id!)
      storeAnswer(ctx, delivery, remote.id, line.custom_id!, body!, content, waiting, record)
    }
  }
  // The call log and the units are written a turn later; the batch counts as imported after them.
  await new Promise((resolve) => setImmediate(resolve))
  ctx.write(() => delivery.batches.imported(batch.id))
  ctx.changed()
}

function storeAnswer(
  ctx: JobContext,
  delivery: BatchDelivery,
  remoteId: string,
  customId: string,
  body: ChatBody,
  content: string,
  waiting: Waiting[],
  record: (result: WorkResult) => void,
) {
  const first = waiting[0]
  delivery.calls.record(
    batchAnswerCall(delivery.endpoint, body, content, {
      jobId: ctx.evaluationId,
      dialogueId: first.dialogueId,
      purpose: first.purpose,
      // The whole request is in the batch's input file; the log names it instead of repeating the dialogue.
      request: { batch: remoteId, custom_id: customId, temperature: delivery.temperature },
      priceFactor: delivery.priceFactor,
    }),
  )
  const parsed = first.parse(content)
  // An unreadable answer is not stored: the unit is asked live, with its parse retries.
  if (!parsed.ok) return
  delivery.cache?.put(customId, content)
  waiting.forEach((w, i) =>
    record({
      key: w.key,
      datasetId: w.datasetId,
      dialogueId: w.dialogueId,
      round: w.round,
      item: w.item,
      value: typeof parsed.value === 'number' ? parsed.value : null,
      label: typeof parsed.value === 'string' ? parsed.value : null,
      raw: content,
      status: 'ok',
      error: null,
      attempts: i === 0 ? 1 : 0,
    }),
  )
}

/** The call log row of one answer from a batch output file (no latency of its own; cost at the batch price). */
export function batchAnswerCall(
  endpoint: EndpointSecret,
  body: ChatBody,
  content: string,
  how: { jobId: string | null; dialogueId: string | null; purpose: string; request: object; priceFactor: number },
): LlmCallEntry {
  const usage = body.usage
  const promptTokens = usage?.prompt_tokens ?? null
  const completionTokens = usage?.completion_tokens ?? null
  const cachedTokens = usage?.prompt_tokens_details?.cached_tokens ?? null
  const cost = costOf(endpoint, promptTokens, completionTokens, cachedTokens)
  return {
    jobId: how.jobId,
    dialogueId: how.dialogueId,
    purpose: how.purpose,
    endpointId: endpoint.id,
    model: body.model ?? endpoint.model,
    request: JSON.stringify(how.request),
    response: content,
    finishReason: body.choices?.[0]?.finish_reason ?? null,
    latencyMs: 0,
    promptTokens,
    completionTokens,
    cachedTokens,
    cost: cost === null ? null : cost * how.priceFactor,
    replica: endpoint.baseURL,
    errorKind: null,
    error: null,
    attempt: 1,
    callKey: randomUUID(),
    createdAt: new Date().toISOString(),
  }
}

/** Cancels an analysis's batches still running at the provider (a cancelled analysis stops paying for them). */
export async function cancelBatches(
  ctx: Pick<JobContext, 'evaluationId'>,
  delivery: Pick<BatchDelivery, 'batches' | 'client'>,
) {
  for (const row of delivery.batches.list(ctx.evaluationId))
    if (row.remoteId && row.importedAt === null && !isFinal(row.status)) {
      const remote = await delivery.client.cancel(row.remoteId)
      delivery.batches.update(row.id, counts(remote))
    }
}
