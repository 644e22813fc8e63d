import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLlmGateway, LlmCallError, type ChatCall, type GatewayOptions } from '../../src/main/llm/gateway'
import { abortableSleep } from '../../src/main/llm/retryPolicy'
import { startMockOpenAI, type MockOptions } from '../support/mockOpenAI'
import { SECRET, tempCallLog, testEndpoint, until } from './fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** A mock, a call log, and a gateway whose sleeps are recorded instead of waited. */
async function setup(mockOptions: MockOptions, endpointOver = {}, gatewayOver: Partial<GatewayOptions> = {}) {
  const mock = await startMockOpenAI({ apiKey: SECRET, ...mockOptions })
  const log = tempCallLog()
  cleanups.push(mock.close, log.cleanup)
  const slept: number[] = []
  const gateway = createLlmGateway({
    calls: log.repo,
    sleep: async (ms) => void slept.push(ms),
    random: () => 0.5,
    ...gatewayOver,
  })
  const endpoint = testEndpoint(mock.baseURL, endpointOver)
  const call = (over: Partial<ChatCall> = {}): ChatCall => ({
    endpoint,
    messages: [{ role: 'user', content: 'hello' }],
    purpose: 'client',
    ...over,
  })
  return { mock, log, gateway, slept, endpoint, call }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('should have failed'),
    (e: unknown) => e as LlmCallError,
  )

