import { afterEach, describe, expect, it } from 'vitest'
import { costOf, createLlmGateway } from '../../src/main/llm/gateway'
import type { ReplicaSecret } from '../../src/main/llm/endpointService'
import { rateWindow } from '../../src/main/llm/rateWindow'
import { startMockOpenAI } from '../support/mockOpenAI'
import { ask, SECRET, tempCallLog, testEndpoint, until } from './fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function mockWith(options: Parameters<typeof startMockOpenAI>[0]) {
  const mock = await startMockOpenAI(options)
  cleanups.push(mock.close)
  return mock
}

const replica = (baseURL: string, maxConcurrency: number, apiKey = SECRET): ReplicaSecret => ({
  baseURL,
  maxConcurrency,
  hasKey: apiKey !== SECRET,
  apiKey,
})
/** Retries at once (the test is the clock), probes of taken-out replicas when the test's clock says so. */
const instant = () => Promise.resolve()

describe('LLM gateway: endpoint pools', () => {
  it('sends each call to the least busy replica, never past a replica’s own concurrency, and logs which answered', async () => {
    const fast = await mockWith({ latencyMs: 5 })
    const middle = await mockWith({ latencyMs: 20 })
    // Far apart, so that the order holds on a loaded machine too (where every answer comes tens of ms late).
    const slow = await mockWith({ latencyMs: 300 })
    const log = tempCallLog()
    cleanups.push(log.cleanup)
    const gateway = createLlmGateway({ calls: log.repo })
    const endpoint = testEndpoint(fast.baseURL, {
      maxConcurrency: 3,
      replicas: [replica(middle.baseURL, 2), replica(slow.baseURL, 2)],
    })
    const results = await Promise.all(
      Array.from({ length: 90 }, (_, i) => gateway.chat({ endpoint, messages: ask(`q${i}`), purpose: 'client' })),
    )
    expect(fast.stats.calls + middle.stats.calls + slow.stats.calls).toBe(90)
    expect(fast.stats.maxServing).toBeLessThanOrEqual(3)
    expect(middle.stats.maxServing).toBe(2)
    expect(slow.stats.maxServing).toBe(2)
    // A replica that answers sooner frees its slots sooner and takes more calls.
    expect(fast.stats.calls).toBeGreaterThan(slow.stats.calls)
    // The call log and the result name the replica; no key anywhere in the log.
    const rows = log.rows()
    const by = (url: string) => rows.filter((r) => r.replica === url).length
    expect([by(fast.baseURL), by(middle.baseURL), by(slow.baseURL)]).toEqual([
      fast.stats.calls,
      middle.stats.calls,
      slow.stats.calls,
    ])
    expect(results.filter((r) => r.replica === slow.baseURL)).toHaveLength(slow.stats.calls)
    expect(JSON.stringify(rows)).not.toContain(SECRET)
  })

  it('picks the least busy replica in proportion to its limit', async () => {
    const held: (() => void)[] = []
    const hold = () => new Promise<void>((go) => held.push(go))
    const mocks = await Promise.all([mockWith({ hold }), mockWith({ hold }), mockWith({ hold })])
    const gateway = createLlmGateway({ calls: null })
    // Limits 4, 2, 2: empty replicas first (the largest first on a tie), then by in-flight over limit.
    const endpoint = testEndpoint(mocks[0].baseURL, {
      maxConcurrency: 4,
      replicas: [replica(mocks[1].baseURL, 2), replica(mocks[2].baseURL, 2)],
    })
    const calls: Promise<unknown>[] = []
    const served = () => mocks.map((m) => m.stats.serving)
    for (const expected of [
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
      [2, 1, 1],
      [3, 1, 1], // 2/4 = 1/2 on a tie: the larger limit
      [3, 2, 1],
      [3, 2, 2],
      [4, 2, 2],
    ]) {
      calls.push(gateway.chat({ endpoint, messages: ask(`q${calls.length}`), purpose: 'client' }))
      await until(() => served().reduce((a, b) => a + b) === calls.length)
      expect(served()).toEqual(expected)
    }
    // All full: the next call waits for a free slot, wherever it is freed.
    calls.push(gateway.chat({ endpoint, messages: ask('q-wait'), purpose: 'client' }))
    expect(gateway.inFlight(endpoint.id)).toBe(8)
    held.shift()!() // the first request, on replica 0
    await until(() => mocks[0].stats.calls === 5)
    while (held.length) held.shift()!()
    await Promise.all(calls)
  })

  it('takes a dead replica out, finishes the run without it, and probes it back when it returns', async () => {
    const a = await mockWith({ latencyMs: 5 })
    const b = await mockWith({ latencyMs: 5 })
    let c = await mockWith({ latencyMs: 5 })
    const log = tempCallLog()
    cleanups.push(log.cleanup)
    let clock = 1_000_000
    const gateway = createLlmGateway({ calls: log.repo, sleep: instant, random: () => 0.5, now: () => clock })
    const endpoint = testEndpoint(a.baseURL, {
      maxConcurrency: 2,
      replicas: [replica(b.baseURL, 2), replica(c.baseURL, 2)],
    })
    const replicaState = () => gateway.health(endpoint.id)?.replicas.map((r) => r.state)
    /** When it went out: the attempts logged for it, and those still on their way to it. */
    let outAt: { logged: number; onTheirWay: number } | null = null
    gateway.onHealthChange((view) => {
      if (outAt === null && view.replicas[2]?.state === 'out')
        outAt = {
          logged: log.rows().filter((r) => r.replica === c.baseURL).length,
          onTheirWay: view.replicas[2].inFlight,
        }
    })
    let answered = 0
    const calls = Array.from({ length: 60 }, (_, i) =>
      gateway.chat({ endpoint, messages: ask(`q${i}`), purpose: 'client' }).then((r) => (answered++, r)),
    )
    await until(() => answered >= 10)
    await c.close() // killed mid-run: connections reset, then refused
    const results = await Promise.all(calls)
    expect(results).toHaveLength(60)
    expect(replicaState()).toEqual(['in', 'in', 'out'])
    expect(gateway.health(endpoint.id)?.state).toBe('up')
    // Five failures in a row took it out; after that it got no new request (its probe is not due on the test's
    // clock), only the ones already on their way ended there.
    const rowsForC = log.rows().filter((r) => r.replica === c.baseURL)
    expect(outAt).not.toBeNull()
    expect(rowsForC.length).toBe(outAt!.logged + outAt!.onTheirWay)
    expect(outAt!.onTheirWay).toBeLessThanOrEqual(1)
    expect(rowsForC.filter((r) => r.error_kind !== null).length).toBe(5 + outAt!.onTheirWay)

    // It comes back on the same port; once its backoff has passed, the next call probes it and it is in again.
    c = await mockWith({ latencyMs: 5, port: c.port })
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => gateway.chat({ endpoint, messages: ask(`r${i}`), purpose: 'client' })),
    )
    expect(c.stats.calls).toBe(0)
    clock += 60_000
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => gateway.chat({ endpoint, messages: ask(`s${i}`), purpose: 'client' })),
    )
    expect(c.stats.calls).toBeGreaterThan(0)
    expect(replicaState()).toEqual(['in', 'in', 'in'])
  })

  it('is down only when every replica is out, and comes up through the one that answers', async () => {
    const a = await mockWith({})
    const b = await mockWith({})
    const probeSleeps: (() => void)[] = []
    const gateway = createLlmGateway({
      calls: null,
      random: () => 0.5,
      now: () => 1_000_000,
      sleep: (_ms, signal) => (signal ? Promise.resolve() : new Promise<void>((go) => probeSleeps.push(go))),
    })
    const endpoint = testEndpoint(a.baseURL, { maxConcurrency: 1, replicas: [replica(b.baseURL, 1)] })
    const down = { status: 503, body: JSON.stringify({ error: { message: 'overloaded' } }) }
    a.setOutage(down)
    b.setOutage(down)
    const signal = new AbortController().signal
    const calls = Array.from({ length: 4 }, (_, i) =>
      gateway.chat({ endpoint, messages: ask(`q${i}`), purpose: 'client', signal }),
    )
    await until(() => gateway.health(endpoint.id)?.waiting === 4)
    expect(gateway.health(endpoint.id)).toMatchObject({ state: 'down', lastError: 'HTTP 503: overloaded' })
    expect(gateway.health(endpoint.id)?.replicas.map((r) => r.state)).toEqual(['out', 'out'])
    // Five failures on each, then nothing while down but the probes.
    expect(a.stats.calls + b.stats.calls).toBe(10)
    b.setOutage(null)
    // Probes go to the replica longest out: a first (still failing), then b, which answers.
    await until(() => probeSleeps.length > 0)
    probeSleeps.shift()!()
    await until(() => probeSleeps.length > 0)
    probeSleeps.shift()!()
    const results = await Promise.all(calls)
    expect(results.every((r) => r.replica === b.baseURL)).toBe(true)
    expect(gateway.health(endpoint.id)?.state).toBe('up')
    expect(gateway.health(endpoint.id)?.replicas.map((r) => r.state)).toEqual(['out', 'in'])
  })
})

