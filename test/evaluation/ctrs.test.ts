import { afterEach, describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CTRS_ITEMS, EVALUATIONS, type CtrsEvaluationResult, type CtrsResult } from '@shared/evaluation'
import type { App } from '../../src/main/app'
import { evaluationScoreRepo } from '../../src/main/db/evaluationScoreRepo'
import { buildCtrsMessages, CTRS_QUESTION, parseCtrsScore } from '../../src/main/evaluation/ctrs/ctrsPrompt'
import { itemUnits } from '../../src/main/evaluation/judgeClient'
import { CTRS_ITEM_TEXTS, ctrsAggregate, type CtrsScore } from '../../src/main/evaluation/ctrs/items'
import { tTest } from '../../src/main/evaluation/statistics'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { runCli, spawnCli } from '../support/cliProcess'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { sessionsJsonl } from '../support/sessionsFixture'
import { readWorkspace, storedUnits } from '../support/readWorkspace'
import { renderWithStrings } from '../support/renderStrings'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace> | undefined
let dir: string | undefined
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
  for (const close of closers.splice(0)) await close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

const ITEM_IDS = CTRS_ITEMS.map((i) => i.id)

describe('CTRS aggregation', () => {
  it('averages each item over its successful samples, the groups over their items, and the dialogues', () => {
    const samples = (dialogueId: string, item: string, values: (number | null)[]): CtrsScore[] =>
      values.map((value, i) => ({ dialogueId, item, round: i + 1, value }))
    const result = ctrsAggregate([
      ...samples('x', 'understanding', [4, null, 6]),
      ...samples('x', 'interpersonal', [3, 3, 3]),
      ...samples('x', 'collaboration', [2, 4, null]),
      ...samples('x', 'guidedDiscovery', [null, null, null]),
      ...samples('x', 'keyCognitions', [1, 2, 3]),
      ...samples('x', 'strategy', [0, 0, 6]),
      ...samples('y', 'understanding', [2, 2, 2]),
      ...samples('y', 'interpersonal', [5, 6, 4]),
      ...samples('y', 'collaboration', [6, 6, 6]),
      ...samples('y', 'guidedDiscovery', [3, 4, 5]),
      ...samples('y', 'keyCognitions', [4, 4, 4]),
      ...samples('y', 'strategy', [6, 5, 4]),
    ])
    // x: understanding (4+6)/2 = 5, interpersonal 3, collaboration (2+4)/2 = 3, guided discovery none,
    //    key cognitions 2, strategy 2; general (5+3+3)/3 = 11/3, CBT-specific (2+2)/2 = 2.
    // y: 2, 5, 6, 4, 4, 5; general 13/3, CBT-specific 13/3.
    expect(result.failures).toBe(5)
    expect(result.dialogues).toHaveLength(2)
    expect(result.dialogues[0].dialogueId).toBe('x')
    expect(result.dialogues[0].items).toEqual({
      understanding: 5,
      interpersonal: 3,
      collaboration: 3,
      keyCognitions: 2,
      strategy: 2,
    })
    expect(result.dialogues[0].groups.general).toBeCloseTo(11 / 3, 12)
    expect(result.dialogues[0].groups.cbt).toBe(2)
    expect(result.dialogues[1].items).toEqual({
      understanding: 2,
      interpersonal: 5,
      collaboration: 6,
      guidedDiscovery: 4,
      keyCognitions: 4,
      strategy: 5,
    })
    expect(result.dialogues[1].groups.general).toBeCloseTo(13 / 3, 12)
    expect(result.dialogues[1].groups.cbt).toBeCloseTo(13 / 3, 12)

    // Over dialogues: means, and sample SDs of two values |a − b| / √2.
    expect(result.items.understanding).toMatchObject({ mean: 3.5, n: 2 })
    expect(result.items.understanding.std).toBeCloseTo(3 / Math.SQRT2, 12)
    expect(result.items.interpersonal).toMatchObject({ mean: 4, n: 2 })
    expect(result.items.interpersonal.std).toBeCloseTo(Math.SQRT2, 12)
    expect(result.items.collaboration.mean).toBe(4.5)
    expect(result.items.guidedDiscovery).toEqual({ mean: 4, std: NaN, n: 1, perDialogue: [4] })
    expect(result.items.keyCognitions.mean).toBe(3)
    expect(result.items.strategy.mean).toBe(3.5)
    expect(result.groups.general.mean).toBeCloseTo(4, 12)
    expect(result.groups.general.std).toBeCloseTo(2 / 3 / Math.SQRT2, 12)
    expect(result.groups.cbt.mean).toBeCloseTo(19 / 6, 12)
    expect(result.groups.cbt.std).toBeCloseTo(7 / 3 / Math.SQRT2, 12)
  })

  it('has no group score for a dialogue without any of the group’s items, and refuses unknown items', () => {
    const result = ctrsAggregate([
      { dialogueId: 'x', item: 'strategy', round: 1, value: 3 },
      { dialogueId: 'x', item: 'understanding', round: 1, value: null },
    ])
    expect(result.dialogues).toEqual([{ dialogueId: 'x', items: { strategy: 3 }, groups: { general: null, cbt: 3 } }])
    expect(result.groups.general).toEqual({ mean: NaN, std: NaN, n: 0, perDialogue: [] })
    expect(result.failures).toBe(1)
    expect(() => ctrsAggregate([{ dialogueId: 'x', item: 'agenda', round: 1, value: 3 }])).toThrow(/agenda/)
  })
})

