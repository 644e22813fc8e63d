import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { ApiClient } from '@shared/api'
import type { EvaluationSummary } from '@shared/evaluation'
import type { App } from '../../src/main/app'
import { openDatabase } from '../../src/main/db/connection'
import { evaluationRepo } from '../../src/main/db/evaluationRepo'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { sessionsJsonl } from '../support/sessionsFixture'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const TINY_MODEL = join(import.meta.dirname, '..', 'fixtures', 'models', 'tiny-bert')
const b64 = (text: string) => Buffer.from(text).toString('base64')

async function setup(judge?: (request: ChatRequest) => string) {
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const app = ws.open()
  const api = client(app)
  const { datasetId } = await api.importDataset({
    fileName: 'sessions.jsonl',
    contentBase64: b64(sessionsJsonl()),
    format: 'jsonl',
  })
  let endpointId = ''
  if (judge) {
    const mock = await startMockOpenAI({ reply: judge })
    closers.push(mock.close)
    endpointId = (
      await api.saveEndpoint({
        name: 'judge',
        baseURL: mock.baseURL,
        model: 'judge-model',
        maxConcurrency: 8,
        priceInput: 1,
        priceOutput: 2,
      })
    ).id
  }
  return { app, api, datasetId: datasetId!, endpointId }
}

async function finished(app: App, api: ApiClient, started: EvaluationSummary) {
  await app.evaluations.waitFor(started.id)
  return api.getEvaluation({ id: started.id })
}