describe('LLM gateway: answers and retries', () => {
  it('returns the answer and logs one row with tokens, latency and cost', async () => {
    const { gateway, log, call, mock } = await setup({ reply: () => 'I hear you.' })
    const result = await gateway.chat(call({ jobId: 'run-1', dialogueId: 'd-1', seed: 7, temperature: 0.2 }))
    expect(result).toMatchObject({
      content: 'I hear you.',
      finishReason: 'stop',
      model: 'qwen2-7b',
      promptTokens: 10,
      completionTokens: 5,
      attempts: 1,
    })
    expect(result.cost).toBeCloseTo((10 * 1 + 5 * 2) / 1e6, 12)
    expect(mock.requests[0]).toMatchObject({
      model: 'qwen2-7b',
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 256,
      seed: 7,
    })
    const rows = log.rows()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      job_id: 'run-1',
      dialogue_id: 'd-1',
      purpose: 'client',
      endpoint_id: 'ep-mock',
      model: 'qwen2-7b',
      response: 'I hear you.',
      finish_reason: 'stop',
      prompt_tokens: 10,
      completion_tokens: 5,
      error_kind: null,
      error: null,
      attempt: 1,
    })
    expect(rows[0].cost).toBeCloseTo(2e-5, 12)
    expect(rows[0].latency_ms).toEqual(expect.any(Number))
    expect(JSON.parse(rows[0].request as string)).toEqual({
      messages: [{ role: 'user', content: 'hello' }],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 256,
      seed: 7,
    })
  })

  it('leaves the cost unknown when the endpoint has no prices', async () => {
    const { gateway, log, call } = await setup({}, { priceInput: null, priceOutput: null })
    expect((await gateway.chat(call())).cost).toBeNull()
    expect(log.rows()[0].cost).toBeNull()
  })

  it('honours Retry-After on a 429, in seconds and as an HTTP date', async () => {
    const { gateway, slept, log, call } = await setup({
      fault: (_r, i) =>
        i === 0
          ? { status: 429, headers: { 'retry-after': '1' } }
          : i === 1
            ? // Twenty seconds from when the server answers: far above any backoff, below the 30 s cap.
              { status: 429, headers: { 'retry-after': new Date(Date.now() + 20_000).toUTCString() } }
            : null,
    })
    expect((await gateway.chat(call())).attempts).toBe(3)
    expect(slept[0]).toBe(1000)
    // An HTTP date has one-second resolution, and the answer takes its time to arrive: the wait is a little under 20 s
    // (a busy machine may take seconds), never the backoff's second or so.
    expect(slept[1]).toBeGreaterThan(10_000)
    expect(slept[1]).toBeLessThanOrEqual(20_000)
    expect(log.rows().map((r) => r.error_kind)).toEqual(['rate_limit', 'rate_limit', null])
  })

  it('waits out a real Retry-After: 1 with the default sleep', async () => {
    const mock = await startMockOpenAI({
      fault: (_r, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : null),
    })
    cleanups.push(mock.close)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    // The default sleep, watched: the clock is moved by hand.
    let sleeping = 0
    const gateway = createLlmGateway({ calls: null, sleep: (ms, signal) => (sleeping++, abortableSleep(ms, signal)) })
    const pending = gateway.chat({
      endpoint: testEndpoint(mock.baseURL),
      messages: [{ role: 'user', content: 'hi' }],
      purpose: 'client',
    })
    await until(() => sleeping === 1)
    vi.advanceTimersByTime(990)
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(mock.stats.calls).toBe(1)
    vi.advanceTimersByTime(10)
    const result = await pending
    expect(result.attempts).toBe(2)
    expect(mock.stats.calls).toBe(2)
  })

  it('caps the Retry-After of a server at maxDelayMs', async () => {
    const mock = await startMockOpenAI({
      fault: (_r, i) => (i === 0 ? { status: 503, headers: { 'retry-after': '3600' } } : null),
    })
    cleanups.push(mock.close)
    const slept: number[] = []
    const gateway = createLlmGateway({
      calls: null,
      retry: { maxDelayMs: 250 },
      sleep: async (ms) => void slept.push(ms),
    })
    await gateway.chat({
      endpoint: testEndpoint(mock.baseURL),
      messages: [{ role: 'user', content: 'hi' }],
      purpose: 'client',
    })
    expect(slept).toEqual([250])
  })

  it('retries two 500s and returns the third answer, logging all three attempts', async () => {
    const { gateway, log, call, slept } = await setup({ fault: (_r, i) => (i < 2 ? { status: 500 } : null) })
    const result = await gateway.chat(call())
    expect(result).toMatchObject({ content: 'pong', attempts: 3 })
    expect(log.rows().map((r) => [r.attempt, r.error_kind])).toEqual([
      [1, 'server'],
      [2, 'server'],
      [3, null],
    ])
    expect(log.rows()[0].error).toBe('HTTP 500: injected 500')
    // Full jitter with random() = 0.5: half of 500 ms, then half of 1000 ms.
    expect(slept).toEqual([250, 500])
  })

  it('retries an attempt that outlasts the endpoint timeout', async () => {
    // The slow answer would come after the test's own time limit: only the endpoint timeout lets the call finish.
    const { gateway, log, call } = await setup(
      { fault: (_r, i) => (i === 0 ? { delayMs: 600_000 } : null) },
      { timeoutMs: 200 },
    )
    expect((await gateway.chat(call())).attempts).toBe(2)
    expect(log.rows()[0]).toMatchObject({ error_kind: 'timeout', error: 'no answer within 0.2 s', attempt: 1 })
  })

  it('retries malformed 200s: a body that is not JSON, JSON without choices, a choice without content', async () => {
    const bodies = [
      'this is not json',
      JSON.stringify({ id: 'x', object: 'chat.completion' }),
      JSON.stringify({ choices: [{ message: { role: 'assistant' } }] }),
    ]
    const { gateway, log, call } = await setup({
      fault: (_r, i) => (i < bodies.length ? { status: 200, body: bodies[i] } : null),
    })
    expect((await gateway.chat(call())).attempts).toBe(4)
    const rows = log.rows()
    expect(rows.map((r) => r.error_kind)).toEqual(['malformed', 'malformed', 'malformed', null])
    expect(rows[1].error).toBe('malformed response: no choices in the response')
    expect(rows[2].error).toBe('malformed response: no message content in the first choice')
  })

  it('retries a 200 that is HTML rather than JSON', async () => {
    const { gateway, log, call } = await setup({
      fault: (_r, i) =>
        i === 0 ? { status: 200, body: '<html>proxy</html>', headers: { 'content-type': 'text/html' } } : null,
    })
    expect((await gateway.chat(call())).attempts).toBe(2)
    expect(log.rows()[0].error_kind).toBe('malformed')
  })

  it('retries a connection reset', async () => {
    const { gateway, log, call } = await setup({ fault: (_r, i) => (i === 0 ? { reset: true } : null) })
    expect((await gateway.chat(call())).attempts).toBe(2)
    expect(log.rows()[0].error_kind).toBe('network')
  })

  it('retries a refused connection, then names the cause', async () => {
    const mock = await startMockOpenAI()
    const deadURL = mock.baseURL
    await mock.close()
    const slept: number[] = []
    // One budget, and an endpoint that is not taken for down (see gatewayOutage.test.ts for that).
    const gateway = createLlmGateway({
      calls: null,
      retry: { maxRetries: 2, rounds: 1 },
      downAfter: 1000,
      sleep: async (ms) => void slept.push(ms),
    })
    const error = await failure(
      gateway.chat({ endpoint: testEndpoint(deadURL), messages: [{ role: 'user', content: 'hi' }], purpose: 'client' }),
    )
    expect(error).toMatchObject({
      kind: 'network',
      attempts: 3,
      message: 'mock (qwen2-7b): connection failed after 3 attempts: ECONNREFUSED',
    })
    expect(slept).toHaveLength(2)
  })

  it('does not retry a refused key, an unknown model or a bad request', async () => {
    const { gateway, log, call, slept, endpoint } = await setup({
      models: ['qwen2-7b'],
      fault: (r) => (r.messages[0].content === 'bad' ? { status: 400 } : null),
    })
    const unauthorized = await failure(gateway.chat(call({ endpoint: { ...endpoint, apiKey: 'sk-wrong' } })))
    expect(unauthorized).toBeInstanceOf(LlmCallError)
    expect(unauthorized).toMatchObject({ kind: 'unauthorized', status: 401, attempts: 1 })
    expect(unauthorized.message).toBe('mock (qwen2-7b): HTTP 401 after 1 attempt: Incorrect API key provided.')
    expect(await failure(gateway.chat(call({ endpoint: { ...endpoint, model: 'nope' } })))).toMatchObject({
      kind: 'not_found',
      status: 404,
      attempts: 1,
    })
    expect(await failure(gateway.chat(call({ messages: [{ role: 'user', content: 'bad' }] })))).toMatchObject({
      kind: 'bad_request',
      status: 400,
      attempts: 1,
    })
    expect(slept).toEqual([])
    expect(log.rows().map((r) => r.error_kind)).toEqual(['unauthorized', 'not_found', 'bad_request'])
  })

  it('gives up after three budgets of 7 attempts (a long pause between) while the endpoint is not down, naming endpoint, status and attempts', async () => {
    // downAfter 1000 stands for an endpoint that answers other calls: only this call keeps failing.
    const { gateway, log, call, endpoint, slept } = await setup(
      { fault: () => ({ status: 503, body: JSON.stringify({ error: { message: 'Service overloaded' } }) }) },
      { name: 'deepseek', model: 'deepseek-chat' },
      { downAfter: 1000 },
    )
    const error = await failure(gateway.chat(call({ endpoint: { ...endpoint, model: 'deepseek-chat' } })))
    expect(error).toMatchObject({ kind: 'server', status: 503, attempts: 21 })
    expect(error.message).toBe('deepseek (deepseek-chat): HTTP 503 after 21 attempts: Service overloaded')
    expect(log.rows().map((r) => r.attempt)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1))
    // Half of each ceiling (random 0.5): 500 ms doubling up to 32 s, capped at 30 s; the pause between budgets is the
    // capped one.
    const budget = [250, 500, 1000, 2000, 4000, 8000]
    expect(slept).toEqual([...budget, 15000, ...budget, 15000, ...budget])
  })

  it('uses a smaller budget when the policy says so', async () => {
    const mock = await startMockOpenAI({ fault: () => ({ status: 502 }) })
    cleanups.push(mock.close)
    const gateway = createLlmGateway({
      calls: null,
      retry: { maxRetries: 2, baseDelayMs: 1, rounds: 1 },
      downAfter: 1000,
    })
    const error = await failure(
      gateway.chat({
        endpoint: testEndpoint(mock.baseURL),
        messages: [{ role: 'user', content: 'hi' }],
        purpose: 'judge',
      }),
    )
    expect(error).toMatchObject({ kind: 'server', attempts: 3 })
    expect(mock.stats.calls).toBe(3)
  })
})
