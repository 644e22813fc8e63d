import { afterEach, describe, expect, it } from 'vitest'
import { judgeCacheRepo } from '../../src/main/db/judgeCacheRepo'
import {
  estimateJudgeCost,
  judgeCacheKey,
  judgeOnce,
  outcomeColumns,
  type JudgeOptions,
  type JudgeUnit,
} from '../../src/main/evaluation/judgeClient'
import { parseScore } from '../../src/main/evaluation/judgeParse'
import { createLlmGateway, LlmCallError, type ChatMessage } from '../../src/main/llm/gateway'
import { startMockOpenAI, type MockOptions } from '../support/mockOpenAI'
import { tempCallLog, testEndpoint } from '../llm/fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function setup(mockOptions: MockOptions) {
  const mock = await startMockOpenAI(mockOptions)
  const log = tempCallLog()
  cleanups.push(mock.close, log.cleanup)
  // One budget of 3 attempts, and no endpoint taken for down (an outage would make calls wait): the gateway gives up.
  const gateway = createLlmGateway({
    calls: log.repo,
    sleep: async () => {},
    random: () => 0.5,
    retry: { maxRetries: 2, rounds: 1 },
    downAfter: 1000,
  })
  const endpoint = testEndpoint(mock.baseURL)
  const cache = judgeCacheRepo(log.db)
  return { mock, log, gateway, endpoint, cache }
}

/** Answers in order, one per request; the last repeats. */
const script = (...answers: string[]) => {
  let i = 0
  return () => answers[Math.min(i++, answers.length - 1)]
}

const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You rate things.' },
  { role: 'user', content: 'Rate this session.' },
]
const options = (over: Partial<JudgeOptions<number>> = {}): JudgeOptions<number> => ({
  temperature: 0.7,
  parse: (text) => parseScore(text, 1, 7),
  parseRetries: 2,
  cache: null,
  round: 1,
  purpose: 'judge:wai',
  dialogueId: 'd-1',
  ...over,
})