describe('CTRS prompt and answers', () => {
  const dialogue = (language: 'en' | 'zh') => ({
    language,
    messages: [
      { speaker: 'counselor' as const, content: language === 'en' ? 'What brings you here?' : '今天想聊什么？' },
      { speaker: 'client' as const, content: language === 'en' ? 'I cannot sleep.' : '我睡不着。' },
    ],
  })

  it('asks in the dialogue’s language, one item at a time, with the four described levels and the answer form', () => {
    const [system, user] = buildCtrsMessages(dialogue('en'), 'guidedDiscovery')
    expect(system.content).toMatch(/0 to 6/)
    expect(system.content).toMatch(/4 or lower/)
    expect(user.content).toContain('Client: I cannot sleep.')
    expect(user.content).toContain('## Item: Guided discovery')
    for (const level of [0, 2, 4, 6]) expect(user.content).toMatch(new RegExp(`^${level}: `, 'm'))
    expect(user.content).not.toMatch(/^[135]: /m)
    expect(user.content).toMatch(/"score, explanation"/)
    const [zhSystem, zhUser] = buildCtrsMessages(dialogue('zh'), 'strategy')
    expect(zhSystem.content).toMatch(/4分或更低/)
    expect(zhUser.content).toContain('来访者：我睡不着。')
    expect(zhUser.content).toContain('## 条目：改变策略')
    // Every item has its own wording in both languages.
    for (const item of CTRS_ITEM_TEXTS)
      for (const lang of ['en', 'zh'] as const) {
        expect(item.about[lang]).toBeTruthy()
        expect(new Set(item.levels.map((l) => l[lang])).size).toBe(4)
      }
    expect(() => buildCtrsMessages(dialogue('en'), 'agenda')).toThrow(/agenda/)
  })

  it('reads the score that leads the answer, else a labelled one, and rejects what is not a whole number 0–6', () => {
    const read = (text: string) => {
      const parsed = parseCtrsScore(text)
      return parsed.ok ? parsed.value : parsed.code
    }
    expect(read('4, The counselor reflects feelings but misses the core belief.')).toBe(4)
    expect(read('４，咨询师的提问较为诱导。')).toBe(4)
    expect(read('Score: 5\nExplanation: a score of 2 would be too low.')).toBe(5)
    expect(read('**3** - some questions were leading.')).toBe(3)
    expect(read('评分：2。理由：缺少具体技术。')).toBe(2)
    expect(read('0')).toBe(0)
    // Reasoning first despite the instruction: the labelled score counts; a range is not a score.
    expect(read('The counselor asked few questions.\nFinal score: 1')).toBe(1)
    expect(read('On the 0-6 scale I give it 2.')).toBe(2)
    expect(read('7, flawless work.')).toBe('out_of_range')
    expect(read('4.5, between two levels.')).toBe('not_integer')
    expect(read('I cannot judge this session.')).toBe('no_answer')
    expect(read('')).toBe('empty')
  })

  it('plans one call per dialogue, item and sample for the estimate', () => {
    const items = CTRS_ITEMS.map((i) => i.id)
    const units = [...itemUnits(CTRS_QUESTION, items, [dialogue('en'), dialogue('zh')], 3)]
    expect(units).toHaveLength(2 * 6 * 3)
    expect(units.filter((u) => u.language === 'zh')).toHaveLength(18)
  })
})

