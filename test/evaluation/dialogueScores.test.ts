import { afterEach, describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import type { ApiClient } from '@shared/api'
import type { EvaluationSummary } from '@shared/evaluation'
import type { App } from '../../src/main/app'
import { evaluationScoreRepo } from '../../src/main/db/evaluationScoreRepo'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { SESSION_PROBLEMS, sessionsJsonl } from '../support/sessionsFixture'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const b64 = (text: string) => Buffer.from(text).toString('base64')

/**
 * The judge gives each of the four sessions its own bond: exam 2, work 3, grief 5, money 6 (items 3, 5, 7, 9), every
 * other item 4; item 4 is answered 2 (reverse-scored: 6). Dialogue "money" answers garbage on item 12.
 */
const BOND: Record<string, number> = { exam: 2, work: 3, grief: 5, money: 6 }
function judge(request: ChatRequest) {
  const user = request.messages[1].content
  const item = Number(user.match(/## Item (\d+)/)![1])
  const [tag] = SESSION_PROBLEMS.find(([, body]) => user.includes(body.toLowerCase()))!
  if (item === 12 && tag === 'money') return 'No idea.'
  const score = [3, 5, 7, 9].includes(item) ? BOND[tag] : item === 4 ? 2 : 4
  return `One sentence.\nFinal score: ${score}`
}

async function setup() {
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 1, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const app = ws.open()
  const api = client(app)
  // Two datasets from the same four cards (two methods run on the same seeds, say).
  const a = (await api.importDataset({ fileName: 'a.jsonl', contentBase64: b64(sessionsJsonl()), format: 'jsonl' }))
    .datasetId!
  const b = (await api.importDataset({ fileName: 'b.jsonl', contentBase64: b64(sessionsJsonl()), format: 'jsonl' }))
    .datasetId!
  const mock = await startMockOpenAI({ reply: judge })
  closers.push(mock.close)
  const endpointId = (
    await api.saveEndpoint({
      name: 'judge',
      baseURL: mock.baseURL,
      model: 'judge-model',
      maxConcurrency: 4,
      priceInput: 1,
      priceOutput: 2,
      currency: 'CNY',
    })
  ).id
  return { app, api, a, b, endpointId, mock }
}

async function finished(app: App, api: ApiClient, started: EvaluationSummary) {
  await app.evaluations.waitFor(started.id)
  return api.getEvaluation({ id: started.id })
}

const tagOf = async (api: ApiClient, dialogueId: string) => (await api.getDialogue({ id: dialogueId })).tags[0]

describe('per-dialogue results', () => {
  it('judges a seeded sample that keeps the same seed records in datasets from the same cards, and stores each dialogue’s scores', async () => {
    const { app, api, a, b, endpointId, mock } = await setup()
    // Without the cache: the two datasets hold the same texts, whose answers it would share.
    const config = { endpointId, rounds: 1, parseRetries: 0, sampleSize: 2, sampleSeed: 7, cache: false }
    const estimate = await api.estimateEvaluation({ kind: 'wai', datasetIds: [a, b], config })
    expect(estimate.calls).toBe(2 * 2 * 12)
    const done = await finished(app, api, await api.startEvaluation({ kind: 'wai', datasetIds: [a, b], config }))
    expect(done.status, done.error ?? '').toBe('completed')
    expect(done.progress.total).toBe(2 * 2 * 12)
    expect(mock.stats.calls).toBe(2 * 2 * 12)
    // What it spent, in the endpoint's currency, also in every table's provenance.
    expect(done.spent).toMatchObject({ calls: 48, currency: 'CNY' })
    expect(done.spent!.promptTokens).toBeGreaterThan(0)
    expect(done.spent!.cost).toBeCloseTo((done.spent!.promptTokens + 2 * done.spent!.completionTokens) / 1e6)
    expect((await api.exportEvaluationTable({ id: done.id, format: 'csv' })).content).toMatch(/spent: 48 calls.* CNY/)

    const page = await api.listEvaluationScores({ id: done.id, metric: 'bond', limit: 10 })
    expect(page.metrics.slice(0, 3)).toEqual(['goal', 'task', 'bond'])
    expect(page.metrics).toContain('item 12')
    expect(page.total).toBe(4)
    const inA = page.items.filter((r) => r.datasetId === a)
    const inB = page.items.filter((r) => r.datasetId === b)
    // The same two cards were drawn in both datasets.
    const tagsA = await Promise.all(inA.map((r) => tagOf(api, r.dialogueId)))
    const tagsB = await Promise.all(inB.map((r) => tagOf(api, r.dialogueId)))
    expect(tagsA.sort()).toEqual(tagsB.sort())
    expect(tagsA).toHaveLength(2)
    // Sorted lowest bond first, each row carrying its card's bond and the reverse-scored item 4.
    const bonds = page.items.map((r) => r.values.bond)
    expect(bonds).toEqual([...bonds].sort((x, y) => x! - y!))
    for (const row of page.items) {
      expect(row.values.bond).toBe(BOND[await tagOf(api, row.dialogueId)])
      expect(row.values['item 4']).toBe(6)
      expect(row.sourceId).toMatch(/^d[0-3]$/)
    }
    // The same seed draws the same sample again; another seed may not, but always two per dataset.
    const again = await finished(app, api, await api.startEvaluation({ kind: 'wai', datasetIds: [a], config }))
    const againIds = (await api.listEvaluationScores({ id: again.id, metric: 'bond' })).items.map((r) => r.dialogueId)
    expect(againIds.sort()).toEqual(inA.map((r) => r.dialogueId).sort())
  })

  it('refuses a sample given both as a number and a fraction, creating nothing', async () => {
    const { api, a, endpointId } = await setup()
    const before = (await api.listEvaluations()).length
    await expect(
      api.startEvaluation({ kind: 'wai', datasetIds: [a], config: { endpointId, sampleSize: 2, sampleFraction: 0.5 } }),
    ).rejects.toThrow(/sampleFraction.*not both/)
    expect(await api.listEvaluations()).toHaveLength(before)
  })

  it('scores items 4 and 10 as rated when asked (how MAGneT reports WAI) and says so in the table', async () => {
    const { app, api, a, endpointId } = await setup()
    const config = { endpointId, rounds: 1, parseRetries: 0, itemScoring: 'as-rated' as const }
    const done = await finished(app, api, await api.startEvaluation({ kind: 'wai', datasetIds: [a], config }))
    const result = done.result!.kind === 'wai' ? done.result!.datasets[0] : null
    expect(result!.items[4]).toBe(2)
    const page = await api.listEvaluationScores({ id: done.id, metric: 'item 4' })
    expect(page.items.map((r) => r.values['item 4'])).toEqual([2, 2, 2, 2])
    expect((await api.exportEvaluationTable({ id: done.id, format: 'markdown' })).content).toContain(
      '"itemScoring":"as-rated"',
    )
  })

  it('cuts by a value range, lists a transcript’s scores with the judge’s raw answers, and exports one CSV row per dialogue', async () => {
    const { app, api, a, endpointId } = await setup()
    const config = { endpointId, rounds: 1, parseRetries: 0 }
    const done = await finished(app, api, await api.startEvaluation({ kind: 'wai', datasetIds: [a], config }))
    const low = await api.listEvaluationScores({ id: done.id, metric: 'bond', max: 3.5 })
    expect(low.total).toBe(2)
    expect(low.items.map((r) => r.values.bond)).toEqual([2, 3])
    const high = await api.listEvaluationScores({ id: done.id, metric: 'bond', order: 'desc', limit: 1 })
    expect(high.items[0].values.bond).toBe(6)
    await expect(api.listEvaluationScores({ id: done.id, metric: 'warmth' })).rejects.toThrow(
      /no per-dialogue "warmth"/,
    )

    const money = high.items[0].dialogueId
    const { analyses } = await api.dialogueScores({ id: money })
    expect(analyses).toHaveLength(1)
    expect(analyses[0]).toMatchObject({ evaluationId: done.id, kind: 'wai', values: { bond: 6 } })
    expect(analyses[0].values['item 12']).toBeUndefined()
    expect(analyses[0].answers).toHaveLength(12)
    expect(analyses[0].answers.find((x) => x.item === '12')).toMatchObject({ status: 'failed', raw: 'No idea.' })
    // The transcript's call list holds the judge's calls of this dialogue, each openable with what was sent and said.
    const calls = (await api.getDialogue({ id: money })).calls.filter((c) => c.purpose === 'judge:wai')
    expect(calls).toHaveLength(12)
    const call = await api.getLlmCall({ id: calls[0].id })
    expect(call.request.messages?.map((m) => m.role)).toEqual(['system', 'user'])
    expect(call.request.messages?.[1].content).toMatch(/debt keeps growing[\s\S]*## Item \d+/)
    expect(call.response).toMatch(/^One sentence\.\nFinal score: \d$|^No idea\.$/)
    expect(JSON.stringify(call)).not.toMatch(/apiKey|authorization/i)
    await expect(api.getLlmCall({ id: 999999 })).rejects.toThrow(/No logged LLM call with id 999999/)

    const csv = Papa.parse<string[]>((await api.exportEvaluationScores({ id: done.id })).content.trim()).data
    expect(csv[0].slice(0, 8)).toEqual([
      'dialogue_id',
      'source_id',
      'dataset',
      'position',
      'goal',
      'task',
      'bond',
      'item 1',
    ])
    expect(csv).toHaveLength(5)
    const moneyRow = csv.find((r) => r[0] === money)!
    expect(moneyRow[1]).toBe('d3')
    expect(Number(moneyRow[6])).toBe(6)
  })

  it('filters and sorts the dataset browser by a score, and makes a dataset of the selection', async () => {
    const { app, api, a, endpointId } = await setup()
    const done = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'wai', datasetIds: [a], config: { endpointId, rounds: 1, parseRetries: 0 } }),
    )
    const under4 = await api.listDialogues({
      datasetId: a,
      score: { evaluationId: done.id, metric: 'bond', max: 3.999 },
      sort: 'score',
      order: 'desc',
    })
    expect(under4.total).toBe(2)
    expect(under4.items.map((d) => d.tags[0])).toEqual(['work', 'exam'])
    // Each row carries its value of the metric filtered by (the browser shows it); unfiltered lists carry none.
    expect(under4.items.map((d) => d.score)).toEqual([3, 2])
    expect((await api.listDialogues({ datasetId: a })).items[0].score).toBeUndefined()
    const lowestHalf = await api.listDialogues({
      datasetId: a,
      score: { evaluationId: done.id, metric: 'bond', lowest: 0.5 },
    })
    expect(lowestHalf.items.map((d) => d.tags[0]).sort()).toEqual(['exam', 'work'])
    const topQuarter = await api.listDialogues({
      datasetId: a,
      score: { evaluationId: done.id, metric: 'bond', highest: 0.25 },
    })
    expect(topQuarter.items.map((d) => d.tags[0])).toEqual(['money'])
    await expect(api.listDialogues({ datasetId: a, sort: 'score' })).rejects.toThrow(/needs score/)

    const before = (await api.listDatasets()).length
    const subset = await api.createDatasetFromSelection({
      query: { datasetId: a, score: { evaluationId: done.id, metric: 'bond', max: 3.999 } },
      name: 'low bond',
    })
    expect(subset).toMatchObject({ name: 'low bond', dialogueCount: 2 })
    const copies = await api.listDialogues({ datasetId: subset.id })
    const copy = await api.getDialogue({ id: copies.items[0].id })
    expect(copy.messages).toHaveLength(4)
    expect(copy.meta).toMatchObject({ externalId: expect.stringMatching(/^d[01]$/) })
    expect(copy.roleCard?.complaint.title).toBe(copies.items[0].tags[0])
    // Nothing matches: nothing is created.
    await expect(
      api.createDatasetFromSelection({
        query: { datasetId: a, score: { evaluationId: done.id, metric: 'bond', min: 7 } },
        name: '',
      }),
    ).rejects.toThrow(/no dialogue matches/)
    expect(await api.listDatasets()).toHaveLength(before + 1)
  })

  it('stores each dialogue’s turns and characters per utterance with the statistics', async () => {
    const { app, api, a } = await setup()
    const done = await finished(app, api, await api.startEvaluation({ kind: 'stats', datasetIds: [a] }))
    const page = await api.listEvaluationScores({ id: done.id, metric: 'client chars per utterance', order: 'desc' })
    expect(page.metrics).toEqual(['turns', 'client chars per utterance', 'counselor chars per utterance'])
    // "Hello" (5) and the problem in lower case with a full stop, spaces not counted.
    const longest = SESSION_PROBLEMS.map(([, body]) => body.replace(/\s/g, '').length + 1).sort((x, y) => y - x)[0]
    expect(page.items[0].values).toEqual({
      turns: 2,
      'client chars per utterance': (5 + longest) / 2,
      'counselor chars per utterance': ('WhatbringsyouHere?'.length + 'Takecare.'.length) / 2,
    })
  })

  it('keeps the dialogues with one label of a metric (a round’s topic), sorted by it', async () => {
    const { app, api, a } = await setup()
    const done = await finished(app, api, await api.startEvaluation({ kind: 'stats', datasetIds: [a] }))
    const ids = (await api.listDialogues({ datasetId: a })).items.map((d) => d.id)
    // Topic labels as the topics job stores them: a label, no value.
    const topics = ['work.stress', 'family.conflict', 'work.stress', 'sleep']
    evaluationScoreRepo(app.db).replace(
      done.id,
      ids.map((dialogueId, i) => ({ datasetId: a, dialogueId, metric: 'round 1', value: null, label: topics[i] })),
    )
    const work = await api.listEvaluationScores({ id: done.id, metric: 'round 1', label: 'work.stress' })
    expect(work.total).toBe(2)
    expect(work.items.map((r) => r.dialogueId).sort()).toEqual([ids[0], ids[2]].sort())
    const all = await api.listEvaluationScores({ id: done.id, metric: 'round 1' })
    expect(all.items.map((r) => r.labels['round 1'])).toEqual([
      'family.conflict',
      'sleep',
      'work.stress',
      'work.stress',
    ])
  })

  it('exports the per-dialogue CSV of an analysis larger than SQLite allows parameters in one query (32,766)', async () => {
    const { app, api, a } = await setup()
    const done = await finished(app, api, await api.startEvaluation({ kind: 'stats', datasetIds: [a] }))
    const n = 33_000
    evaluationScoreRepo(app.db).replace(
      done.id,
      Array.from({ length: n }, (_, i) => ({ datasetId: a, dialogueId: `gone-${i}`, metric: 'turns', value: i % 7 })),
    )
    const lines = (await api.exportEvaluationScores({ id: done.id })).content.trim().split(/\r?\n/)
    expect(lines).toHaveLength(1 + n)
    // Dialogues deleted since keep their scores, without a position or source id.
    expect(lines.find((l) => l.startsWith('gone-8,'))).toBe('gone-8,,a.jsonl,,1')
  })

  it('stores the overlap of each dialogue with its own and its control card', async () => {
    const { app, api, a } = await setup()
    const done = await finished(app, api, await api.startEvaluation({ kind: 'overlap', datasetIds: [a] }))
    const result = done.result!.kind === 'overlap' ? done.result!.datasets[0] : null
    const page = await api.listEvaluationScores({ id: done.id, metric: 'mapping', limit: 10 })
    expect(page.metrics).toEqual(['mapping', 'random'])
    expect(page.items.map((r) => r.values.mapping).sort()).toEqual([...result!.mapping].sort())
    expect(page.items.map((r) => r.values.random).sort()).toEqual([...result!.random].sort())
  })
})
