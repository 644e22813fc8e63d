import { afterEach, describe, expect, it } from 'vitest'
import type { ConsistencyEvaluationResult } from '@shared/evaluation'
import type { RoleCardData } from '@shared/roleCard'
import { RoleCardInputSchema } from '@shared/roleCard'
import { evaluationScoreRepo } from '../../src/main/db/evaluationScoreRepo'
import { consistencyAggregate } from '../../src/main/evaluation/consistency/consistencyJob'
import {
  buildConsistencyMessages,
  numberedTranscript,
  numberedTranscriptChars,
  parseConsistency,
} from '../../src/main/evaluation/consistency/consistencyPrompt'
import { tTest } from '../../src/main/evaluation/statistics'
import type { ChatRequest } from '../support/mockOpenAI'
import { renderWithStrings } from '../support/renderStrings'
import { finished, judgedWorkspace } from '../support/judgedWorkspace'
import type { tempWorkspace } from '../support/workspace'

describe('reading the consistency judge’s answer', () => {
  it('reads the two lines in English and Chinese, after reasoning, markdown and thinking blocks', () => {
    expect(parseConsistency('The client is steady.\ncontradictions: 3, 1\nfast recovery: no', 4)).toEqual({
      ok: true,
      value: { turns: [1, 3], fast: false, clientTurns: 4 },
    })
    expect(parseConsistency('<think>turn 2?</think>\n**Contradictions:** none\n**Fast recovery:** Yes', 4)).toEqual({
      ok: true,
      value: { turns: [], fast: true, clientTurns: 4 },
    })
    expect(parseConsistency('理由……\n矛盾：２、４、２\n恢复过快：否', 4)).toEqual({
      ok: true,
      value: { turns: [2, 4], fast: false, clientTurns: 4 },
    })
    expect(parseConsistency('矛盾：无\n恢复过快：是', 2)).toMatchObject({ value: { turns: [], fast: true } })
    // The last pair decides when the judge restates its answer.
    expect(
      parseConsistency(
        'contradictions: 1\nfast recovery: yes\nOn reflection:\ncontradictions: none\nfast recovery: no',
        2,
      ),
    ).toMatchObject({ value: { turns: [], fast: false } })
  })

  it('fails an answer without the lines, a turn that is not a client turn, or neither yes nor no', () => {
    expect(parseConsistency('', 3)).toMatchObject({ ok: false, code: 'empty' })
    expect(parseConsistency('The client seems consistent.', 3)).toMatchObject({ ok: false, code: 'no_answer' })
    expect(parseConsistency('contradictions: 2, 5\nfast recovery: no', 3)).toMatchObject({
      ok: false,
      code: 'out_of_range',
      reason: expect.stringMatching(/turn 5/),
    })
    expect(parseConsistency('contradictions: several\nfast recovery: no', 3)).toMatchObject({ ok: false })
    expect(parseConsistency('contradictions: 1', 3)).toMatchObject({ ok: false, reason: /fast recovery/ })
    expect(parseConsistency('contradictions: 1\nfast recovery: maybe', 3)).toMatchObject({ ok: false })
  })
})

const card = (extra: Partial<RoleCardData> = {}): RoleCardData =>
  RoleCardInputSchema.parse({
    language: 'en',
    name: 'Sam',
    occupation: 'night-shift nurse',
    complaint: { title: 'sleep', body: 'Sam has slept badly for two years.' },
    ...extra,
  }) as RoleCardData

