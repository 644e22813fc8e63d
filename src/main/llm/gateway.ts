import { randomUUID } from 'node:crypto'
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions'
import type { LlmCallRepo } from '../db/llmCallRepo'
import type { CompletionCreateParamsNonStreaming } from 'openai/resources/completions'
import { attemptCompletionOnce, attemptEmbeddingsOnce, attemptOnce, type AttemptOutcome } from './attempt'
import { endpointHealth, type EndpointHealthView as BaseHealthView, type HealthReport } from './endpointHealth'
import { endpointPool, untilAborted, type ReplicaReport, type ReplicaView, type Slot } from './endpointPool'
import { localModelClient, localTarget } from './localModel'
import type { EndpointSecret } from './endpointService'
import { describeFailure, isRetryable, LlmCallError, type AttemptFailure } from './errors'
import { abortableSleep, DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './retryPolicy'

export { LlmCallError } from './errors'
export type { LlmErrorKind } from './errors'
export type { ReplicaView } from './endpointPool'

/** An endpoint's health, with its base URLs' concurrency (its own first; empty before its first call). */
export interface EndpointHealthView extends BaseHealthView {
  replicas: ReplicaView[]
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface ChatCall {
  endpoint: EndpointSecret
  messages: ChatMessage[]
  /** null/undefined = the endpoint's default. */
  temperature?: number | null
  topP?: number | null
  maxTokens?: number | null
  seed?: number
  /** 'client' | 'counselor' | 'judge' | ... */
  purpose: string
  /** The run, evaluation, arena or agreement check the call belongs to (llm_calls.job_id). */
  jobId?: string | null
  dialogueId?: string | null
  /** Cancel: stop waiting and retrying at once. */
  signal?: AbortSignal
  /**
   * Each piece of the reply as it streams in (streamed endpoints only). A retried attempt starts over: `attempt` tells
   * which one a piece belongs to.
   */
  onDelta?: (text: string, attempt: number) => void
}

/** A call to a completions endpoint (`/v1/completions`): a raw prompt instead of chat messages. */
export interface CompletionCall extends Omit<ChatCall, 'messages'> {
  prompt: string
  /** Where the model stops (e.g. the next speaker's label). */
  stop?: string[]
}

/** A call to an embeddings endpoint (`/v1/embeddings`): the vectors of `input`, in order. */
export interface EmbeddingsCall extends Omit<ChatCall, 'messages' | 'temperature' | 'topP' | 'maxTokens' | 'seed'> {
  input: string[]
}

export interface ChatResult {
  content: string
  finishReason: string | null
  model: string
  latencyMs: number
  promptTokens: number | null
  completionTokens: number | null
  /** Prompt tokens the server read from its cache (priced at the cached-input price); null: not said. */
  cachedTokens: number | null
  cost: number | null
  attempts: number
  /** The base URL that answered (the endpoint's own, or one of its replicas). */
  replica: string
  /** This call's key in the call log (every attempt's row carries it). */
  callKey: string
  /** An embeddings call's vectors, in input order. */
  vectors?: Float32Array[]
}

export interface LlmGateway {
  chat(call: ChatCall): Promise<ChatResult>
  /** The same retries, endpoint health and call log for a completions endpoint (not streamed). */
  complete(call: CompletionCall): Promise<ChatResult>
  /** The same for an embeddings endpoint; the call log keeps how many texts and characters, not the texts. */
  embeddings(call: EmbeddingsCall): Promise<ChatResult & { vectors: Float32Array[] }>
  /** Requests holding one of the endpoint's concurrency slots right now. */
  inFlight(endpointId: string): number
  /** Whether the endpoint answers, or is down and its calls wait (null: never called). */
  health(endpointId: string): EndpointHealthView | null
  /** Called when an endpoint goes down or up, or its waiting calls or last error change; returns the unsubscribe. */
  onHealthChange(listener: (view: EndpointHealthView) => void): () => void
}

export interface GatewayOptions {
  calls: LlmCallRepo | null
  retry?: Partial<RetryPolicy>
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
  /**
   * Retryable failures in a row, over all calls to an endpoint, after which it counts as down (default 5); with
   * replicas, on one base URL, after which it is taken out (the endpoint is down when all are out).
   */
  downAfter?: number
  /** The clock of replica probes (tests move it by hand). */
  now?: () => number
}

/**
 * The one place every LLM call goes through: concurrency, timeouts, retries, endpoint
 * health, and a log row per attempt.
 *
 * A call retries a retryable failure (5xx, 429, timeout, reset, malformed answer) with
 * backoff. Failures while its endpoint is down (it kept failing for every call) do not
 * count against the call: it waits for the endpoint's shared probe and goes on when the
 * endpoint answers again, however long that takes (until cancelled). A call that spends
 * its whole budget while the endpoint answers others tries again after a long pause, and
 * fails for good after `rounds` budgets. Refusals (401, unknown model, bad request) fail at once.
 */
export function createLlmGateway(options: GatewayOptions): LlmGateway {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
  const sleep = options.sleep ?? abortableSleep
  const random = options.random ?? Math.random
  const downAfter = options.downAfter ?? 5
  const listeners = new Set<(view: EndpointHealthView) => void>()
  const tell = (view: BaseHealthView) =>
    listeners.forEach((listener) => listener({ ...view, replicas: pool.view(view.endpointId) ?? [] }))
  const health = endpointHealth({
    downAfter,
    policy,
    sleep: options.sleep ?? unrefSleep,
    random,
    onChange: tell,
  })
  const pool = endpointPool({
    downAfter,
    policy,
    random,
    now: options.now,
    onChange: (id) => {
      const view = health.view(id)
      if (view) tell(view)
    },
  })

  function chat(call: ChatCall): Promise<ChatResult> {
    const { endpoint } = call
    const params: ChatCompletionCreateParamsNonStreaming = {
      model: endpoint.model,
      messages: [...call.messages],
      temperature: call.temperature ?? endpoint.temperature,
      top_p: call.topP ?? endpoint.topP,
      max_tokens: call.maxTokens ?? endpoint.maxTokens,
      ...(call.seed === undefined ? {} : { seed: call.seed }),
    }
    // Only what was asked of the model: never the key or the headers.
    const request = { messages: params.messages }
    return run(call, request, params, (client, signal, attempt) =>
      attemptOnce(client, params, endpoint, signal, call.onDelta && ((text) => call.onDelta!(text, attempt))),
    )
  }

  function complete(call: CompletionCall): Promise<ChatResult> {
    const { endpoint } = call
    const params: CompletionCreateParamsNonStreaming = {
      model: endpoint.model,
      prompt: call.prompt,
      temperature: call.temperature ?? endpoint.temperature,
      top_p: call.topP ?? endpoint.topP,
      max_tokens: call.maxTokens ?? endpoint.maxTokens,
      ...(call.stop?.length ? { stop: call.stop } : {}),
      ...(call.seed === undefined ? {} : { seed: call.seed }),
    }
    const request = { prompt: params.prompt, stop: params.stop ?? null }
    return run(call, request, params, (client, signal) =>
      attemptCompletionOnce(client, params, { timeoutMs: endpoint.timeoutMs }, signal),
    )
  }

  async function embeddings(call: EmbeddingsCall) {
    const { endpoint } = call
    const params = { model: endpoint.model, input: call.input }
    const request = { embeddings: call.input.length, characters: call.input.reduce((n, t) => n + t.length, 0) }
    const result = await run(call, request, {}, (client, signal) =>
      attemptEmbeddingsOnce(client, params, { timeoutMs: endpoint.timeoutMs }, signal),
    )
    return { ...result, vectors: result.vectors! }
  }

  async function run(
    call: Omit<ChatCall, 'messages'>,
    request: object,
    params: { temperature?: number | null; top_p?: number | null; max_tokens?: number | null; seed?: number | null },
    send: (
      client: ReturnType<typeof pool.client>,
      signal: AbortSignal | undefined,
      attempt: number,
    ) => Promise<AttemptOutcome>,
  ): Promise<ChatResult> {
    const { endpoint, signal } = call
    const label = `${endpoint.name} (${endpoint.model})`
    const callKey = randomUUID()
    const log = options.calls ? attemptLogger(options.calls, call, request, params, callKey) : null
    const tokens = Math.ceil(JSON.stringify(request).length / 4)
    const pooled = (endpoint.replicas?.length ?? 0) > 0
    /** Failures counted against this call in the current budget, and budgets spent. */
    let spent = 0
    let rounds = 0

    for (let attempt = 1; ; attempt++) {
      let probe: boolean
      try {
        probe = await health.admit(endpoint.id, endpoint.name, signal)
      } catch (error) {
        if (signal?.aborted) throw cancelled(label, attempt - 1)
        throw error
      }
      let slot: Slot
      try {
        slot = await pool.acquire(endpoint, tokens, signal)
      } catch (error) {
        health.report(endpoint.id, endpoint.name, NEUTRAL, probe)
        if (signal?.aborted) throw cancelled(label, attempt - 1)
        throw error
      }
      // It went down while this call waited for a slot: back in line, no attempt spent.
      if (!probe && health.isDown(endpoint.id)) {
        slot.release({ ok: false, retryable: false })
        health.report(endpoint.id, endpoint.name, NEUTRAL, probe)
        attempt--
        continue
      }
      let outcome: AttemptOutcome | undefined
      let absorbed: boolean
      try {
        // A local endpoint's model runs in this process, behind the same OpenAI protocol.
        const client = endpoint.local
          ? localModelClient(localTarget({ local: endpoint.local, maxConcurrency: endpoint.maxConcurrency }))
          : pool.client(slot.replica.baseURL, slot.replica.apiKey)
        outcome = await send(client, signal, attempt)
        log?.(outcome, attempt, slot.replica.baseURL)
      } finally {
        const replica = slot.release(replicaReport(outcome), !probe && !health.isDown(endpoint.id))
        absorbed = replica.absorbed
        const report = absorbed ? NEUTRAL : healthReport(outcome)
        if (!pooled || report.ok || !report.retryable) health.report(endpoint.id, endpoint.name, report, probe)
        else {
          // With replicas, the endpoint is down only once every one is out.
          if (replica.allOut) health.markDown(endpoint.id, endpoint.name, replica.error ?? report.error, report.headers)
          health.report(endpoint.id, endpoint.name, replica.allOut ? report : NEUTRAL, probe)
        }
      }
      if (outcome.ok) {
        const v = outcome.value
        return {
          content: v.content,
          finishReason: v.finishReason,
          model: v.model ?? endpoint.model,
          latencyMs: outcome.latencyMs,
          promptTokens: v.promptTokens,
          completionTokens: v.completionTokens,
          cachedTokens: v.cachedTokens,
          cost: costOf(endpoint, v.promptTokens, v.completionTokens, v.cachedTokens),
          attempts: attempt,
          callKey,
          replica: slot.replica.baseURL,
          ...(v.vectors ? { vectors: v.vectors } : {}),
        }
      }
      const failure = outcome.failure
      if (failure.kind === 'cancelled') throw cancelled(label, attempt)
      if (!isRetryable(failure.kind)) throw finalError(label, failure, attempt)
      // The endpoint is down: wait for it (in `admit`) rather than spend this call's budget. A replica's probe that
      // failed costs the call nothing either: it goes on to the others.
      if (health.isDown(endpoint.id) || slot.probe) continue
      // A 429 that lowered the concurrency: wait as the server asks, in line for a slot again, no attempt spent.
      if (absorbed) {
        try {
          const wait = retryDelay(policy, 1, random, failure.headers)
          await (signal ? untilAborted(sleep(wait, signal), signal) : sleep(wait))
        } catch (error) {
          if (signal?.aborted) throw cancelled(label, attempt)
          throw error
        }
        continue
      }
      spent++
      if (spent > policy.maxRetries) {
        rounds++
        if (rounds >= policy.rounds) throw finalError(label, failure, attempt)
        spent = 0
      }
      const delay =
        spent === 0
          ? retryDelay(policy, policy.maxRetries + 1, random, failure.headers)
          : retryDelay(policy, spent, random, failure.headers)
      try {
        await (signal ? untilAborted(sleep(delay, signal), signal) : sleep(delay))
      } catch (error) {
        if (signal?.aborted) throw cancelled(label, attempt)
        throw error
      }
    }
  }

  return {
    chat,
    complete,
    embeddings,
    inFlight: pool.inFlight,
    health: (endpointId) => {
      const view = health.view(endpointId)
      return view ? { ...view, replicas: pool.view(endpointId) ?? [] } : null
    },
    onHealthChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** Neither an answer nor a failure, for the endpoint's health. */
const NEUTRAL: HealthReport = { ok: false, retryable: false }

function healthReport(outcome: AttemptOutcome | undefined): HealthReport {
  if (outcome === undefined) return { ok: false, retryable: false }
  if (outcome.ok) return { ok: true }
  const failure = outcome.failure
  return isRetryable(failure.kind)
    ? { ok: false, retryable: true, error: describeFailure(failure), headers: failure.headers }
    : { ok: false, retryable: false }
}

function replicaReport(outcome: AttemptOutcome | undefined): ReplicaReport {
  if (outcome === undefined) return { ok: false, retryable: false }
  if (outcome.ok) {
    const { promptTokens, completionTokens } = outcome.value
    const tokens = promptTokens === null ? null : promptTokens + (completionTokens ?? 0)
    return { ok: true, headers: outcome.headers, tokens }
  }
  const failure = outcome.failure
  return isRetryable(failure.kind)
    ? {
        ok: false,
        retryable: true,
        rateLimited: failure.kind === 'rate_limit',
        error: describeFailure(failure),
        headers: failure.headers,
      }
    : { ok: false, retryable: false }
}

/** The probe loop's sleep: it does not keep the process alive on its own. */
const unrefSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

function attemptLogger(
  calls: LlmCallRepo,
  call: Omit<ChatCall, 'messages'>,
  asked: object,
  params: { temperature?: number | null; top_p?: number | null; max_tokens?: number | null; seed?: number | null },
  callKey: string,
) {
  const { endpoint } = call
  const request = JSON.stringify({
    ...asked,
    temperature: params.temperature,
    top_p: params.top_p,
    max_tokens: params.max_tokens,
    seed: params.seed ?? null,
  })
  return (outcome: AttemptOutcome, attempt: number, replica: string) => {
    const v = outcome.ok ? outcome.value : null
    const failure = outcome.ok ? null : outcome.failure
    calls.record({
      jobId: call.jobId ?? null,
      dialogueId: call.dialogueId ?? null,
      purpose: call.purpose,
      endpointId: endpoint.id,
      model: v?.model ?? endpoint.model,
      request,
      response: v?.content ?? null,
      finishReason: v?.finishReason ?? null,
      latencyMs: outcome.latencyMs,
      promptTokens: v?.promptTokens ?? null,
      completionTokens: v?.completionTokens ?? null,
      cachedTokens: v?.cachedTokens ?? null,
      cost: v ? costOf(endpoint, v.promptTokens, v.completionTokens, v.cachedTokens) : null,
      replica,
      errorKind: failure?.kind ?? null,
      error: failure ? describeFailure(failure) : null,
      attempt,
      callKey,
      createdAt: new Date().toISOString(),
    })
  }
}

/**
 * Prices are per million tokens; a missing price counts as free, missing usage as unknown. Cached prompt tokens cost
 * the cached-input price when the endpoint has one (else the input price).
 */
export function costOf(
  endpoint: Pick<EndpointSecret, 'priceInput' | 'priceOutput'> & { priceCachedInput?: number | null },
  promptTokens: number | null,
  completionTokens: number | null,
  cachedTokens: number | null = null,
): number | null {
  if (endpoint.priceInput === null && endpoint.priceOutput === null) return null
  if (promptTokens === null || completionTokens === null) return null
  const input = endpoint.priceInput ?? 0
  const cachedPrice = endpoint.priceCachedInput ?? input
  const cached = Math.min(promptTokens, Math.max(0, cachedTokens ?? 0))
  return (
    ((promptTokens - cached) * input + cached * cachedPrice + completionTokens * (endpoint.priceOutput ?? 0)) /
    1_000_000
  )
}

const plural = (n: number) => `${n} attempt${n === 1 ? '' : 's'}`

function finalError(label: string, failure: AttemptFailure, attempts: number): LlmCallError {
  const detail = failure.detail ? `: ${failure.detail}` : ''
  return new LlmCallError(
    failure.kind,
    `${label}: ${failure.headline} after ${plural(attempts)}${detail}`,
    attempts,
    failure.status,
  )
}

const cancelled = (label: string, attempts: number) =>
  new LlmCallError('cancelled', `${label}: cancelled after ${plural(attempts)}`, attempts)