/** Sessions in the workbench's JSONL, each with a tag in the client's first words so the mock knows the dialogue. */
function sessions(list: { tag: string; language: 'en' | 'zh' }[]): string {
  const lines = list.map(({ tag, language }, i) => ({
    id: `s${i}`,
    language,
    status: 'completed',
    endReason: { kind: 'keyword', keyword: 'take care', turn: 2 },
    systemPrompt: null,
    roleCard: null,
    messages:
      language === 'en'
        ? [
            { speaker: 'counselor', content: 'What brings you here today?' },
            { speaker: 'client', content: `[${tag}] I panic before every exam.` },
            { speaker: 'counselor', content: 'What goes through your mind then?' },
            { speaker: 'client', content: 'That I will fail and disappoint everyone.' },
          ]
        : [
            { speaker: 'counselor', content: '今天想聊些什么？' },
            { speaker: 'client', content: `[${tag}] 最近工作压力很大。` },
            { speaker: 'counselor', content: '压力大的时候你会想些什么？' },
            { speaker: 'client', content: '觉得自己什么都做不好。' },
          ],
    meta: {},
  }))
  return [JSON.stringify({ format: 'simpsy-dialogues', version: 1 }), ...lines.map((l) => JSON.stringify(l))].join('\n')
}

/** Which dialogue (its tag) and which item (its id) a judge request asks about. */
function asked(request: ChatRequest) {
  const user = request.messages[1].content
  const tag = /\[([A-Z])\]/.exec(user)![1]
  const name = /^## (?:Item: |条目：)(.+)$/m.exec(user)![1]
  const item = CTRS_ITEM_TEXTS.find((i) => i.name.en === name || i.name.zh === name)!.id
  return { tag, item, zh: request.messages[0].content.includes('认知行为疗法') }
}

/**
 * A judge answering per dialogue and item from a list, the n-th request for a (dialogue, item) getting the n-th
 * answer (the last one repeated): the samples of a unit are identical requests, so which sample gets which answer
 * does not change their mean.
 */
function listJudge(answers: (tag: string, item: string, zh: boolean) => string[]) {
  const seen = new Map<string, number>()
  return (request: ChatRequest) => {
    const { tag, item, zh } = asked(request)
    const n = seen.get(`${tag}/${item}`) ?? 0
    seen.set(`${tag}/${item}`, n + 1)
    const list = answers(tag, item, zh)
    return list[Math.min(n, list.length - 1)]
  }
}

async function workspace(judge: (request: ChatRequest) => string, datasets: string[]) {
  const mock = await startMockOpenAI({ reply: judge })
  closers.push(mock.close)
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const app = ws.open()
  const api = client(app)
  const datasetIds: string[] = []
  for (const [i, content] of datasets.entries()) {
    const { datasetId } = await api.importDataset({
      fileName: `set${i + 1}.jsonl`,
      contentBase64: Buffer.from(content).toString('base64'),
      format: 'jsonl',
    })
    datasetIds.push(datasetId!)
  }
  const { id: endpointId } = await api.saveEndpoint({ name: 'judge', baseURL: mock.baseURL, model: 'judge-model' })
  return { app, api, mock, datasetIds, endpointId }
}

async function run(app: App, api: ReturnType<typeof client>, input: Parameters<typeof api.startEvaluation>[0]) {
  const started = await api.startEvaluation(input)
  await app.evaluations.waitFor(started.id)
  const done = await api.getEvaluation({ id: started.id })
  expect(done.status, done.error ?? '').toBe('completed')
  return { ...done, result: done.result as CtrsEvaluationResult }
}

