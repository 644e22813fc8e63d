import { afterEach, describe, expect, it } from 'vitest'
import { createLlmGateway, LlmCallError } from '../../src/main/llm/gateway'
import { startMockOpenAI } from '../support/mockOpenAI'
import { SECRET, tempCallLog, testEndpoint } from './fixtures'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('the gateway on a completions endpoint', () => {
  it('sends the raw prompt to /v1/completions, retries a 503 and logs every attempt under its purpose', async () => {
    const mock = await startMockOpenAI({
      apiKey: SECRET,
      completion: (r) => `${r.prompt.length} chars\nClient: more`,
      completionFault: (_r, i) => (i === 0 ? { status: 503 } : null),
    })
    closers.push(mock.close)
    const log = tempCallLog()
    closers.push(log.cleanup)
    const gateway = createLlmGateway({ calls: log.repo, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } })
    // Streaming is asked for on the endpoint: a completions call is sent whole anyway.
    const endpoint = testEndpoint(mock.baseURL, { stream: true })
    const result = await gateway.complete({
      endpoint,
      prompt: 'Client: hello\nCounselor:',
      stop: ['\nClient:'],
      maxTokens: 40,
      purpose: 'completions.counselor',
      jobId: 'job-1',
    })
    expect(result).toMatchObject({ content: '24 chars', attempts: 2, promptTokens: 10, completionTokens: 5 })
    expect(mock.completions).toHaveLength(2)
    expect(mock.completions[1]).toMatchObject({
      model: 'qwen2-7b',
      prompt: 'Client: hello\nCounselor:',
      stop: ['\nClient:'],
      max_tokens: 40,
      temperature: 0.7,
      top_p: 0.9,
    })
    expect(mock.completions[1].stream).toBeUndefined()
    expect(mock.requests).toHaveLength(0)
    const rows = log.rows()
    expect(rows.map((r) => [r.purpose, r.attempt, r.error_kind ?? null])).toEqual([
      ['completions.counselor', 1, 'server'],
      ['completions.counselor', 2, null],
    ])
    expect(JSON.parse(rows[1].request as string)).toEqual({
      prompt: 'Client: hello\nCounselor:',
      stop: ['\nClient:'],
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 40,
      seed: null,
    })
    expect(rows[1].response).toBe('24 chars')
    expect(JSON.stringify(rows)).not.toContain(SECRET)
  })

  it('fails at once on an unknown model, with the endpoint named', async () => {
    const mock = await startMockOpenAI({ models: ['other'] })
    closers.push(mock.close)
    const gateway = createLlmGateway({ calls: null, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } })
    const call = gateway.complete({
      endpoint: testEndpoint(mock.baseURL),
      prompt: 'x',
      purpose: 'completions.counselor',
    })
    await expect(call).rejects.toBeInstanceOf(LlmCallError)
    await expect(call).rejects.toThrow(/mock \(qwen2-7b\)/)
    expect(mock.completions).toHaveLength(1)
  })
})
