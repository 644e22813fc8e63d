import type OpenAI from 'openai'
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions'
import type { CompletionCreateParamsNonStreaming } from 'openai/resources/completions'
import { classifyFailure, MalformedResponse, type AttemptFailure } from './errors'

export interface Completion {
  content: string
  finishReason: string | null
  model: string | null
  promptTokens: number | null
  completionTokens: number | null
  /** Prompt tokens the server read from its cache (`usage.prompt_tokens_details.cached_tokens`); null: not said. */
  cachedTokens: number | null
  /** An embeddings answer's vectors, in input order (its `content` is empty). */
  vectors?: Float32Array[]
}

export type AttemptOutcome =
  /** `headers`: the answer's, for rate-limit hints (never logged). */
  | { ok: true; value: Completion; latencyMs: number; headers?: Headers }
  | { ok: false; failure: AttemptFailure; latencyMs: number }

/** How long one attempt may take: in all, and (when streamed) until its first chunk and between chunks. */
export interface AttemptLimits {
  timeoutMs: number
  /** Ask for a streamed answer (SSE); a server that answers with plain JSON anyway is read as such. */
  stream?: boolean
  firstByteTimeoutMs?: number
  idleTimeoutMs?: number
}

/**
 * One request, no retries. The timeout covers the whole attempt, body included
 * (the SDK's own timeout stops at the response headers). A streamed attempt is
 * also given up when its first chunk is late or the gap between two chunks is
 * too long, so a stalled server costs seconds, not the whole timeout; the
 * completion assembled from the chunks is the one a plain request returns.
 */
export function attemptOnce(
  client: OpenAI,
  params: ChatCompletionCreateParamsNonStreaming,
  limits: AttemptLimits,
  signal: AbortSignal | undefined,
  onDelta?: (text: string) => void,
): Promise<AttemptOutcome> {
  return timedAttempt(limits, signal, async (aborter, watch, onHeaders) => {
    if (!limits.stream) {
      const { data, response } = await client.chat.completions
        .create(params, { signal: aborter, maxRetries: 0 })
        .withResponse()
      onHeaders(response.headers)
      return data
    }
    watch(true)
    const body = await streamed(client, params, aborter, () => watch(false), onHeaders, onDelta)
    // The SDK ends a stream quietly when it is aborted: our timers or the caller did.
    if (aborter.aborted) throw new Error('aborted')
    return body
  })
}

/**
 * One request to a completions endpoint (`/v1/completions`: a raw prompt, no chat template), no retries, not
 * streamed; its text is read into the same completion a chat request gives.
 */
export function attemptCompletionOnce(
  client: OpenAI,
  params: CompletionCreateParamsNonStreaming,
  limits: AttemptLimits,
  signal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  return plainAttempt(
    limits,
    signal,
    (aborter) => client.completions.create(params, { signal: aborter, maxRetries: 0 }).withResponse(),
    readTextCompletion,
  )
}

/** One request to an embeddings endpoint (`/v1/embeddings`, as TEI, vLLM, Infinity and OpenAI serve it), no retries. */
export function attemptEmbeddingsOnce(
  client: OpenAI,
  params: { model: string; input: string[] },
  limits: AttemptLimits,
  signal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  return plainAttempt(
    limits,
    signal,
    // Floats, not the SDK's default base64: not every server encodes them.
    (aborter) =>
      client.embeddings
        .create({ ...params, encoding_format: 'float' }, { signal: aborter, maxRetries: 0 })
        .withResponse(),
    (body) => readEmbeddings(body, params.input.length),
  )
}

/** A request that is not streamed: the whole-attempt timeout only, its body read by `read`. */
function plainAttempt(
  limits: AttemptLimits,
  signal: AbortSignal | undefined,
  send: (aborter: AbortSignal) => Promise<{ data: unknown; response: Response }>,
  read: (body: unknown) => Completion,
): Promise<AttemptOutcome> {
  return timedAttempt(
    { timeoutMs: limits.timeoutMs },
    signal,
    async (aborter, _watch, onHeaders) => {
      const { data, response } = await send(aborter)
      onHeaders(response.headers)
      return data
    },
    read,
  )
}