describe('LLM gateway: adaptive concurrency', () => {
  it('halves the limit once per window of 429s, and raises it back to the maximum as answers come', async () => {
    const held: (() => void)[] = []
    let holding = true
    const mock = await mockWith({
      capacity: 3,
      latencyMs: 10,
      hold: () => (holding ? new Promise<void>((go) => held.push(go)) : null),
    })
    const gateway = createLlmGateway({ calls: null, sleep: instant })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 8 })
    const effective = () => gateway.health(endpoint.id)?.replicas[0].effectiveConcurrency
    const first = Array.from({ length: 8 }, (_, i) =>
      gateway.chat({ endpoint, messages: ask(`q${i}`), purpose: 'client' }),
    )
    // 8 sent at once: 3 served, 5 turned away. Those 5 started before the first decrease: one halving, 8 → 4. With
    // 3 in flight, one retry fits under 4; its 429 is a new window: 4 → 2. Then nothing more is sent.
    await until(() => mock.stats.rateLimited === 6)
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(mock.stats.rateLimited).toBe(6)
    expect(effective()).toBe(2)
    expect(gateway.inFlight(endpoint.id)).toBe(3)
    expect(gateway.health(endpoint.id)?.state).toBe('up')
    holding = false
    held.splice(0).forEach((go) => go())
    const answers = await Promise.all(first)
    // Absorbed 429s cost no attempt budget (all of these are still first-budget answers), and none ran past 3.
    expect(answers).toHaveLength(8)
    expect(mock.stats.maxServing).toBe(3)

    // The limit is lifted: each answer adds 1/limit, so it climbs back to 8 and stays there.
    mock.setCapacity(Infinity)
    mock.stats.maxServing = 0
    await Promise.all(
      Array.from({ length: 80 }, (_, i) => gateway.chat({ endpoint, messages: ask(`r${i}`), purpose: 'client' })),
    )
    expect(effective()).toBe(8)
    expect(mock.stats.maxServing).toBe(8)
  })

  it('halves the limit when an answer says no requests remain (streamed or not)', async () => {
    for (const stream of [false, true]) {
      let hint = true
      const mock = await mockWith({
        answerHeaders: () => (hint ? { 'x-ratelimit-remaining-requests': '0' } : null),
      })
      const gateway = createLlmGateway({ calls: null })
      const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 8, stream })
      const effective = () => gateway.health(endpoint.id)?.replicas[0].effectiveConcurrency
      await gateway.chat({ endpoint, messages: ask('a'), purpose: 'client' })
      expect(effective()).toBe(4)
      // Without the hint: 4 answers add 1/4 each (4 → 5), then 5 answers 1/5 each (5 → 6).
      hint = false
      for (let i = 0; i < 3; i++) await gateway.chat({ endpoint, messages: ask(`b${i}`), purpose: 'client' })
      expect(effective()).toBe(4)
      await gateway.chat({ endpoint, messages: ask('c'), purpose: 'client' })
      expect(effective()).toBe(5)
    }
  })

  it('holds calls to the requests and tokens per minute (hand-worked window)', () => {
    const w = rateWindow()
    const t0 = 1_000_000
    // rpm 2: two start at t0 and t0+10 s; a third waits until the first is a minute old.
    expect(w.delay(t0, 2, null, 0)).toBe(0)
    w.start(t0, 100)
    w.start(t0 + 10_000, 100)
    expect(w.delay(t0 + 20_000, 2, null, 0)).toBe(40_000)
    expect(w.delay(t0 + 59_000, 2, null, 0)).toBe(1_000)
    // A minute old: out of the window.
    expect(w.delay(t0 + 60_000, 2, null, 0)).toBe(0)
    // tpm 500: 100 + 100 used; one of 300 fits, one of 350 waits for the first entry (t0 + 60 s).
    const v = rateWindow()
    const a = v.start(t0, 100)
    v.start(t0 + 10_000, 100)
    expect(v.delay(t0 + 20_000, null, 500, 300)).toBe(0)
    expect(v.delay(t0 + 20_000, null, 500, 350)).toBe(40_000)
    // The answer said 400 tokens (prompt and completion): 400 + 100 used, so 150 waits for the first to age out
    // (100 + 150 ≤ 500) and 450 for both (only 50 would fit beside the second).
    v.settle(a, 400)
    expect(v.delay(t0 + 20_000, null, 500, 150)).toBe(40_000)
    expect(v.delay(t0 + 20_000, null, 500, 450)).toBe(50_000)
    // Larger than the whole limit: it goes alone into an empty minute.
    expect(v.delay(t0 + 20_000, null, 500, 900)).toBe(50_000)
  })
})