describe('asking the consistency judge', () => {
  const messages = [
    { speaker: 'counselor' as const, content: 'What brings you here?' },
    { speaker: 'client' as const, content: ' I work nights as a nurse. ' },
    { speaker: 'counselor' as const, content: 'How long has it been?' },
    { speaker: 'client' as const, content: 'I have never had trouble sleeping.' },
  ]

  it('gives the card and the session with numbered client turns, and asks for the two lines', () => {
    const [system, user] = buildConsistencyMessages({ language: 'en', messages, roleCard: card() })
    expect(system.content).toMatch(/profile/)
    expect(user.content).toContain('Occupation: night-shift nurse')
    expect(user.content).toContain('Sam has slept badly for two years.')
    expect(user.content).toContain(
      'Counselor: What brings you here?\n\nClient (turn 1): I work nights as a nurse.\n\n' +
        'Counselor: How long has it been?\n\nClient (turn 2): I have never had trouble sleeping.',
    )
    expect(user.content).toMatch(/contradictions: <numbers or none>\nfast recovery: <yes or no>$/)
    const [, zh] = buildConsistencyMessages({ language: 'zh', messages, roleCard: card({ language: 'zh' }) })
    expect(zh.content).toContain('来访者（第2轮）：I have never had trouble sleeping.')
    expect(zh.content).toContain('职业：night-shift nurse')
    expect(zh.content).toMatch(/矛盾：<编号或无>\n恢复过快：<是或否>$/)
  })

  it('sizes the numbered transcript without reading it', () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      speaker: i % 2 ? ('client' as const) : ('counselor' as const),
      content: ` turn ${i} `,
    }))
    for (const language of ['en', 'zh'] as const) {
      const size = (speaker: 'client' | 'counselor') => {
        const mine = many.filter((m) => m.speaker === speaker)
        return { count: mine.length, chars: mine.reduce((n, m) => n + m.content.trim().length, 0) }
      }
      expect(numberedTranscriptChars({ client: size('client'), counselor: size('counselor') }, language)).toBe(
        numberedTranscript(many, language).length,
      )
    }
  })
})

describe('consistency aggregation, worked by hand', () => {
  it('averages rounds per dialogue and dialogues per dataset, counting failed rounds', () => {
    const a = (turns: number[], fast: boolean, clientTurns: number) => ({ turns, fast, clientTurns })
    const result = consistencyAggregate([
      { dialogueId: 'x', answer: a([2, 4], false, 4) },
      { dialogueId: 'x', answer: a([2], true, 4) },
      { dialogueId: 'y', answer: a([], false, 2) },
      { dialogueId: 'y', answer: null },
      { dialogueId: 'z', answer: null },
    ])
    expect(result.dialogues).toEqual([
      { dialogueId: 'x', contradictions: 1.5, rate: 0.375, any: 1, fast: 0.5 },
      { dialogueId: 'y', contradictions: 0, rate: 0, any: 0, fast: 0 },
    ])
    expect(result).toMatchObject({ n: 2, failures: 2, anyContradiction: 0.5, fastRecovery: 0.25 })
    // 0.375 and 0: mean 0.1875, sample SD 0.375 / √2.
    expect(result.contradictionRate.mean).toBe(0.1875)
    expect(result.contradictionRate.std).toBeCloseTo(0.375 / Math.SQRT2, 12)
  })
})

const closers: (() => Promise<void>)[] = []
let ws: ReturnType<typeof tempWorkspace> | undefined
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
  for (const close of closers.splice(0)) await close()
})

/** A dialogue: its tag (in the first client turn), its number of client turns, whether it has a card. */
interface Line {
  tag: string
  clientTurns: number
  card?: boolean
}

function jsonl(lines: Line[]) {
  const records = lines.map(({ tag, clientTurns, card = true }) => ({
    language: 'en',
    status: 'completed',
    systemPrompt: null,
    roleCard: card
      ? {
          id: `card-${tag}`,
          language: 'en',
          name: 'Sam',
          occupation: 'clerk',
          complaint: { title: 'worries', body: `[card ${tag}] I worry all the time.` },
        }
      : null,
    messages: Array.from({ length: clientTurns }, (_, i) => [
      { speaker: 'counselor', content: `Question ${i + 1}?` },
      { speaker: 'client', content: i === 0 ? `[${tag}] I worry.` : `Answer ${i + 1}.` },
    ]).flat(),
    meta: {},
  }))
  return [JSON.stringify({ format: 'simpsy-dialogues', version: 1 }), ...records.map((r) => JSON.stringify(r))].join(
    '\n',
  )
}

