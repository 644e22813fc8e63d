import OpenAI from 'openai'

export type LlmErrorKind =
  | 'rate_limit'
  | 'server'
  | 'timeout'
  | 'network'
  | 'unauthorized'
  | 'bad_request'
  | 'not_found'
  | 'malformed'
  | 'cancelled'

/** The final failure of a gateway call, after every attempt it was allowed. */
export class LlmCallError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'LlmCallError'
  }
}

/** One failed attempt, classified. `headers` carries Retry-After hints when the server sent any. */
export interface AttemptFailure {
  kind: LlmErrorKind
  status?: number
  /** Short and user-readable: "HTTP 503", "no answer within 60 s", "connection failed". */
  headline: string
  /** What the server or socket said, if anything. */
  detail: string
  headers?: Headers
}

export const describeFailure = (f: AttemptFailure) => (f.detail ? `${f.headline}: ${f.detail}` : f.headline)

/** A 200 whose body is not a usable chat completion. */
export class MalformedResponse extends Error {}

const RETRYABLE = new Set<LlmErrorKind>(['rate_limit', 'server', 'timeout', 'network', 'malformed'])
export const isRetryable = (kind: LlmErrorKind) => RETRYABLE.has(kind)

function kindForStatus(status: number): LlmErrorKind {
  if (status === 429) return 'rate_limit'
  if (status >= 500) return 'server'
  if (status === 408) return 'timeout'
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 404) return 'not_found'
  return 'bad_request'
}

/**
 * Turns whatever one attempt threw into a kind. `why` tells an abort we caused
 * (our per-attempt timeout, a stalled stream, the caller's cancel) from anything else.
 */
export function classifyFailure(
  error: unknown,
  why: {
    timedOut: boolean
    cancelled: boolean
    timeoutMs: number
    stalled?: { firstByte: boolean; ms: number } | null
  },
): AttemptFailure {
  if (why.cancelled) return { kind: 'cancelled', headline: 'cancelled', detail: '' }
  if (why.stalled) {
    const headline = why.stalled.firstByte
      ? `no first byte within ${formatSeconds(why.stalled.ms)}`
      : `stream stalled for ${formatSeconds(why.stalled.ms)}`
    return { kind: 'timeout', headline, detail: '' }
  }
  if (why.timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
    return { kind: 'timeout', headline: `no answer within ${formatSeconds(why.timeoutMs)}`, detail: '' }
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    return {
      kind: kindForStatus(error.status),
      status: error.status,
      headline: `HTTP ${error.status}`,
      detail: serverMessage(error),
      headers: error.headers,
    }
  }
  // An error event in the middle of a stream: the server gave up on the request.
  if (error instanceof OpenAI.APIError && !(error instanceof OpenAI.APIConnectionError))
    return { kind: 'server', headline: 'error in the stream', detail: serverMessage(error) }
  if (error instanceof MalformedResponse || error instanceof SyntaxError) {
    return { kind: 'malformed', headline: 'malformed response', detail: error.message.slice(0, 300) }
  }
  // Also sockets reset while the body is read: undici's bare TypeError('terminated').
  return { kind: 'network', headline: 'connection failed', detail: networkCause(error) }
}

function serverMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined
  const text = typeof body?.message === 'string' ? body.message : error.message.replace(/^\d+\s*/, '')
  return text.replace(/\s+/g, ' ').trim().slice(0, 300)
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; cause?: { code?: string; message?: string } } })
    .cause
  return cause?.code ?? cause?.cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error)
}

const formatSeconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`)