async function timedAttempt(
  limits: AttemptLimits,
  signal: AbortSignal | undefined,
  send: (
    aborter: AbortSignal,
    watch: (firstByte: boolean) => void,
    onHeaders: (headers: Headers) => void,
  ) => Promise<unknown>,
  read: (body: unknown) => Completion = readCompletion,
): Promise<AttemptOutcome> {
  const { timeoutMs, firstByteTimeoutMs = timeoutMs, idleTimeoutMs = timeoutMs } = limits
  const controller = new AbortController()
  let timedOut = false
  let stalled: { firstByte: boolean; ms: number } | null = null
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  let watchdog: NodeJS.Timeout | undefined
  /** (Re)arms the gap timer: until the first chunk, then between chunks. */
  const watch = (firstByte: boolean) => {
    clearTimeout(watchdog)
    const ms = firstByte ? firstByteTimeoutMs : idleTimeoutMs
    if (ms >= timeoutMs) return
    watchdog = setTimeout(() => {
      stalled = { firstByte, ms }
      controller.abort()
    }, ms)
  }
  const onCancel = () => controller.abort()
  signal?.addEventListener('abort', onCancel, { once: true })
  const started = performance.now()
  let headers: Headers | undefined
  try {
    const body = await send(controller.signal, watch, (h) => (headers = h))
    return { ok: true, value: read(body), latencyMs: Math.round(performance.now() - started), headers }
  } catch (error) {
    const cancelled = !timedOut && !stalled && signal?.aborted === true
    const failure = classifyFailure(error, { timedOut, cancelled, timeoutMs, stalled: timedOut ? null : stalled })
    return { ok: false, failure, latencyMs: Math.round(performance.now() - started) }
  } finally {
    clearTimeout(timer)
    clearTimeout(watchdog)
    signal?.removeEventListener('abort', onCancel)
  }
}

/**
 * A streamed request, its chunks put together into the body a plain request
 * would have had (content, finish reason, model, usage when the server sends
 * it). `onChunk` runs as each chunk arrives.
 */
async function streamed(
  client: OpenAI,
  params: ChatCompletionCreateParamsNonStreaming,
  signal: AbortSignal,
  onChunk: () => void,
  onHeaders: (headers: Headers) => void,
  onDelta?: (text: string) => void,
): Promise<unknown> {
  const { data, response } = await client.chat.completions
    .create({ ...params, stream: true, stream_options: { include_usage: true } }, { signal, maxRetries: 0 })
    .withResponse()
  onHeaders(response.headers)
  // A server that does not stream answers with the whole completion as JSON.
  if (/json/i.test(response.headers.get('content-type') ?? '')) return (await response.json()) as unknown
  let content: string | null = null
  let finishReason: string | null = null
  let model: string | undefined
  let usage: unknown
  let choices = 0
  for await (const chunk of data as AsyncIterable<WireChunk>) {
    onChunk()
    if (typeof chunk.model === 'string') model = chunk.model
    if (chunk.usage) usage = chunk.usage
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined
    if (!choice) continue
    choices++
    if (typeof choice.delta?.content === 'string') {
      content = (content ?? '') + choice.delta.content
      if (choice.delta.content) onDelta?.(choice.delta.content)
    }
    if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason
  }
  if (signal.aborted) return null
  if (choices > 0 && finishReason === null)
    throw new MalformedResponse('the stream ended before the reply was finished')
  return {
    model,
    usage,
    choices:
      choices === 0
        ? []
        : [{ message: { content: content ?? (finishReason ? '' : null) }, finish_reason: finishReason }],
  }
}

interface WireChunk {
  model?: unknown
  choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[]
  usage?: unknown
}