describe('judgeOnce: answers, retries of bad answers, failures', () => {
  it('returns a well-formed answer with its raw text, logged as a judge call', async () => {
    const { gateway, endpoint, mock, log } = await setup({ reply: () => 'They agree on the plan.\nFinal score: 6' })
    const outcome = await judgeOnce(gateway, endpoint, MESSAGES, options({ temperature: 0.3, jobId: 'eval-1' }))
    expect(outcome).toMatchObject({
      ok: true,
      value: 6,
      raw: 'They agree on the plan.\nFinal score: 6',
      attempts: 1,
      cached: false,
      rejected: [],
    })
    expect(outcome.usage).toMatchObject({ promptTokens: 10, completionTokens: 5 })
    expect(mock.requests[0]).toMatchObject({ temperature: 0.3, messages: MESSAGES })
    expect(log.rows()[0]).toMatchObject({ purpose: 'judge:wai', dialogue_id: 'd-1', job_id: 'eval-1' })
  })

  it('asks again after garbage and accepts an answer that becomes valid on the 2nd try', async () => {
    const { gateway, endpoint, mock } = await setup({ reply: script('I am not able to rate that.', 'Final score: 4') })
    const outcome = await judgeOnce(gateway, endpoint, MESSAGES, options())
    expect(outcome).toMatchObject({ ok: true, value: 4, attempts: 2 })
    expect(outcome.rejected).toEqual([
      { raw: 'I am not able to rate that.', reason: expect.stringMatching(/^no_answer/) },
    ])
    expect(mock.stats.calls).toBe(2)
    expect(outcomeColumns(outcome)).toEqual({
      value: 4,
      label: null,
      raw: 'Final score: 4',
      status: 'ok',
      error: null,
      attempts: 2,
    })
    expect(outcomeColumns({ ...outcome, value: 'loss.grief' } as never)).toMatchObject({
      value: null,
      label: 'loss.grief',
    })
  })

  it('after parseRetries new samples, returns a failure that keeps every raw answer', async () => {
    const { gateway, endpoint, mock } = await setup({
      reply: script('blah blah', '', 'Final score: 9', 'Final score: 5'),
    })
    const outcome = await judgeOnce(gateway, endpoint, MESSAGES, options({ parseRetries: 2 }))
    expect(mock.stats.calls).toBe(3)
    expect(outcome).toMatchObject({ ok: false, kind: 'parse', raw: 'Final score: 9', attempts: 3 })
    if (outcome.ok) return
    expect(outcome.reason).toMatch(/^out_of_range: 9/)
    expect(outcome.rejected.map((r) => r.raw)).toEqual(['blah blah', '', 'Final score: 9'])
    expect(outcome.rejected.map((r) => r.reason.split(':')[0])).toEqual(['no_answer', 'empty', 'out_of_range'])
    expect(outcomeColumns(outcome)).toEqual({
      value: null,
      label: null,
      raw: 'Final score: 9',
      status: 'failed',
      error: outcome.reason,
      attempts: 3,
    })
  })

  it('with parseRetries 0 asks once', async () => {
    const { gateway, endpoint, mock } = await setup({ reply: () => 'Score: 0' })
    expect(await judgeOnce(gateway, endpoint, MESSAGES, options({ parseRetries: 0 }))).toMatchObject({
      ok: false,
      kind: 'parse',
      attempts: 1,
    })
    expect(mock.stats.calls).toBe(1)
  })

  it('leaves transport retries to the gateway: a 500 then an answer is one judge attempt', async () => {
    const { gateway, endpoint, mock, log } = await setup({
      reply: () => 'Final score: 3',
      fault: (_r, i) => (i === 0 ? { status: 500 } : null),
    })
    expect(await judgeOnce(gateway, endpoint, MESSAGES, options())).toMatchObject({ ok: true, value: 3, attempts: 1 })
    expect(mock.stats.calls).toBe(2)
    expect(log.rows().map((r) => r.error_kind)).toEqual(['server', null])
  })

  it('turns a transport failure after the gateway gave up into a failure, keeping earlier raw answers', async () => {
    const { gateway, endpoint, mock } = await setup({
      reply: () => 'no idea',
      fault: (_r, i) => (i === 0 ? null : { status: 500 }),
    })
    const outcome = await judgeOnce(gateway, endpoint, MESSAGES, options())
    expect(outcome).toMatchObject({ ok: false, kind: 'transport', raw: 'no idea', attempts: 2 })
    if (!outcome.ok) expect(outcome.reason).toMatch(/^transport_server: .*HTTP 500 after 3 attempts/)
    expect(mock.stats.calls).toBe(1 + 3)
  })

  it('lets a cancellation through, so a stopped job records no failures', async () => {
    const { gateway, endpoint } = await setup({ reply: () => 'Final score: 3', latencyMs: 2000 })
    const controller = new AbortController()
    const pending = judgeOnce(gateway, endpoint, MESSAGES, options({ signal: controller.signal }))
    setTimeout(() => controller.abort(), 50)
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(LlmCallError)
    expect((error as LlmCallError).kind).toBe('cancelled')
  })
})

