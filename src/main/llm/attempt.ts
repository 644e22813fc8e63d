import type OpenAI from 'openai'
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions'
import { classifyFailure, MalformedResponse, type AttemptFailure } from './errors'

export interface Completion {
  content: string
  finishReason: string | null
  model: string | null
  promptTokens: number | null
  completionTokens: number | null
}

export type AttemptOutcome = { ok: true; value: Completion; latencyMs: number } | { ok: false; failure: AttemptFailure; latencyMs: number }

/**
 * One request, no retries. The timeout covers the whole attempt, body included
 * (the SDK's own timeout stops at the response headers).
 */
export async function attemptOnce(
  client: OpenAI,
  params: ChatCompletionCreateParamsNonStreaming,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onCancel = () => controller.abort()
  signal?.addEventListener('abort', onCancel, { once: true })
  const started = performance.now()
  try {
    const body: unknown = await client.chat.completions.create(params, { signal: controller.signal, maxRetries: 0 })
    return { ok: true, value: readCompletion(body), latencyMs: Math.round(performance.now() - started) }
  } catch (error) {
    const failure = classifyFailure(error, { timedOut, cancelled: !timedOut && signal?.aborted === true, timeoutMs })
    return { ok: false, failure, latencyMs: Math.round(performance.now() - started) }
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onCancel)
  }
}

interface WireCompletion {
  model?: unknown
  choices?: { message?: { content?: unknown }; finish_reason?: unknown }[]
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown }
}

/** Checks that a 200 really is a chat completion with text in it. */
export function readCompletion(body: unknown): Completion {
  if (typeof body !== 'object' || body === null) {
    throw new MalformedResponse(`expected a chat completion object, got ${JSON.stringify(body)?.slice(0, 120) ?? String(body)}`)
  }
  const wire = body as WireCompletion
  if (!Array.isArray(wire.choices) || wire.choices.length === 0) throw new MalformedResponse('no choices in the response')
  const choice = wire.choices[0]
  const content = choice?.message?.content
  if (typeof content !== 'string') throw new MalformedResponse('no message content in the first choice')
  return {
    content,
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
    model: typeof wire.model === 'string' ? wire.model : null,
    promptTokens: count(wire.usage?.prompt_tokens),
    completionTokens: count(wire.usage?.completion_tokens),
  }
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : null)
