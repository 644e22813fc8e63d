import { afterEach, describe, expect, it } from 'vitest'
import { createLlmGateway, type ChatCall } from '../../src/main/llm/gateway'
import { startMockOpenAI, type MockOptions } from '../support/mockOpenAI'
import { SECRET, tempCallLog, testEndpoint } from './fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/**
 * Endpoints stream by default. Every endpoint here has a total timeout of a minute, longer
 * than a test may take: a call that finishes was saved by the first-byte or idle timeout.
 */
async function setup(mockOptions: MockOptions, endpointOver = {}) {
  const mock = await startMockOpenAI({
    apiKey: SECRET,
    reply: (r) => `I hear that "${r.messages.at(-1)?.content}" weighs on you.`,
    ...mockOptions,
  })
  const log = tempCallLog()
  cleanups.push(mock.close, log.cleanup)
  const gateway = createLlmGateway({ calls: log.repo, sleep: async () => {}, random: () => 0.5 })
  const endpoint = testEndpoint(mock.baseURL, { timeoutMs: 60_000, ...endpointOver })
  const call = (over: Partial<ChatCall> = {}): ChatCall => ({
    endpoint,
    messages: [{ role: 'user', content: 'my exams' }],
    purpose: 'counselor',
    jobId: 'r',
    dialogueId: 'd',
    ...over,
  })
  return { mock, log, gateway, endpoint, call }
}

describe('LLM gateway: streamed answers', () => {
  it('gives up a stream that stalls between chunks after the idle timeout, and retries', async () => {
    const { gateway, log, call, mock } = await setup(
      { fault: (_r, i) => (i === 0 ? { stallAfterChunks: 2 } : null) },
      { idleTimeoutMs: 200 },
    )
    const result = await gateway.chat(call())
    expect(result).toMatchObject({ content: 'I hear that "my exams" weighs on you.', attempts: 2 })
    expect(mock.requests[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } })
    const rows = log.rows()
    expect(rows.map((r) => [r.attempt, r.error_kind, r.error])).toEqual([
      [1, 'timeout', 'stream stalled for 0.2 s'],
      [2, null, null],
    ])
  })

  it('gives up a request that hangs before its first byte after the first-byte timeout, and retries', async () => {
    const { gateway, log, call } = await setup(
      { fault: (_r, i) => (i === 0 ? { hang: true } : null) },
      { firstByteTimeoutMs: 300 },
    )
    expect((await gateway.chat(call())).attempts).toBe(2)
    expect(log.rows()[0]).toMatchObject({ error_kind: 'timeout', error: 'no first byte within 0.3 s' })
  })

  it('lets a slow stream go on as long as each chunk comes within the idle timeout', async () => {
    // Seven events 300 ms apart: about two seconds in all, past the 1.5 s allowed between two chunks.
    const { gateway, call } = await setup({ chunkDelayMs: 300 }, { idleTimeoutMs: 1500 })
    const result = await gateway.chat(call())
    expect(result).toMatchObject({
      content: 'I hear that "my exams" weighs on you.',
      attempts: 1,
      finishReason: 'stop',
    })
  })

  it('stores the same message and log row whether the answer was streamed or not', async () => {
    const { gateway, log, call, endpoint } = await setup({})
    const streamed = await gateway.chat(call())
    const plain = await gateway.chat(call({ endpoint: { ...endpoint, stream: false } }))
    const { latencyMs: _a, callKey: streamedKey, ...streamedResult } = streamed
    const { latencyMs: _b, callKey: plainKey, ...plainResult } = plain
    expect(streamedResult).toEqual(plainResult)
    expect(streamedResult).toMatchObject({
      content: 'I hear that "my exams" weighs on you.',
      finishReason: 'stop',
      model: 'qwen2-7b',
      promptTokens: 10,
      completionTokens: 5,
    })
    // Each call has its own key in the log; otherwise the rows are the same.
    expect(log.rows().map((row) => row.call_key)).toEqual([streamedKey, plainKey])
    expect(streamedKey).not.toBe(plainKey)
    const rows = log.rows().map(({ id: _i, latency_ms: _l, created_at: _c, call_key: _k, ...row }) => row)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toEqual(rows[1])
  })

  it('records unknown usage when a streaming server sends none, as for a plain answer without usage', async () => {
    const { gateway, log, call } = await setup({ streamUsage: false })
    const result = await gateway.chat(call())
    expect(result).toMatchObject({ promptTokens: null, completionTokens: null, cost: null })
    expect(log.rows()[0]).toMatchObject({
      prompt_tokens: null,
      completion_tokens: null,
      cost: null,
      response: result.content,
    })
  })

  it('reads a server that ignores stream: true and answers with plain JSON', async () => {
    const body = JSON.stringify({
      model: 'qwen2-7b',
      choices: [{ message: { role: 'assistant', content: 'plain' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    })
    const { gateway, call } = await setup({ fault: () => ({ status: 200, body }) })
    expect(await gateway.chat(call())).toMatchObject({
      content: 'plain',
      finishReason: 'length',
      promptTokens: 3,
      completionTokens: 1,
      attempts: 1,
    })
  })

  it('retries a stream cut before its finish reason instead of storing half a reply', async () => {
    const { gateway, log, call, mock } = await setup(
      { fault: (_r, i) => (i === 0 ? { stallAfterChunks: 3 } : null) },
      { idleTimeoutMs: 200 },
    )
    // The stalled stream had part of the reply; what is stored is the whole reply of the second attempt.
    const result = await gateway.chat(call())
    expect(result.content).toBe('I hear that "my exams" weighs on you.')
    expect(log.rows()[0].response).toBeNull()
    expect(mock.stats.calls).toBe(2)
  })
})
