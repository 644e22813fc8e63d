import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions'
import type { LlmCallRepo } from '../db/llmCallRepo'
import { attemptOnce, type AttemptOutcome } from './attempt'
import { endpointPool, SKIPPED, untilAborted } from './endpointPool'
import type { EndpointSecret } from './endpointService'
import { describeFailure, isRetryable, LlmCallError, type AttemptFailure } from './errors'
import { abortableSleep, DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './retryPolicy'

export { LlmCallError } from './errors'
export type { LlmErrorKind } from './errors'

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
  runId?: string | null
  dialogueId?: string | null
  /** Cancel: stop waiting and retrying at once. */
  signal?: AbortSignal
}

export interface ChatResult {
  content: string
  finishReason: string | null
  model: string
  latencyMs: number
  promptTokens: number | null
  completionTokens: number | null
  cost: number | null
  attempts: number
}

export interface LlmGateway {
  chat(call: ChatCall): Promise<ChatResult>
  /** Requests holding one of the endpoint's concurrency slots right now. */
  inFlight(endpointId: string): number
}

export interface GatewayOptions {
  calls: LlmCallRepo | null
  retry?: Partial<RetryPolicy>
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
}

/** The one place every LLM call goes through: concurrency, timeouts, retries, and a log row per attempt. */
export function createLlmGateway(options: GatewayOptions): LlmGateway {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
  const sleep = options.sleep ?? abortableSleep
  const random = options.random ?? Math.random
  const pool = endpointPool()

  async function chat(call: ChatCall): Promise<ChatResult> {
    const { endpoint, signal } = call
    const label = `${endpoint.name} (${endpoint.model})`
    const params: ChatCompletionCreateParamsNonStreaming = {
      model: endpoint.model,
      messages: [...call.messages],
      temperature: call.temperature ?? endpoint.temperature,
      top_p: call.topP ?? endpoint.topP,
      max_tokens: call.maxTokens ?? endpoint.maxTokens,
      ...(call.seed === undefined ? {} : { seed: call.seed }),
    }
    const client = pool.client(endpoint)
    const log = options.calls ? attemptLogger(options.calls, call, params) : null

    for (let attempt = 1; ; attempt++) {
      let outcome: AttemptOutcome | typeof SKIPPED
      let sent = false
      try {
        outcome = await pool.run(endpoint, signal, async () => {
          sent = true
          const result = await attemptOnce(client, params, endpoint.timeoutMs, signal)
          log?.(result, attempt)
          return result
        })
      } catch (error) {
        if (signal?.aborted) throw cancelled(label, sent ? attempt : attempt - 1)
        throw error
      }
      if (outcome === SKIPPED) throw cancelled(label, attempt - 1)
      if (outcome.ok) {
        const v = outcome.value
        return {
          content: v.content,
          finishReason: v.finishReason,
          model: v.model ?? endpoint.model,
          latencyMs: outcome.latencyMs,
          promptTokens: v.promptTokens,
          completionTokens: v.completionTokens,
          cost: costOf(endpoint, v.promptTokens, v.completionTokens),
          attempts: attempt,
        }
      }
      const failure = outcome.failure
      if (failure.kind === 'cancelled') throw cancelled(label, attempt)
      if (!isRetryable(failure.kind) || attempt > policy.maxRetries) throw finalError(label, failure, attempt)
      const delay = retryDelay(policy, attempt, random, failure.headers)
      try {
        await (signal ? untilAborted(sleep(delay, signal), signal) : sleep(delay))
      } catch (error) {
        if (signal?.aborted) throw cancelled(label, attempt)
        throw error
      }
    }
  }

  return { chat, inFlight: pool.inFlight }
}

function attemptLogger(calls: LlmCallRepo, call: ChatCall, params: ChatCompletionCreateParamsNonStreaming) {
  const { endpoint } = call
  // Only what was asked of the model: never the key or the headers.
  const request = JSON.stringify({
    messages: params.messages,
    temperature: params.temperature,
    top_p: params.top_p,
    max_tokens: params.max_tokens,
    seed: params.seed ?? null,
  })
  return (outcome: AttemptOutcome, attempt: number) => {
    const v = outcome.ok ? outcome.value : null
    const failure = outcome.ok ? null : outcome.failure
    calls.record({
      runId: call.runId ?? null,
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
      cost: v ? costOf(endpoint, v.promptTokens, v.completionTokens) : null,
      errorKind: failure?.kind ?? null,
      error: failure ? describeFailure(failure) : null,
      attempt,
      createdAt: new Date().toISOString(),
    })
  }
}

/** Prices are per million tokens; a missing price counts as free, missing usage as unknown. */
export function costOf(endpoint: EndpointSecret, promptTokens: number | null, completionTokens: number | null): number | null {
  if (endpoint.priceInput === null && endpoint.priceOutput === null) return null
  if (promptTokens === null || completionTokens === null) return null
  return (promptTokens * (endpoint.priceInput ?? 0) + completionTokens * (endpoint.priceOutput ?? 0)) / 1_000_000
}

const plural = (n: number) => `${n} attempt${n === 1 ? '' : 's'}`

function finalError(label: string, failure: AttemptFailure, attempts: number): LlmCallError {
  const detail = failure.detail ? `: ${failure.detail}` : ''
  return new LlmCallError(failure.kind, `${label}: ${failure.headline} after ${plural(attempts)}${detail}`, attempts, failure.status)
}

const cancelled = (label: string, attempts: number) => new LlmCallError('cancelled', `${label}: cancelled after ${plural(attempts)}`, attempts)