describe('LLM gateway: cached input', () => {
  it('stores the cached prompt tokens of each call and prices them at the cached-input price', async () => {
    for (const stream of [false, true]) {
      const mock = await mockWith({ cachedTokens: () => 8 })
      const log = tempCallLog()
      cleanups.push(log.cleanup)
      const gateway = createLlmGateway({ calls: log.repo })
      // 10 prompt tokens (8 cached), 5 completion tokens; per million: 1 input, 0.1 cached, 2 output.
      const endpoint = testEndpoint(mock.baseURL, { stream, priceInput: 1, priceOutput: 2, priceCachedInput: 0.1 })
      const result = await gateway.chat({ endpoint, messages: ask('hi'), purpose: 'client', jobId: 'run-c' })
      // (2 × 1 + 8 × 0.1 + 5 × 2) / 1e6
      expect(result.cost).toBeCloseTo(12.8e-6, 12)
      expect(result.cachedTokens).toBe(8)
      expect(log.rows()[0]).toMatchObject({ cached_tokens: 8, prompt_tokens: 10, replica: mock.baseURL })
      expect(log.rows()[0].cost as number).toBeCloseTo(12.8e-6, 12)
      // A run's usage sums them (the run page shows them beside the prompt tokens).
      expect(log.repo.usageByRun('run-c')).toMatchObject({ promptTokens: 10, cachedTokens: 8 })
    }
  })

  it('prices cached tokens at the input price when the endpoint has no cached price, and says null when not told', () => {
    const prices = { priceInput: 1, priceOutput: 2 }
    expect(costOf({ ...prices, priceCachedInput: null }, 10, 5, 8)).toBeCloseTo(20e-6, 12)
    expect(costOf({ ...prices, priceCachedInput: 0.5 }, 10, 5, null)).toBeCloseTo(20e-6, 12)
    // (10 − 4) × 1 + 4 × 0.5 + 5 × 2 = 18
    expect(costOf({ ...prices, priceCachedInput: 0.5 }, 10, 5, 4)).toBeCloseTo(18e-6, 12)
  })
})