// Scores per item (in CTRS_ITEMS order), the three samples of each.
const SCORES: Record<string, number[][]> = {
  // Items 5, 3, 3 | 2, 2, 1: general 11/3, CBT-specific 5/3.
  A: [
    [4, 5, 6],
    [3, 3, 3],
    [2, 4, 3],
    [1, 1, 4],
    [2, 2, 2],
    [0, 1, 2],
  ],
  // Items 2, 5, 6 | 4, 4, 5: general 13/3, CBT-specific 13/3.
  B: [
    [2, 2, 2],
    [5, 6, 4],
    [6, 6, 6],
    [3, 4, 5],
    [4, 4, 4],
    [6, 5, 4],
  ],
}
const sample = (tag: string, item: string, zh: boolean) =>
  SCORES[tag][ITEM_IDS.indexOf(item as (typeof ITEM_IDS)[number])].map((v, i) =>
    i === 1
      ? `Score: ${v}\nExplanation: one sentence.`
      : zh
        ? `${v}，咨询师做得还可以。`
        : `${v}, The counselor did fairly.`,
  )

describe('CTRS jobs with the mock judge', () => {
  it('makes one call per dialogue × sample × item, scores as worked by hand and stores every dialogue’s scores', async () => {
    const { app, api, mock, datasetIds, endpointId } = await workspace(listJudge(sample), [
      sessions([
        { tag: 'A', language: 'en' },
        { tag: 'B', language: 'zh' },
      ]),
    ])
    // MAGneT's settings are the defaults: temperature 0, three samples.
    const config = { endpointId }
    expect(await api.estimateEvaluation({ kind: 'ctrs', datasetIds, config })).toMatchObject({ calls: 36, cached: 0 })
    const done = await run(app, api, { kind: 'ctrs', datasetIds, config })
    expect(done.config).toMatchObject({ temperature: 0, rounds: 3 })
    expect(mock.requests).toHaveLength(2 * 3 * 6)
    expect(mock.requests.every((r) => r.temperature === 0)).toBe(true)
    // Each dialogue is asked in its own language.
    expect(mock.requests.filter((r) => asked(r).zh).every((r) => asked(r).tag === 'B')).toBe(true)
    expect(mock.requests.filter((r) => asked(r).zh)).toHaveLength(18)
    expect(done.progress).toEqual({ done: 36, total: 36, failures: 0 })

    const [d] = done.result.datasets
    expect(d).toMatchObject({ datasetId: datasetIds[0], failures: 0, calls: 36 })
    const means = Object.fromEntries(ITEM_IDS.map((id) => [id, d.items[id].mean]))
    expect(means).toEqual({
      understanding: 3.5,
      interpersonal: 4,
      collaboration: 4.5,
      guidedDiscovery: 3,
      keyCognitions: 3,
      strategy: 3,
    })
    expect(d.items.understanding.std).toBeCloseTo(3 / Math.SQRT2, 12)
    expect(d.items.strategy.std).toBeCloseTo(4 / Math.SQRT2, 12)
    expect(d.groups.general.mean).toBeCloseTo(4, 12)
    expect(d.groups.general.std).toBeCloseTo(2 / 3 / Math.SQRT2, 12)
    expect(d.groups.cbt.mean).toBeCloseTo(3, 12)
    expect(d.groups.cbt.std).toBeCloseTo(8 / 3 / Math.SQRT2, 12)
    expect(done.result.comparison).toBeNull()

    // Per dialogue: the six items and both groups, under their stable names.
    const dialogues = await api.listDialogues({ datasetId: datasetIds[0] })
    const idOf = (tag: string) => dialogues.items.find((x) => x.excerpt.includes(`[${tag}]`))!.id
    const scores = evaluationScoreRepo(app.db).ofEvaluation(done.id)
    expect(scores).toHaveLength(2 * 8)
    const of = (tag: string) =>
      Object.fromEntries(scores.filter((s) => s.dialogueId === idOf(tag)).map((s) => [s.metric, s.value]))
    expect(of('A')).toEqual({
      understanding: 5,
      'interpersonal effectiveness': 3,
      collaboration: 3,
      'guided discovery': 2,
      'focus on key cognitions': 2,
      'strategy for change': 1,
      general: expect.closeTo(11 / 3, 12),
      'CBT-specific': expect.closeTo(5 / 3, 12),
    })
    expect(of('B')).toMatchObject({ understanding: 2, 'strategy for change': 5, general: expect.closeTo(13 / 3, 12) })

    // The table for the exports: items, then the group means, one row per dataset.
    const table = (await api.exportEvaluationTable({ id: done.id, format: 'csv' })).content
    expect(table).toContain('Measure,Group,Dataset,Mean,SD')
    expect(table).toContain('Understanding,General skills,set1.jsonl,3.5,2.121')
    expect(table).toContain('CBT-specific skills (mean),CBT-specific skills,set1.jsonl,3,1.886')
    // Markdown writes every mean and SD with three decimals.
    const md = (await api.exportEvaluationTable({ id: done.id, format: 'markdown' })).content
    expect(md).toContain('| Understanding | General skills | set1.jsonl | 3.500 | 2.121 |')
    expect(md).toContain('| CBT-specific skills (mean) | CBT-specific skills | set1.jsonl | 3.000 | 1.886 |')
    expect(EVALUATIONS.ctrs.outputs.table).toMatch(/Cognitive Therapy Rating Scale/)
    // A second estimate finds every answer cached.
    expect(await api.estimateEvaluation({ kind: 'ctrs', datasetIds, config })).toMatchObject({ calls: 0, cached: 36 })
  })

  it('asks again after an unreadable or out-of-range answer, then records a failure with the judge’s raw text', async () => {
    const judge = listJudge((tag, item, zh) => {
      if (tag === 'B' && item === 'strategy') return ['我无法判断。']
      if (tag === 'A' && item === 'collaboration') return ['9, beyond the scale.']
      return sample(tag, item, zh)
    })
    const { app, api, mock, datasetIds, endpointId } = await workspace(judge, [
      sessions([
        { tag: 'A', language: 'en' },
        { tag: 'B', language: 'zh' },
      ]),
    ])
    const done = await run(app, api, { kind: 'ctrs', datasetIds, config: { endpointId, parseRetries: 1 } })
    // 36 units; the 6 failing ones (2 items × 3 samples) asked twice each.
    expect(mock.requests).toHaveLength(36 + 6)
    expect(done.progress).toEqual({ done: 36, total: 36, failures: 6 })
    const [d] = done.result.datasets
    expect(d).toMatchObject({ failures: 6, calls: 42 })
    const failures = await api.listEvaluationFailures({ id: done.id })
    expect(failures).toHaveLength(6)
    expect(failures.filter((f) => f.item === 'strategy').map((f) => f.raw)).toEqual(Array(3).fill('我无法判断。'))
    expect(failures.filter((f) => f.item === 'collaboration').map((f) => f.raw)).toEqual(
      Array(3).fill('9, beyond the scale.'),
    )
    expect(failures.every((f) => f.attempts === 2)).toBe(true)
    // A: no collaboration, general (5+3)/2 = 4; B: no strategy, CBT-specific (4+4)/2 = 4.
    expect(d.items.collaboration).toEqual({ mean: 6, std: null, n: 1 })
    expect(d.groups.general.mean).toBeCloseTo((4 + 13 / 3) / 2, 12)
    expect(d.groups.cbt.mean).toBeCloseTo((5 / 3 + 4) / 2, 12)
    const metrics = evaluationScoreRepo(app.db)
      .ofEvaluation(done.id)
      .map((s) => s.metric)
    expect(metrics).toHaveLength(2 * 8 - 2)
  })

  it('compares two datasets by a t-test per item and per group', async () => {
    // Dataset 1: A and B as above; dataset 2: C (= A's answers shifted up by one, capped at 6) and D (all 1).
    const judge = listJudge((tag, item, zh) => {
      if (tag === 'C') return sample('A', item, zh).map((a) => a.replace(/\d/, (v) => String(Math.min(6, +v + 1))))
      if (tag === 'D') return ['1, Little sign of this skill.']
      return sample(tag, item, zh)
    })
    const { app, api, datasetIds, endpointId } = await workspace(judge, [
      sessions([
        { tag: 'A', language: 'en' },
        { tag: 'B', language: 'zh' },
      ]),
      sessions([
        { tag: 'C', language: 'en' },
        { tag: 'D', language: 'en' },
      ]),
    ])
    const done = await run(app, api, { kind: 'ctrs', datasetIds, config: { endpointId, test: 'student' } })
    const { comparison, datasets } = done.result
    // Per-dialogue values, worked by hand. C: items 6, 4, 4 | 3, 3, 2 (understanding (5+6+6)/3 = 17/3).
    expect(datasets[1].items.understanding.mean).toBeCloseTo((17 / 3 + 1) / 2, 12)
    const general = { a: [11 / 3, 13 / 3], b: [(17 / 3 + 4 + 4) / 3, 1] }
    const expected = tTest(general.a, general.b, 'student')
    expect(comparison!.general.test).toBe('student')
    expect(comparison!.general.t).toBeCloseTo(expected.t, 10)
    expect(comparison!.general.p).toBeCloseTo(expected.p, 10)
    expect(comparison!.general.cohensD).toBeCloseTo(expected.cohensD, 10)
    const strategy = tTest([1, 5], [2, 1], 'student')
    expect(comparison!.strategy.t).toBeCloseTo(strategy.t, 10)
    expect(Object.keys(comparison!).sort()).toEqual([...ITEM_IDS, 'general', 'cbt'].sort())
    // Holm over the six items, and over the two groups: the smallest p times its family's size, then step-down.
    const itemPs = ITEM_IDS.map((id) => comparison![id].p)
    const [smallest] = [...itemPs].sort((x, y) => x - y)
    const first = ITEM_IDS[itemPs.indexOf(smallest)]
    expect(comparison![first].pHolm).toBeCloseTo(Math.min(1, 6 * smallest), 12)
    const groupPs = [comparison!.general.p, comparison!.cbt.p]
    expect(comparison!.general.pHolm).toBeCloseTo(
      groupPs[0] <= groupPs[1] ? Math.min(1, 2 * groupPs[0]) : Math.max(Math.min(1, 2 * groupPs[1]), groupPs[0]),
      12,
    )
    for (const id of ITEM_IDS) expect(comparison![id].pHolm).toBeGreaterThanOrEqual(comparison![id].p)
    const md = (await api.exportEvaluationTable({ id: done.id, format: 'markdown' })).content
    expect(md).toContain("| Measure | Group | Dataset | Mean | SD | t | df | p | p (Holm) | Cohen's d |")
    expect(md).toMatch(/adjusted by Holm over the six items, and separately over the two group means/)
    // The test stands in the first dataset's row; the second's test cells are dashes.
    expect(md).toMatch(
      /\| Understanding \| General skills \| set2\.jsonl \| [0-9.]+ \| [0-9.]+ \| — \| — \| — \| — \| — \|/,
    )
  })
})

