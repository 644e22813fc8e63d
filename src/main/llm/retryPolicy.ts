export interface RetryPolicy {
  /** Retries after the first attempt: 6 means at most 7 attempts. */
  maxRetries: number
  baseDelayMs: number
  maxDelayMs: number
  /**
   * Budgets of maxRetries + 1 failed attempts a call may spend while its endpoint answers
   * other calls, a long pause between two, before it fails for good. Failures while the
   * endpoint is down (failing for every call) are not counted.
   */
  rounds: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 30000, rounds: 3 }

/**
 * Delay before retry number `retry` (1-based): the server's own hint when it
 * gave one, else exponential backoff with full jitter. Both capped at maxDelayMs.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  random: () => number,
  headers?: Headers,
  now = Date.now(),
): number {
  const hinted = headers ? retryAfterMs(headers, now) : null
  if (hinted !== null) return Math.min(hinted, policy.maxDelayMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  return Math.floor(random() * ceiling)
}

/** `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms))
  const value = headers.get('retry-after')?.trim()
  if (!value) return null
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
