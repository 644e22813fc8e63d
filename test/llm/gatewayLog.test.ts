import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { llmCallRepo } from '../../src/main/db/llmCallRepo'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { startMockOpenAI } from '../support/mockOpenAI'
import { SECRET, tempCallLog, testEndpoint } from './fixtures'

const cleanups: (() => unknown)[] = []

/** A successful client call of run-1, dialogue d-1 (100 prompt + 20 completion tokens), without its time. */
const successfulCall = {
  jobId: 'run-1',
  dialogueId: 'd-1',
  purpose: 'client',
  endpointId: 'ep',
  model: 'm',
  request: '{}',
  response: 'ok',
  finishReason: 'stop',
  latencyMs: 12,
  promptTokens: 100,
  completionTokens: 20,
  cost: null,
  errorKind: null,
  error: null,
  attempt: 1,
  callKey: null,
}
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

describe('LLM gateway: the call log', () => {
  it('gets 200 calls through a 30% fault rate with the default budget, logging every attempt', async () => {
    const mock = await startMockOpenAI({
      apiKey: SECRET,
      faultRate: 0.3,
      seed: 7,
      reply: (r) => `re: ${r.messages[0].content}`,
    })
    const log = tempCallLog()
    cleanups.push(mock.close, log.cleanup)
    const gateway = createLlmGateway({ calls: log.repo, retry: { baseDelayMs: 1, maxDelayMs: 5 } })
    const endpoint = testEndpoint(mock.baseURL, { maxConcurrency: 16 })
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        gateway.chat({
          endpoint,
          messages: [{ role: 'user', content: `turn ${i}` }],
          purpose: 'client',
          jobId: 'run-f',
        }),
      ),
    )
    expect(results.map((r) => r.content)).toEqual(Array.from({ length: 200 }, (_, i) => `re: turn ${i}`))
    expect(mock.stats.faults).toBeGreaterThan(40)
    // With this seed one call needs all 7 attempts: a smaller budget fails the test.
    expect(Math.max(...results.map((r) => r.attempts))).toBe(7)
    const usage = log.repo.usageByRun('run-f')
    expect(usage.calls).toBe(200 + mock.stats.faults)
    expect(usage.calls).toBe(results.reduce((sum, r) => sum + r.attempts, 0))
    const errors = Object.values(usage.errors).reduce((a, b) => a + b, 0)
    expect(errors).toBe(mock.stats.faults)
    expect(Object.keys(usage.errors).sort()).toEqual(['malformed', 'network', 'rate_limit', 'server'])
    expect(usage.promptTokens).toBe(2000)
    expect(usage.completionTokens).toBe(1000)
    expect(usage.cost).toBeCloseTo((2000 * 1 + 1000 * 2) / 1e6, 12)
    expect(log.repo.callsPerMinute('run-f', new Date().toISOString())).toBe(200)
  })

  it('never writes the API key, in the table or in the file', async () => {
    const mock = await startMockOpenAI({
      apiKey: SECRET,
      fault: (_r, i) => (i === 0 ? { status: 500 } : i === 1 ? { reset: true } : null),
    })
    const log = tempCallLog()
    cleanups.push(mock.close, log.cleanup)
    const gateway = createLlmGateway({ calls: log.repo, retry: { baseDelayMs: 1 } })
    const endpoint = testEndpoint(mock.baseURL)
    await gateway.chat({
      endpoint,
      messages: [{ role: 'user', content: 'hello' }],
      purpose: 'judge',
      jobId: 'r',
      dialogueId: 'd',
    })
    await gateway
      .chat({
        endpoint: { ...endpoint, apiKey: `${SECRET}-stale` },
        messages: [{ role: 'user', content: 'x' }],
        purpose: 'judge',
      })
      .catch(() => null)
    const rows = log.rows()
    expect(rows.map((r) => r.error_kind)).toEqual(['server', 'network', null, 'unauthorized'])
    expect(JSON.stringify(rows)).not.toContain(SECRET)
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('authorization')
    log.db.pragma('wal_checkpoint(TRUNCATE)')
    expect(readFileSync(log.file).toString('latin1')).not.toContain(SECRET)
  })

  it('reads usage per dialogue, calls per minute and the list for the viewer', () => {
    const log = tempCallLog()
    cleanups.push(log.cleanup)
    const base = successfulCall
    log.repo.record({ ...base, createdAt: '2025-05-01T10:00:00.000Z' })
    log.repo.record({
      ...base,
      response: null,
      finishReason: null,
      promptTokens: null,
      completionTokens: null,
      errorKind: 'server',
      error: 'HTTP 500',
      createdAt: '2025-05-01T10:00:30.000Z',
    })
    log.repo.record({ ...base, attempt: 2, createdAt: '2025-05-01T10:00:31.000Z' })
    log.repo.record({ ...base, dialogueId: 'd-2', cost: 0.5, createdAt: '2025-05-01T10:00:59.000Z' })

    expect(log.repo.usageByDialogue('d-1')).toEqual({
      calls: 3,
      promptTokens: 200,
      completionTokens: 40,
      cachedTokens: 0,
      cost: null,
      errors: { server: 1 },
    })
    expect(log.repo.usageByRun('run-1')).toEqual({
      calls: 4,
      promptTokens: 300,
      completionTokens: 60,
      cachedTokens: 0,
      cost: 0.5,
      errors: { server: 1 },
    })
    expect(log.repo.usageByRun('nothing')).toEqual({
      calls: 0,
      promptTokens: 0,
      completionTokens: 0,
      cachedTokens: 0,
      cost: null,
      errors: {},
    })
    // The last 60 s up to 10:01:00.500 are (10:00:00.500, 10:01:00.500]: the failure does not count.
    expect(log.repo.callsPerMinute('run-1', '2025-05-01T10:01:00.500Z')).toBe(2)
    expect(log.repo.callsPerMinute('run-1', '2025-05-01T10:00:59.000Z')).toBe(3)
    const viewer = log.repo.forDialogue('d-1')
    expect(viewer.map((c) => [c.attempt, c.errorKind])).toEqual([
      [1, null],
      [1, 'server'],
      [2, null],
    ])
    expect(viewer[0]).toMatchObject({
      jobId: 'run-1',
      purpose: 'client',
      latencyMs: 12,
      finishReason: 'stop',
      createdAt: '2025-05-01T10:00:00.000Z',
    })
  })

  it("keeps a run's usage right when it is read again after more calls, whichever process logs them", () => {
    const log = tempCallLog()
    const other = openDatabase(log.file)
    const otherRepo = llmCallRepo(other)
    cleanups.push(log.cleanup, () => other.close())
    const base = { ...successfulCall, createdAt: '2025-05-01T10:00:00.000Z' }
    const failed = {
      ...base,
      response: null,
      promptTokens: null,
      completionTokens: null,
      errorKind: 'server',
      error: 'HTTP 500',
    }
    log.repo.record(base)
    log.repo.record({ ...failed, errorKind: 'timeout' })
    expect(log.repo.usageByRun('run-1')).toEqual({
      calls: 2,
      promptTokens: 100,
      completionTokens: 20,
      cachedTokens: 0,
      cost: null,
      errors: { timeout: 1 },
    })
    expect(log.repo.usageByRun('run-1')).toEqual({
      calls: 2,
      promptTokens: 100,
      completionTokens: 20,
      cachedTokens: 0,
      cost: null,
      errors: { timeout: 1 },
    })

    log.repo.record({ ...base, jobId: 'run-2', cost: 9 })
    log.repo.record({ ...base, cost: 0.25 })
    log.repo.record(failed)
    log.repo.flush()
    otherRepo.record({ ...failed, errorKind: 'timeout' })
    otherRepo.record({ ...base, cost: 0.5 })
    otherRepo.flush()
    expect(log.repo.usageByRun('run-1')).toEqual({
      calls: 6,
      promptTokens: 300,
      completionTokens: 60,
      cachedTokens: 0,
      cost: 0.75,
      errors: { timeout: 2, server: 1 },
    })
    expect(otherRepo.usageByRun('run-1')).toEqual({
      calls: 6,
      promptTokens: 300,
      completionTokens: 60,
      cachedTokens: 0,
      cost: 0.75,
      errors: { timeout: 2, server: 1 },
    })
    expect(log.repo.usageByRun('run-2')).toEqual({
      calls: 1,
      promptTokens: 100,
      completionTokens: 20,
      cachedTokens: 0,
      cost: 9,
      errors: {},
    })
  })
})