describe('CTRS from the CLI survives kill -9', () => {
  it('resumes an interrupted CTRS job to the end without asking the judge again for stored units', async () => {
    const ITEMS = 4 * 6 * 3 // dialogues × items × samples
    const mock = await startMockOpenAI({ reply: () => '5, Sound work with a small gap.', latencyMs: 40 })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-ctrs-kill-'))
    const file = join(dir, 'sessions.jsonl')
    writeFileSync(file, sessionsJsonl())
    expect(
      (await runCli(dir, ['endpoints', 'save', '--name', 'judge', '--base-url', mock.baseURL, '--model', 'm'])).status,
    ).toBe(0)
    const datasetId = (await runCli(dir, ['datasets', 'import', file])).stdout.match(/-> dataset (\S+)/)![1]

    const child = spawnCli(dir, ['evaluate', 'ctrs', '-d', datasetId, '--endpoint', 'judge', '-y'])
    let output = ''
    child.stdout!.on('data', (c) => (output += c))
    child.stderr!.on('data', (c) => (output += c))
    const workspace = dir
    const read = <T>(f: (db: Database.Database) => T, fallback: T): T => readWorkspace(workspace, f, fallback)
    const stored = () => storedUnits(workspace)
    const deadline = Date.now() + 60000
    while (stored() < 15) {
      await new Promise((r) => setTimeout(r, 50))
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`evaluate did not make progress:\n${output}`)
    }
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const before = stored()
    expect(before).toBeLessThan(ITEMS)
    const callsBefore = mock.requests.length

    const resumed = await runCli(dir, ['evaluate', 'resume'])
    expect(resumed.status, resumed.stderr + resumed.stdout).toBe(0)
    expect(resumed.stdout).toMatch(new RegExp(`Resuming "ctrs: .*" at ${before}/${ITEMS}\\.`))
    expect(resumed.stdout).toMatch(/General skills/) // the result table
    expect(stored()).toBe(ITEMS)
    // Only what was not stored was asked again (plus at most the requests in flight at the kill: 8 per endpoint).
    expect(mock.requests.length - callsBefore).toBeLessThanOrEqual(ITEMS - before + 8)
    expect(mock.requests.length).toBeLessThanOrEqual(ITEMS + 8)

    // The list leaves results out; the analysis itself has it.
    const [listed] = JSON.parse((await runCli(dir, ['call', 'listEvaluations'])).stdout) as { id: string }[]
    const evaluation = JSON.parse(
      (await runCli(dir, ['call', 'getEvaluation', JSON.stringify({ id: listed.id })])).stdout,
    ) as { id: string; status: string; progress: { done: number; total: number }; result: CtrsEvaluationResult }
    expect(evaluation).toMatchObject({ status: 'completed', progress: { done: ITEMS, total: ITEMS } })
    expect(evaluation.result.datasets[0].groups.general).toMatchObject({ mean: 5, n: 4 })
    const scores = read((db) => evaluationScoreRepo(db).ofEvaluation(evaluation.id), [])
    expect(scores).toHaveLength(4 * 8)
    expect(scores.every((s) => s.value === 5)).toBe(true)
  }, 120_000)
})