describe('evaluation jobs', () => {
  it('computes the dataset statistics of the paper’s Table 1', async () => {
    const { app, api, datasetId } = await setup()
    const done = await finished(app, api, await api.startEvaluation({ kind: 'stats', datasetIds: [datasetId] }))
    expect(done.status).toBe('completed')
    expect(done.result).toMatchObject({
      kind: 'stats',
      datasets: [{ conversations: 4, avgTurns: 2, clientUtterances: 8, counselorUtterances: 8 }],
    })
  })

  it('finds clients closer to their own card than to a deranged one (vocabulary and embeddings), and caches vectors', async () => {
    const { app, api, datasetId } = await setup()
    const overlap = await finished(app, api, await api.startEvaluation({ kind: 'overlap', datasetIds: [datasetId] }))
    const o = overlap.result!.kind === 'overlap' ? overlap.result!.datasets[0] : null
    expect(o!.mapping).toHaveLength(4)
    expect(o!.comparison.a.mean).toBeGreaterThan(o!.comparison.b.mean)

    const config = {
      model: TINY_MODEL,
      pooling: 'cls' as const,
      normalize: true,
      maxTokens: 512,
      quantized: false,
      test: 'welch' as const,
      seed: 42,
    }
    const first = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId], config }),
    )
    expect(first.status, first.error ?? '').toBe('completed')
    const e = first.result!.kind === 'embedding' ? first.result!.datasets[0] : null
    expect(e!.comparison.a.mean).toBeGreaterThan(e!.comparison.b.mean)
    const cached = (app.db.prepare('SELECT count(*) AS n FROM embedding_cache').get() as { n: number }).n
    expect(cached).toBe(8)
    const second = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId], config }),
    )
    expect(second.result).toEqual(first.result)
    expect((app.db.prepare('SELECT count(*) AS n FROM embedding_cache').get() as { n: number }).n).toBe(8)
  })

  it('scores the working alliance with reverse-scored items, counts garbage answers as failures, and estimates first', async () => {
    // Every item gets 5, item 4 gets 2 (reversed: 6) and item 10 gets 5 (reversed: 3); dialogue d3 always answers
    // garbage on item 12.
    const judge = (request: ChatRequest) => {
      const user = request.messages[1].content
      const item = Number(user.match(/## Item (\d+)/)![1])
      if (item === 12 && user.includes('rent is late')) return 'I cannot say.'
      return `Reasoning in one sentence.\nFinal score: ${item === 4 ? 2 : 5}`
    }
    const { app, api, datasetId, endpointId } = await setup(judge)
    const config = { endpointId, rounds: 2, temperature: 0.7, parseRetries: 1, cache: true, test: 'welch' as const }
    const estimate = await api.estimateEvaluation({ kind: 'wai', datasetIds: [datasetId], config })
    expect(estimate).toMatchObject({ calls: 4 * 12 * 2, cached: 0 })
    expect(estimate.cost).toBeGreaterThan(0)

    const done = await finished(app, api, await api.startEvaluation({ kind: 'wai', datasetIds: [datasetId], config }))
    expect(done.status, done.error ?? '').toBe('completed')
    expect(done.progress).toMatchObject({ done: 96, total: 96, failures: 2 })
    const wai = done.result!.kind === 'wai' ? done.result!.datasets[0] : null
    expect(wai!.items[4]).toBe(6)
    expect(wai!.items[10]).toBe(3)
    expect(wai!.factors.goal.mean).toBeCloseTo((6 + 5 + 3 + 5) / 4)
    expect(wai!.factors.task.mean).toBe(5)
    expect(wai!.factors.bond.mean).toBe(5)
    expect(wai!.failures).toBe(2)
    const failures = await api.listEvaluationFailures({ id: done.id })
    expect(failures).toHaveLength(2)
    expect(failures[0]).toMatchObject({ item: '12', raw: 'I cannot say.', attempts: 2 })

    // A second job is answered from the judge cache: no new calls.
    // The call log is written once per event-loop turn: let the last batch land before counting.
    const settled = () => new Promise((resolve) => setImmediate(resolve))
    await settled()
    const before = (
      app.db.prepare("SELECT count(*) AS n FROM llm_calls WHERE purpose = 'judge:wai'").get() as { n: number }
    ).n
    expect((await api.estimateEvaluation({ kind: 'wai', datasetIds: [datasetId], config })).cached).toBe(94)
    await finished(app, api, await api.startEvaluation({ kind: 'wai', datasetIds: [datasetId], config }))
    await settled()
    const after = (
      app.db.prepare("SELECT count(*) AS n FROM llm_calls WHERE purpose = 'judge:wai'").get() as { n: number }
    ).n
    expect(after - before).toBe(4) // only the two garbage units, asked twice each

    for (const format of ['csv', 'markdown', 'latex'] as const) {
      const table = await api.exportEvaluationTable({ id: done.id, format })
      expect(table.content).toContain('Goal')
      expect(table.content).toContain('sessions.jsonl')
      expect(table.content).toContain(endpointId)
    }
    expect((await api.exportEvaluationTable({ id: done.id, format: 'latex' })).content).toMatch(
      /\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/,
    )
  })

  it('classifies topics over rounds and reports the entropy of each round', async () => {
    const judge = (request: ChatRequest) => {
      const text = request.messages[1].content
      const topic = text.includes('every exam')
        ? 'study.exams'
        : text.includes('father died')
          ? 'loss.grief'
          : 'work.stress'
      return `Topic: ${topic}`
    }
    const { app, api, datasetId, endpointId } = await setup(judge)
    const done = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'topics', datasetIds: [datasetId], config: { endpointId, rounds: 3 } }),
    )
    expect(done.status, done.error ?? '').toBe('completed')
    const topics = done.result!.kind === 'topics' ? done.result!.datasets[0] : null
    expect(topics!.rounds).toHaveLength(3)
    // Two dialogues on one topic, one each on two others: H = 1.5 bits exactly.
    for (const round of topics!.rounds) expect(round.entropyBits).toBeCloseTo(1.5, 10)
    expect(topics!.entropy.mean).toBeCloseTo(1.5, 10)
  })
})

describe('evaluation units', () => {
  it('counts done and failed units, a unit tried again counting once, and lists the failures in order', () => {
    const db = openDatabase(':memory:')
    closers.push(async () => void db.close())
    const repo = evaluationRepo(db)
    repo.insert({ id: 'e', kind: 'wai', name: 'e', datasetIds: ['d'], config: {}, dialogues: 'complete' })
    const unit = (key: string, status: 'ok' | 'failed') => ({
      key,
      datasetId: 'd',
      dialogueId: 'x',
      round: 1,
      item: '1',
      value: status === 'ok' ? 5 : null,
      label: null,
      raw: 'r',
      status,
      error: status === 'ok' ? null : 'transport: down',
      attempts: 1,
    })
    repo.record('e', unit('a', 'failed'))
    repo.record('e', unit('b', 'failed'))
    repo.record('e', unit('c', 'ok'))
    expect(repo.progress('e')).toEqual({ done: 3, failures: 2 })
    repo.record('e', unit('a', 'ok'))
    repo.record('e', unit('d', 'failed'))
    expect(repo.progress('e')).toEqual({ done: 4, failures: 2 })
    expect(repo.failures('e', 10).map((r) => r.key)).toEqual(['b', 'd'])
    expect(repo.failures('e', 1).map((r) => r.key)).toEqual(['b'])
    expect(repo.progress('other')).toEqual({ done: 0, failures: 0 })
  })
})
