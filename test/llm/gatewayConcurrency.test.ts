import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLlmGateway, type LlmCallError } from '../../src/main/llm/gateway'
import { abortableSleep } from '../../src/main/llm/retryPolicy'
import { startMockOpenAI } from '../support/mockOpenAI'
import { ask, testEndpoint, until } from './fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function mockWith(options: Parameters<typeof startMockOpenAI>[0]) {
  const mock = await startMockOpenAI(options)
  cleanups.push(mock.close)
  return mock
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('should have failed'),
    (e: unknown) => e as LlmCallError,
  )

describe('LLM gateway: concurrency and cancellation', () => {
  it('never has more requests in flight than the endpoint allows', async () => {
    const mock = await mockWith({ latencyMs: 20 })
    const gateway = createLlmGateway({ calls: null })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 3 })
    let maxSeen = 0
    const calls = Array.from({ length: 20 }, (_, i) =>
      gateway
        .chat({ endpoint, messages: ask(`q${i}`), purpose: 'client' })
        .then((r) => ((maxSeen = Math.max(maxSeen, gateway.inFlight(endpoint.id))), r)),
    )
    const probe = setInterval(() => (maxSeen = Math.max(maxSeen, gateway.inFlight(endpoint.id))), 2)
    await Promise.all(calls)
    clearInterval(probe)
    expect(mock.stats.calls).toBe(20)
    expect(mock.stats.maxActive).toBe(3)
    expect(maxSeen).toBe(3)
    expect(gateway.inFlight(endpoint.id)).toBe(0)
  })

  it('applies a changed limit to new calls', async () => {
    const mock = await mockWith({ latencyMs: 20 })
    const gateway = createLlmGateway({ calls: null })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 2 })
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => gateway.chat({ endpoint, messages: ask(`a${i}`), purpose: 'client' })),
    )
    expect(mock.stats.maxActive).toBe(2)
    const wider = { ...endpoint, maxConcurrency: 5 }
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gateway.chat({ endpoint: wider, messages: ask(`b${i}`), purpose: 'client' }),
      ),
    )
    expect(mock.stats.maxActive).toBe(5)
  })

  it('does not count the wait for a slot toward the timeout', async () => {
    // The clock (the mock's latency and the attempt timeouts) moves by hand: 4 x 150 ms in all, past the 400 ms
    // timeout.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const mock = await mockWith({ latencyMs: 150 })
    const gateway = createLlmGateway({ calls: null, retry: { maxRetries: 0, rounds: 1 } })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 1, timeoutMs: 400 })
    const done: number[] = []
    const pending = Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        gateway.chat({ endpoint, messages: ask(`q${i}`), purpose: 'client' }).finally(() => done.push(i)),
      ),
    )
    for (let i = 0; i < 4; i++) {
      await until(() => mock.stats.calls === i + 1 && mock.stats.active === 1)
      vi.advanceTimersByTime(150)
      await until(() => done.length === i + 1)
    }
    const results = await pending
    expect(results.map((r) => r.attempts)).toEqual([1, 1, 1, 1])
    expect(mock.stats.maxActive).toBe(1)
  })

  it('stops at once when cancelled during a backoff sleep', async () => {
    const mock = await mockWith({ fault: () => ({ status: 500 }) })
    const controller = new AbortController()
    // The backoff is ten minutes, longer than the test may take: only the cancel can end it.
    const gateway = createLlmGateway({
      calls: null,
      retry: { baseDelayMs: 600_000, maxDelayMs: 600_000 },
      random: () => 1,
      sleep: (ms, signal) => (setImmediate(() => controller.abort()), abortableSleep(ms, signal)),
    })
    const error = await failure(
      gateway.chat({
        endpoint: testEndpoint(mock.baseURL),
        messages: ask('hi'),
        purpose: 'client',
        signal: controller.signal,
      }),
    )
    expect(error).toMatchObject({
      kind: 'cancelled',
      attempts: 1,
      message: 'mock (qwen2-7b): cancelled after 1 attempt',
    })
    expect(mock.stats.calls).toBe(1)
  })

  it('stops at once when cancelled while waiting for a slot or while the request runs', async () => {
    // Answers would take ten minutes, longer than the test may take: only the cancel can end the calls.
    const mock = await mockWith({ latencyMs: 600_000 })
    const gateway = createLlmGateway({ calls: null })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 1 })
    const running = new AbortController()
    const queued = new AbortController()
    const first = failure(gateway.chat({ endpoint, messages: ask('a'), purpose: 'client', signal: running.signal }))
    const second = failure(gateway.chat({ endpoint, messages: ask('b'), purpose: 'client', signal: queued.signal }))
    await until(() => mock.stats.calls === 1)
    queued.abort()
    expect(await second).toMatchObject({ kind: 'cancelled', attempts: 0 })
    running.abort()
    expect(await first).toMatchObject({ kind: 'cancelled', attempts: 1 })
    expect(mock.stats.calls).toBe(1)
    await until(() => gateway.inFlight(endpoint.id) === 0)
  })

  it('refuses a call whose signal is already aborted without sending it', async () => {
    const mock = await mockWith({})
    const gateway = createLlmGateway({ calls: null })
    const error = await failure(
      gateway.chat({
        endpoint: testEndpoint(mock.baseURL),
        messages: ask('hi'),
        purpose: 'client',
        signal: AbortSignal.abort(),
      }),
    )
    expect(error).toMatchObject({ kind: 'cancelled', attempts: 0 })
    expect(mock.stats.calls).toBe(0)
  })
})