describe('CTRS result view', () => {
  it('draws its figure notes and items table in both UI languages', async () => {
    const stat = (mean: number) => ({ mean, std: 0.5, n: 2 })
    const dataset = (datasetId: string, base: number) => ({
      datasetId,
      items: Object.fromEntries(ITEM_IDS.map((id, i) => [id, stat(base + i / 10)])) as CtrsResult['items'],
      groups: { general: stat(base + 0.1), cbt: stat(base + 0.4) },
      failures: 1,
      calls: 37,
    })
    const cmp = { test: 'welch', a: stat(4), b: stat(3), t: 2.5, df: 2, p: 0.13, cohensD: 1.75 }
    const result: CtrsEvaluationResult = {
      kind: 'ctrs',
      datasets: [dataset('a', 4), dataset('b', 3)],
      comparison: Object.fromEntries([...ITEM_IDS, 'general', 'cbt'].map((k) => [k, cmp])) as never,
    }
    const provenance = { lines: [], data: {}, fileBase: 'ctrs' }
    const datasetName = (id: string) => `set ${id}`
    const results = '../../src/renderer/src/pages/evaluation/results'
    const html = (language: 'en' | 'zh') =>
      renderWithStrings(language, [
        { module: `${results}/CtrsFigure`, component: 'CtrsFigure', props: { ...result, datasetName, provenance } },
        { module: `${results}/CtrsItemsTable`, component: 'CtrsItemsTable', props: { ...result, datasetName } },
      ])
    const en = await html('en')
    expect(en).toContain('Focus on key cognitions')
    expect(en).toContain('CBT-specific skills (mean): set a M = 4.40, SD = 0.50, n = 2; set b M = 3.40')
    expect(en).toContain('Failed ratings / judge calls: set a 1 / 37; set b 1 / 37.')
    expect([...en.matchAll(/data-testid="ctrs-item-row"/g)]).toHaveLength(6)
    expect(en).toContain('4.50 (0.50)') // strategy, dataset a
    const zh = await html('zh')
    expect(zh).toContain('引导式发现')
    expect(zh).toContain('通用技能（均值）')
    expect(zh).toContain('4.50（0.50）')
  })
})