/** A judge scripted per dialogue tag: its answers in call order (the rounds send identical requests). */
function scripted(answers: Record<string, string[]>) {
  const seen = new Map<string, number>()
  return (request: ChatRequest) => {
    const tag = /\[(D\d)\] I worry/.exec(request.messages[1].content)![1]
    const n = seen.get(tag) ?? 0
    seen.set(tag, n + 1)
    return answers[tag][Math.min(n, answers[tag].length - 1)]
  }
}

async function setup(judge: (request: ChatRequest) => string, ...datasets: Line[][]) {
  const made = await judgedWorkspace(
    { reply: judge },
    datasets.map((lines, i) => ({ fileName: `consistency-${i + 1}.jsonl`, content: jsonl(lines) })),
  )
  ws = made.ws
  closers.push(made.mock.close)
  return made
}

const GARBAGE = 'The client seems mostly consistent.'

describe('a client-consistency job through the app', () => {
  it('asks once per dialogue and round, retries unreadable answers, skips cardless dialogues, stores scores', async () => {
    const lines: Line[] = [
      { tag: 'D1', clientTurns: 4 },
      { tag: 'D2', clientTurns: 2 },
      { tag: 'D3', clientTurns: 2 },
      { tag: 'D4', clientTurns: 3, card: false },
      { tag: 'D5', clientTurns: 3 },
    ]
    const judge = scripted({
      D1: ['contradictions: 2, 4\nfast recovery: no', 'Turn 2 clashes.\ncontradictions: 2\nfast recovery: yes'],
      D2: ['Nothing clashes.\ncontradictions: none\nfast recovery: no'],
      // Out of range (the client has 2 turns), then garbage: every answer unreadable.
      D3: ['contradictions: 5\nfast recovery: no', GARBAGE],
      // One unreadable answer, asked again; then readable.
      D5: [GARBAGE, 'contradictions: 1, 3, 3\nfast recovery: yes'],
    })
    const { app, api, mock, endpointId, datasetIds } = await setup(judge, lines)
    const config = { endpointId, rounds: 2, parseRetries: 1 }
    // Four dialogues with a card × 2 rounds; D4 has none.
    const estimate = await api.estimateEvaluation({ kind: 'consistency', datasetIds, config })
    expect(estimate).toMatchObject({ calls: 8, cached: 0 })

    const done = await finished(app, api, await api.startEvaluation({ kind: 'consistency', datasetIds, config }))
    expect(done.status, done.error ?? '').toBe('completed')
    // D1 2, D2 2, D3 2 rounds × 2 attempts, D5 2 + 1 retry.
    expect(mock.stats.calls).toBe(11)
    const d1 = mock.requests.find((r) => r.messages[1].content.includes('[D1] I worry'))!.messages[1].content
    expect(d1).toContain('[card D1] I worry all the time.')
    expect(d1).toContain('Counselor: Question 1?\n\nClient (turn 1): [D1] I worry.')
    expect(d1).toContain('Client (turn 4): Answer 4.')
    expect(d1).not.toContain('turn 5')

    const result = done.result as ConsistencyEvaluationResult
    expect(result.comparison).toBeNull()
    const d = result.datasets[0]
    expect(d).toMatchObject({ n: 3, skipped: 1, failures: 2, calls: 11 })
    // Rates per dialogue: D1 (2/4 + 1/4) / 2 = 3/8, D2 0, D5 2/3 (turn 3 named twice counts once).
    // Mean 25/72; deviations 2/72, −25/72, 23/72: sample variance (4 + 625 + 529) / 72² / 2, SD √579 / 72.
    expect(d.contradictionRate.mean).toBeCloseTo(25 / 72, 12)
    expect(d.contradictionRate.std).toBeCloseTo(Math.sqrt(579) / 72, 12)
    expect(d.anyContradiction).toBeCloseTo(2 / 3, 12)
    expect(d.fastRecovery).toBeCloseTo(1.5 / 3, 12)

    const failures = await api.listEvaluationFailures({ id: done.id })
    expect(failures).toHaveLength(2)
    for (const f of failures) expect(f).toMatchObject({ raw: GARBAGE, attempts: 2 })

    const { items } = await api.listDialogues({ datasetId: datasetIds[0] })
    const ids = Object.fromEntries(items.map((x) => [lines[x.position].tag, x.id]))
    const scores = evaluationScoreRepo(app.db).ofEvaluation(done.id)
    const score = (tag: string, metric: string) =>
      scores.find((s) => s.dialogueId === ids[tag] && s.metric === metric)?.value
    expect(score('D1', 'contradictions')).toBe(1.5)
    expect(score('D1', 'contradiction rate')).toBe(0.375)
    expect(score('D1', 'fast recovery')).toBe(0.5)
    expect(score('D2', 'contradictions')).toBe(0)
    expect(score('D2', 'fast recovery')).toBe(0)
    expect(score('D5', 'contradictions')).toBe(2)
    expect(score('D5', 'contradiction rate')).toBeCloseTo(2 / 3, 12)
    expect(score('D5', 'fast recovery')).toBe(1)
    expect(scores.filter((s) => s.dialogueId === ids.D3 || s.dialogueId === ids.D4)).toEqual([])
    expect(scores).toHaveLength(3 * 3)

    const table = (await api.exportEvaluationTable({ id: done.id, format: 'markdown' })).content.split('\n')
    expect(table[0]).toBe('**Client consistency with the role card**')
    expect(table[2]).toBe('| Dataset | Contradiction rate | SD | Any contradiction | Fast recovery | n | Failures |')
    expect(table[4]).toBe('| consistency-1.jsonl | 0.347 | 0.334 | 0.667 | 0.500 | 3 | 2 |')
  })

  it('compares two datasets’ contradiction rates by t-test', async () => {
    const a: Line[] = [
      { tag: 'D1', clientTurns: 2 },
      { tag: 'D2', clientTurns: 4 },
      { tag: 'D3', clientTurns: 2 },
    ]
    const b: Line[] = [
      { tag: 'D6', clientTurns: 2 },
      { tag: 'D7', clientTurns: 4 },
    ]
    const judge = scripted({
      D1: ['contradictions: 1\nfast recovery: no'],
      D2: ['contradictions: none\nfast recovery: no'],
      D3: ['contradictions: 1, 2\nfast recovery: yes'],
      D6: ['contradictions: none\nfast recovery: no'],
      D7: ['contradictions: 4\nfast recovery: no'],
    })
    const { app, api, endpointId, datasetIds } = await setup(judge, a, b)
    const config = { endpointId, rounds: 1 }
    const done = await finished(app, api, await api.startEvaluation({ kind: 'consistency', datasetIds, config }))
    expect(done.status, done.error ?? '').toBe('completed')
    const result = done.result as ConsistencyEvaluationResult
    expect(result.datasets.map((x) => x.n)).toEqual([3, 2])
    expect(result.comparison).toEqual(tTest([0.5, 0, 1], [0, 0.25], 'welch'))
  })
})

describe('the consistency result table on the page', () => {
  it('is worded in both UI languages, without a raw string key', async () => {
    const dataset = (datasetId: string) => ({
      datasetId,
      contradictionRate: { mean: 0.25, std: 0.1, perDialogue: [0.2, 0.3] },
      anyContradiction: 0.5,
      fastRecovery: 0.25,
      n: 2,
      skipped: 0,
      failures: 1,
      calls: 7,
    })
    const html = (language: 'en' | 'zh') =>
      renderWithStrings(language, [
        {
          module: '../../src/renderer/src/pages/evaluation/results/ConsistencyTable',
          component: 'ConsistencyTable',
          props: { datasets: [dataset('a'), dataset('b')], comparison: null, datasetName: (id: string) => `set ${id}` },
        },
      ])
    const en = await html('en')
    expect([...en.matchAll(/data-testid="consistency-row"/g)]).toHaveLength(2)
    expect(en).toContain('>Dataset<')
    expect(en).not.toMatch(/>results\.[a-zA-Z.]+</)
    const zh = await html('zh')
    expect(zh).toContain('数据集')
    expect(zh).not.toMatch(/>results\.[a-zA-Z.]+</)
  })
})
