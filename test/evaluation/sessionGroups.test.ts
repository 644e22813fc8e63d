import { afterEach, describe, expect, it } from 'vitest'
import { tempWorkspace, client } from '../support/workspace'
import { casesCorpus } from '../support/casesCorpus'

let ws: ReturnType<typeof tempWorkspace>
afterEach(() => ws?.cleanup())

describe('results grouped by session index', () => {
  it('gives each session its mean, SD and n per metric, and the per-dialogue list cut to one session', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const { datasetId } = await api.importDataset({
      fileName: 'cases.json',
      contentBase64: Buffer.from(casesCorpus()).toString('base64'),
    })
    const started = await api.startEvaluation({ kind: 'stats', datasetIds: [datasetId!] })
    await app.evaluations.waitFor(started.id)

    const grouped = await api.evaluationSessionGroups({ id: started.id })
    expect(grouped.metrics).toContain('turns')
    // Session k: turns k, k + 1, k + 2 → mean k + 1, SD 1; each case has k − 1 turns more than in its session 1 (no
    // spread in the differences: p = 0, the limit).
    expect(grouped.groups.map((g) => [g.sessionIndex, g.dialogues, g.stats.turns])).toEqual([
      [1, 3, { mean: 2, sd: 1, n: 3, change: null }],
      [2, 3, { mean: 3, sd: 1, n: 3, change: { meanDifference: 1, p: 0, n: 3 } }],
      [3, 3, { mean: 4, sd: 1, n: 3, change: { meanDifference: 2, p: 0, n: 3 } }],
    ])

    // Drill: a session's dialogues, sorted by the metric.
    const second = await api.listEvaluationScores({ id: started.id, metric: 'turns', sessionIndex: 2 })
    expect(second.total).toBe(3)
    expect(second.items.map((r) => r.values.turns)).toEqual([2, 3, 4])
  })

  it("tests each session against session 1 paired by case (scipy's ttest_rel gives t 1.732, p 0.2254)", async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    // Session 1: 1, 2, 3 turns; session 2: 2, 4, 3 (differences 1, 2, 0); session 3: 1 each.
    const turns = (c: number, k: number) => (k === 1 ? [1, 2, 3][c] : k === 2 ? [2, 4, 3][c] : 1)
    const { datasetId } = await api.importDataset({
      fileName: 'cases.json',
      contentBase64: Buffer.from(casesCorpus(turns)).toString('base64'),
    })
    const started = await api.startEvaluation({ kind: 'stats', datasetIds: [datasetId!] })
    await app.evaluations.waitFor(started.id)
    const { groups } = await api.evaluationSessionGroups({ id: started.id })
    const second = groups[1].stats.turns.change!
    expect(second.meanDifference).toBe(1)
    expect(second.n).toBe(3)
    expect(second.p).toBeCloseTo(0.2254033, 6)
    expect(groups[2].stats.turns.change!.meanDifference).toBe(-1)
  })

  it('puts dialogues of no case in a group of their own, and names an unknown analysis', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const line = {
      messages: [
        { speaker: 'client', content: 'Hi.' },
        { speaker: 'counselor', content: 'Hello.' },
      ],
    }
    const { datasetId } = await api.importDataset({
      fileName: 'one.jsonl',
      contentBase64: Buffer.from(JSON.stringify(line)).toString('base64'),
    })
    const started = await api.startEvaluation({ kind: 'stats', datasetIds: [datasetId!] })
    await app.evaluations.waitFor(started.id)
    const grouped = await api.evaluationSessionGroups({ id: started.id })
    expect(grouped.groups.map((g) => [g.sessionIndex, g.dialogues, g.stats.turns])).toEqual([
      [null, 1, { mean: 1, sd: null, n: 1, change: null }],
    ])
    await expect(api.evaluationSessionGroups({ id: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
  })
})
