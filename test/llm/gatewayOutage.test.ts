import { afterEach, describe, expect, it } from 'vitest'
import { createLlmGateway, type EndpointHealthView, type LlmCallError } from '../../src/main/llm/gateway'
import { startMockOpenAI } from '../support/mockOpenAI'
import { SECRET, tempCallLog, testEndpoint, until } from './fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const UNAVAILABLE = { status: 503, body: JSON.stringify({ error: { message: 'service unavailable' } }) }

/**
 * A gateway whose retry sleeps (a call's, with its signal) pass at once, while the probe
 * loop's sleeps (no signal) wait until the test lets the next one go: the test is the clock.
 */
async function setup() {
  const mock = await startMockOpenAI({ apiKey: SECRET, reply: (r) => `re: ${r.messages[0].content}` })
  const log = tempCallLog()
  cleanups.push(mock.close, log.cleanup)
  const probeSleeps: { ms: number; go: () => void }[] = []
  const events: EndpointHealthView[] = []
  const gateway = createLlmGateway({
    calls: log.repo,
    random: () => 0.5,
    sleep: (ms, signal) => (signal ? Promise.resolve() : new Promise<void>((go) => probeSleeps.push({ ms, go }))),
  })
  gateway.onHealthChange((view) => events.push(view))
  const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 4 })
  // Calls carry a signal (as the runner's do): their retry sleeps are told from the probe loop's by it.
  const ask = (i: number, signal = new AbortController().signal) =>
    gateway.chat({
      endpoint,
      messages: [{ role: 'user', content: `q${i}` }],
      purpose: 'client',
      jobId: 'run-o',
      signal,
    })
  /** Lets the probe loop's next sleep end, once it has started. */
  const nextProbe = async () => {
    await until(() => probeSleeps.length > 0)
    probeSleeps.shift()!.go()
  }
  return { mock, log, gateway, endpoint, ask, probeSleeps, events, nextProbe }
}

describe('LLM gateway: an endpoint outage', () => {
  it('does not burn calls: they wait for one shared probe and go on by themselves when the endpoint answers again', async () => {
    const { mock, gateway, endpoint, ask, probeSleeps, events, nextProbe, log } = await setup()
    mock.setOutage(UNAVAILABLE)
    const calls = Array.from({ length: 12 }, (_, i) => ask(i))
    // Five failures in a row mark it down; then every call waits in line, none spends attempts.
    await until(() => gateway.health(endpoint.id)?.waiting === 12)
    expect(gateway.health(endpoint.id)).toMatchObject({
      state: 'down',
      name: 'mock',
      lastError: 'HTTP 503: service unavailable',
      waiting: 12,
    })
    expect(events.find((e) => e.state === 'down')).toMatchObject({
      endpointId: endpoint.id,
      lastError: 'HTTP 503: service unavailable',
    })
    const before = mock.stats.calls
    // Only the calls already on their way when it went down spent an attempt.
    expect(before).toBeLessThanOrEqual(5 + endpoint.maxConcurrency)

    // Each probe during the outage is one request, after a growing pause.
    for (let probe = 1; probe <= 4; probe++) {
      await nextProbe()
      await until(() => mock.stats.calls === before + probe && gateway.health(endpoint.id)?.waiting === 12)
    }
    expect(gateway.health(endpoint.id)?.state).toBe('down')

    mock.setOutage(null)
    await nextProbe()
    const results = await Promise.all(calls)
    expect(results.map((r) => r.content)).toEqual(Array.from({ length: 12 }, (_, i) => `re: q${i}`))
    expect(gateway.health(endpoint.id)).toMatchObject({ state: 'up', lastError: null, waiting: 0 })
    expect(events.at(-1)).toMatchObject({ state: 'up' })
    // Four failed probes, the one that succeeded, then the other eleven calls once each.
    expect(probeSleeps).toEqual([])
    expect(mock.stats.calls).toBe(before + 5 + 11)
    // Every attempt is logged, the failed ones with their error.
    const usage = log.repo.usageByRun('run-o')
    expect(usage.calls).toBe(mock.stats.calls)
    expect(usage.errors).toEqual({ server: before + 4 })
  })

  it('backs off between probes, honouring Retry-After, capped', async () => {
    const { mock, gateway, endpoint, ask, probeSleeps, nextProbe } = await setup()
    mock.setOutage(UNAVAILABLE)
    const call = ask(0)
    const seen: number[] = []
    await until(() => probeSleeps.length > 0)
    const before = mock.stats.calls
    for (let probe = 1; probe <= 8; probe++) {
      await until(() => probeSleeps.length > 0)
      seen.push(probeSleeps[0].ms)
      if (probe === 7) mock.setOutage({ status: 429, headers: { 'retry-after': '3' } })
      await nextProbe()
      await until(() => mock.stats.calls === before + probe)
    }
    mock.setOutage(null)
    await nextProbe()
    expect((await call).content).toBe('re: q0')
    expect(gateway.health(endpoint.id)?.state).toBe('up')
    // 250, 500, … up to half of the 30 s cap; then the server's 3 s.
    expect(seen).toEqual([250, 500, 1000, 2000, 4000, 8000, 15000, 3000])
  })

  it('stops a call waiting for a down endpoint at once when it is cancelled', async () => {
    const { mock, gateway, endpoint, ask } = await setup()
    mock.setOutage({ reset: true })
    const controllers = Array.from({ length: 6 }, () => new AbortController())
    const calls = controllers.map((c, i) =>
      ask(i, c.signal).then(
        () => expect.unreachable('should have been cancelled'),
        (e: unknown) => e as LlmCallError,
      ),
    )
    await until(() => gateway.health(endpoint.id)?.waiting === 6)
    expect(gateway.health(endpoint.id)?.lastError).toBe('connection failed: ECONNRESET')
    controllers.forEach((c) => c.abort())
    for (const error of await Promise.all(calls)) expect(error).toMatchObject({ kind: 'cancelled' })
    expect(gateway.health(endpoint.id)).toMatchObject({ state: 'down', waiting: 0 })
  })

  it('still fails a refused key at once while the endpoint is up', async () => {
    const { gateway, endpoint } = await setup()
    const error = await gateway
      .chat({
        endpoint: { ...endpoint, apiKey: 'sk-wrong' },
        messages: [{ role: 'user', content: 'x' }],
        purpose: 'client',
      })
      .then(
        () => expect.unreachable('should have failed'),
        (e: unknown) => e as LlmCallError,
      )
    expect(error).toMatchObject({ kind: 'unauthorized', attempts: 1 })
    expect(gateway.health(endpoint.id)?.state).toBe('up')
  })
})
