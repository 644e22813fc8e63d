import { afterEach, describe, expect, it } from 'vitest'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { startMockOpenAI } from '../support/mockOpenAI'
import { sessionsJsonl } from '../support/sessionsFixture'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

describe('provenance of a judged analysis on an endpoint pool', () => {
  it('names the base URLs that answered its calls, with their counts', async () => {
    const answer = () => 'Score: 4\nExplanation: steady.'
    const [first, second] = await Promise.all([
      startMockOpenAI({ reply: answer, latencyMs: 5 }),
      startMockOpenAI({ reply: answer, latencyMs: 5 }),
    ])
    closers.push(first.close, second.close)
    ws = tempWorkspace({ gateway: (calls) => createLlmGateway({ calls }) })
    const app = ws.open()
    const api = client(app)
    const { datasetId } = await api.importDataset({
      fileName: 'sessions.jsonl',
      contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
      format: 'jsonl',
    })
    const endpoint = await api.saveEndpoint({ name: 'judge', baseURL: first.baseURL, model: 'judge-model' })
    const alone = await api.startEvaluation({
      kind: 'ctrs',
      datasetIds: [datasetId!],
      config: { endpointId: endpoint.id, rounds: 1 },
    })
    await app.evaluations.waitFor(alone.id)
    // One base URL: the provenance names it once, as before.
    const before = (await api.exportEvaluationTable({ id: alone.id, format: 'csv' })).content
    expect(before).toMatch(new RegExp(`judge judge: judge-model at ${first.baseURL} \\(endpoint ${endpoint.id}\\)\n`))
    expect(before).not.toMatch(/answered by/)

    await api.saveEndpoint({
      ...endpoint,
      maxConcurrency: 1,
      replicas: [{ baseURL: second.baseURL, maxConcurrency: 1 }],
    })
    const pooled = await api.startEvaluation({
      kind: 'ctrs',
      datasetIds: [datasetId!],
      config: { endpointId: endpoint.id, rounds: 1, temperature: 0.5 },
    })
    await app.evaluations.waitFor(pooled.id)
    const calls = { [first.baseURL]: first.stats.calls, [second.baseURL]: second.stats.calls }
    expect(second.stats.calls).toBeGreaterThan(0)
    const table = (await api.exportEvaluationTable({ id: pooled.id, format: 'csv' })).content
    const line = /answered by (.+)\n/.exec(table)![1]
    const named = Object.fromEntries([...line.matchAll(/(http\S+) \((\d+) calls?\)/g)].map((m) => [m[1], Number(m[2])]))
    // 4 dialogues × 6 items: every call of this analysis, split as the two servers saw them (the first also answered
    // the first analysis's 24).
    expect(named).toEqual({ [first.baseURL]: calls[first.baseURL] - 24, [second.baseURL]: calls[second.baseURL] })
    expect(named[first.baseURL] + named[second.baseURL]).toBe(24)
  })
})
