import { describe, expect, it } from 'vitest'
import { abortableSleep, DEFAULT_RETRY_POLICY, retryAfterMs, retryDelay } from '../../src/main/llm/retryPolicy'

const headers = (h: Record<string, string>) => new Headers(h)

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const policy = DEFAULT_RETRY_POLICY
    expect([1, 2, 3, 4].map((n) => retryDelay(policy, n, () => 0.999999))).toEqual([499, 999, 1999, 3999])
    expect(retryDelay(policy, 10, () => 0.999999)).toBe(29999)
    expect(retryDelay(policy, 3, () => 0)).toBe(0)
  })

  it('reads retry-after-ms, Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2025-05-01T10:00:00Z')
    expect(retryAfterMs(headers({ 'retry-after-ms': '150' }), now)).toBe(150)
    expect(retryAfterMs(headers({ 'retry-after-ms': '150', 'retry-after': '9' }), now)).toBe(150)
    expect(retryAfterMs(headers({ 'retry-after': '2' }), now)).toBe(2000)
    expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 May 2025 10:00:05 GMT' }), now)).toBe(5000)
    expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 May 2025 09:00:00 GMT' }), now)).toBe(0)
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeNull()
    expect(retryAfterMs(headers({}), now)).toBeNull()
  })

  it('prefers the server hint to the computed delay, within maxDelayMs', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxDelayMs: 10_000 }
    expect(retryDelay(policy, 1, () => 0.5, headers({ 'retry-after': '3' }))).toBe(3000)
    expect(retryDelay(policy, 1, () => 0.5, headers({ 'retry-after': '60' }))).toBe(10_000)
  })

  it('sleeps until aborted', async () => {
    const controller = new AbortController()
    const started = performance.now()
    setTimeout(() => controller.abort(new Error('stop')), 20)
    await expect(abortableSleep(10_000, controller.signal)).rejects.toThrow('stop')
    expect(performance.now() - started).toBeLessThan(1000)
    await expect(abortableSleep(5)).resolves.toBeUndefined()
  })
})