interface WireCompletion {
  model?: unknown
  choices?: { message?: { content?: unknown }; finish_reason?: unknown }[]
  usage?: WireUsage
}

interface WireUsage {
  prompt_tokens?: unknown
  completion_tokens?: unknown
  prompt_tokens_details?: { cached_tokens?: unknown } | null
}

/** Prompt, completion and cached prompt tokens, as far as the server said. */
const tokensOf = (usage: WireUsage | undefined) => ({
  promptTokens: count(usage?.prompt_tokens),
  completionTokens: count(usage?.completion_tokens),
  cachedTokens: count(usage?.prompt_tokens_details?.cached_tokens),
})

/** Checks that a 200 really is a chat completion with text in it. */
export function readCompletion(body: unknown): Completion {
  if (typeof body !== 'object' || body === null) {
    throw new MalformedResponse(
      `expected a chat completion object, got ${JSON.stringify(body)?.slice(0, 120) ?? String(body)}`,
    )
  }
  const wire = body as WireCompletion
  if (!Array.isArray(wire.choices) || wire.choices.length === 0)
    throw new MalformedResponse('no choices in the response')
  const choice = wire.choices[0]
  const content = choice?.message?.content
  if (typeof content !== 'string') throw new MalformedResponse('no message content in the first choice')
  return {
    content,
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
    model: typeof wire.model === 'string' ? wire.model : null,
    ...tokensOf(wire.usage),
  }
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : null)

interface WireTextCompletion {
  model?: unknown
  choices?: { text?: unknown; finish_reason?: unknown }[]
  usage?: WireUsage
}

/** Checks that a 200 really is a text completion (`choices[0].text`). */
export function readTextCompletion(body: unknown): Completion {
  if (typeof body !== 'object' || body === null) {
    throw new MalformedResponse(
      `expected a completion object, got ${JSON.stringify(body)?.slice(0, 120) ?? String(body)}`,
    )
  }
  const wire = body as WireTextCompletion
  if (!Array.isArray(wire.choices) || wire.choices.length === 0)
    throw new MalformedResponse('no choices in the response')
  const choice = wire.choices[0]
  if (typeof choice?.text !== 'string') throw new MalformedResponse('no text in the first choice')
  return {
    content: choice.text,
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
    model: typeof wire.model === 'string' ? wire.model : null,
    ...tokensOf(wire.usage),
  }
}

interface WireEmbeddings {
  model?: unknown
  data?: { index?: unknown; embedding?: unknown }[]
  usage?: WireUsage
}

/** Checks that a 200 really holds one vector of numbers per input, all of one length, and puts them in input order. */
export function readEmbeddings(body: unknown, inputs: number): Completion {
  const wire = (typeof body === 'object' && body !== null ? body : {}) as WireEmbeddings
  if (!Array.isArray(wire.data)) throw new MalformedResponse('no data in the embeddings response')
  if (wire.data.length !== inputs)
    throw new MalformedResponse(`the embeddings response has ${wire.data.length} vectors for ${inputs} inputs`)
  const vectors = new Array<Float32Array>(inputs)
  wire.data.forEach((item, position) => {
    const index = typeof item.index === 'number' ? item.index : position
    if (!Array.isArray(item.embedding) || !item.embedding.every((x) => typeof x === 'number'))
      throw new MalformedResponse(`vector ${index} of the embeddings response is not a list of numbers`)
    if (index < 0 || index >= inputs || vectors[index]) throw new MalformedResponse(`vector index ${index} is wrong`)
    vectors[index] = Float32Array.from(item.embedding as number[])
  })
  if (new Set(vectors.map((v) => v.length)).size !== 1 || vectors[0].length === 0)
    throw new MalformedResponse('the vectors of the embeddings response differ in length')
  return {
    content: '',
    finishReason: null,
    model: typeof wire.model === 'string' ? wire.model : null,
    promptTokens: count(wire.usage?.prompt_tokens),
    completionTokens: 0,
    cachedTokens: null,
    vectors,
  }
}