describe('judge cache', () => {
  it('answers repeated requests without a call, but keeps rounds apart', async () => {
    const { gateway, endpoint, mock, cache } = await setup({
      reply: script('Final score: 2', 'Final score: 5', 'Final score: 7'),
    })
    const run = async () => {
      const values: number[] = []
      for (const round of [1, 2, 3]) {
        const outcome = await judgeOnce(gateway, endpoint, MESSAGES, options({ cache, round }))
        if (!outcome.ok) throw new Error(outcome.reason)
        values.push(outcome.value)
      }
      return values
    }
    expect(await run()).toEqual([2, 5, 7])
    expect(mock.stats.calls).toBe(3)
    expect(cache.count()).toBe(3)

    expect(await run()).toEqual([2, 5, 7])
    expect(mock.stats.calls).toBe(3)
    const again = await judgeOnce(gateway, endpoint, MESSAGES, options({ cache, round: 2 }))
    expect(again).toMatchObject({ ok: true, value: 5, cached: true, attempts: 0, raw: 'Final score: 5' })
  })

  it('does not reuse an answer for another temperature, and neither reads nor writes with cache null', async () => {
    const { gateway, endpoint, mock, cache } = await setup({ reply: () => 'Final score: 4' })
    await judgeOnce(gateway, endpoint, MESSAGES, options({ cache }))
    await judgeOnce(gateway, endpoint, MESSAGES, options({ cache, temperature: 0 }))
    expect(mock.stats.calls).toBe(2)
    await judgeOnce(gateway, endpoint, MESSAGES, options({ cache: null }))
    expect(mock.stats.calls).toBe(3)
    expect(cache.count()).toBe(2)
  })

  it('does not store failures, and asks again when a stored answer no longer parses', async () => {
    const { gateway, endpoint, mock, cache } = await setup({ reply: script('garbage', 'Final score: 6') })
    expect(await judgeOnce(gateway, endpoint, MESSAGES, options({ cache, parseRetries: 0 }))).toMatchObject({
      ok: false,
    })
    expect(cache.count()).toBe(0)

    const key = judgeCacheKey(endpoint, 0.7, MESSAGES, 1)
    cache.put(key, 'Final score: 11')
    expect(await judgeOnce(gateway, endpoint, MESSAGES, options({ cache }))).toMatchObject({
      ok: true,
      value: 6,
      cached: false,
    })
    expect(mock.stats.calls).toBe(2)
    expect(cache.get(key)).toBe('Final score: 6')
  })

  it('keys on endpoint URL, model, temperature, messages and round', () => {
    const ep = { baseURL: 'http://127.0.0.1:1/v1', model: 'm' }
    const base = judgeCacheKey(ep, 0.7, MESSAGES, 1)
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    expect(judgeCacheKey({ ...ep, baseURL: 'http://127.0.0.1:1/v1/' }, 0.7, MESSAGES, 1)).toBe(base)
    const variants = [
      judgeCacheKey({ ...ep, baseURL: 'http://127.0.0.1:2/v1' }, 0.7, MESSAGES, 1),
      judgeCacheKey({ ...ep, model: 'n' }, 0.7, MESSAGES, 1),
      judgeCacheKey(ep, 0.8, MESSAGES, 1),
      judgeCacheKey(ep, 0.7, [MESSAGES[0], { role: 'user', content: 'Rate this session!' }], 1),
      judgeCacheKey(ep, 0.7, MESSAGES, 2),
    ]
    expect(new Set([base, ...variants]).size).toBe(6)
  })
})

describe('estimateJudgeCost', () => {
  const en = (chars: number): ChatMessage[] => [
    { role: 'system', content: 'x'.repeat(100) },
    { role: 'user', content: 'y'.repeat(chars - 100) },
  ]
  const zh = (chars: number): ChatMessage[] => [{ role: 'user', content: '字'.repeat(chars) }]
  const units: JudgeUnit[] = [
    { messages: en(400), round: 1, language: 'en' },
    { messages: en(400), round: 2, language: 'en' },
    { messages: zh(300), round: 1, language: 'zh' },
  ]
  const endpoint = { baseURL: 'http://127.0.0.1:1/v1', model: 'm', maxTokens: 1024, priceInput: 1, priceOutput: 2 }

  it('counts calls and approximates tokens as characters / 4 (en) or / 2 (zh), priced per million', () => {
    // Prompts: 400/4 + 400/4 + 300/2 = 350. Answers: 480/4 + 480/4 + 160/2 = 320.
    const estimate = estimateJudgeCost(endpoint, units, { temperature: 0.7, cache: null })
    expect(estimate).toMatchObject({ calls: 3, cached: 0, promptTokens: 350, completionTokens: 320 })
    expect(estimate.cost).toBeCloseTo((350 * 1 + 320 * 2) / 1e6, 12)
  })

  it('leaves out units already in the cache, caps answers at maxTokens, and has no cost without prices', () => {
    const cached = new Map([[judgeCacheKey(endpoint, 0.7, units[0].messages, 1), 'Final score: 3']])
    const cache = { get: (k: string) => cached.get(k) ?? null }
    const estimate = estimateJudgeCost(endpoint, units, { temperature: 0.7, cache })
    expect(estimate).toMatchObject({ calls: 2, cached: 1, promptTokens: 250, completionTokens: 200 })
    expect(estimate.cost).toBeCloseTo((250 + 200 * 2) / 1e6, 12)
    // Another temperature is another request: nothing cached.
    expect(estimateJudgeCost(endpoint, units, { temperature: 0, cache }).cached).toBe(0)

    const capped = estimateJudgeCost({ ...endpoint, maxTokens: 50, priceInput: null, priceOutput: null }, units, {
      temperature: 0.7,
      cache: null,
    })
    expect(capped).toMatchObject({ calls: 3, completionTokens: 150, cost: null })
  })
})
