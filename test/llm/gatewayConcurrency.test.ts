import { afterEach, describe, expect, it } from 'vitest'
import { createLlmGateway, type LlmCallError } from '../../src/main/llm/gateway'
import { abortableSleep } from '../../src/main/llm/retryPolicy'
import { startMockOpenAI } from '../support/mockOpenAI'
import { testEndpoint } from './fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function mockWith(options: Parameters<typeof startMockOpenAI>[0]) {
  const mock = await startMockOpenAI(options)
  cleanups.push(mock.close)
  return mock
}

const ask = (content: string) => [{ role: 'user' as const, content }]
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('should have failed'), (e: unknown) => e as LlmCallError)

describe('LLM gateway: concurrency and cancellation', () => {
  it('never has more requests in flight than the endpoint allows', async () => {
    const mock = await mockWith({ latencyMs: 20 })
    const gateway = createLlmGateway({ calls: null })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 3 })
    let maxSeen = 0
    const calls = Array.from({ length: 20 }, (_, i) =>
      gateway.chat({ endpoint, messages: ask(`q${i}`), purpose: 'client' }).then((r) => ((maxSeen = Math.max(maxSeen, gateway.inFlight(endpoint.id))), r)),
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
    await Promise.all(Array.from({ length: 6 }, (_, i) => gateway.chat({ endpoint, messages: ask(`a${i}`), purpose: 'client' })))
    expect(mock.stats.maxActive).toBe(2)
    const wider = { ...endpoint, maxConcurrency: 5 }
    await Promise.all(Array.from({ length: 10 }, (_, i) => gateway.chat({ endpoint: wider, messages: ask(`b${i}`), purpose: 'client' })))
    expect(mock.stats.maxActive).toBe(5)
  })

  it('does not count the wait for a slot toward the timeout', async () => {
    const mock = await mockWith({ latencyMs: 150 })
    const gateway = createLlmGateway({ calls: null, retry: { maxRetries: 0 } })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 1, timeoutMs: 400 })
    const started = performance.now()
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => gateway.chat({ endpoint, messages: ask(`q${i}`), purpose: 'client' })))
    expect(performance.now() - started).toBeGreaterThan(550)
    expect(results.map((r) => r.attempts)).toEqual([1, 1, 1, 1])
  })

  it('stops at once when cancelled during a backoff sleep', async () => {
    const mock = await mockWith({ fault: () => ({ status: 500 }) })
    const controller = new AbortController()
    const gateway = createLlmGateway({
      calls: null,
      retry: { baseDelayMs: 20000, maxDelayMs: 20000 },
      random: () => 1,
      sleep: (ms, signal) => (setTimeout(() => controller.abort(), 50), abortableSleep(ms, signal)),
    })
    const started = performance.now()
    const error = await failure(gateway.chat({ endpoint: testEndpoint(mock.baseURL), messages: ask('hi'), purpose: 'client', signal: controller.signal }))
    expect(error).toMatchObject({ kind: 'cancelled', attempts: 1, message: 'mock (qwen2-7b): cancelled after 1 attempt' })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(mock.stats.calls).toBe(1)
  })

  it('stops at once when cancelled while waiting for a slot or while the request runs', async () => {
    const mock = await mockWith({ latencyMs: 3000 })
    const gateway = createLlmGateway({ calls: null })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 1 })
    const running = new AbortController()
    const queued = new AbortController()
    const first = failure(gateway.chat({ endpoint, messages: ask('a'), purpose: 'client', signal: running.signal }))
    const second = failure(gateway.chat({ endpoint, messages: ask('b'), purpose: 'client', signal: queued.signal }))
    await new Promise((r) => setTimeout(r, 100))
    const started = performance.now()
    queued.abort()
    expect(await second).toMatchObject({ kind: 'cancelled', attempts: 0 })
    running.abort()
    expect(await first).toMatchObject({ kind: 'cancelled', attempts: 1 })
    expect(performance.now() - started).toBeLessThan(500)
    expect(mock.stats.calls).toBe(1)
    await new Promise((r) => setTimeout(r, 20))
    expect(gateway.inFlight(endpoint.id)).toBe(0)
  })

  it('refuses a call whose signal is already aborted without sending it', async () => {
    const mock = await mockWith({})
    const gateway = createLlmGateway({ calls: null })
    const error = await failure(gateway.chat({ endpoint: testEndpoint(mock.baseURL), messages: ask('hi'), purpose: 'client', signal: AbortSignal.abort() }))
    expect(error).toMatchObject({ kind: 'cancelled', attempts: 0 })
    expect(mock.stats.calls).toBe(0)
  })
})
