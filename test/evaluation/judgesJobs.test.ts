import { afterEach, describe, expect, it } from 'vitest'
import { judgeCacheRepo } from '../../src/main/db/judgeCacheRepo'
import type { JudgedDialogue } from '../../src/main/evaluation/judgeClient'
import { topicEntropySummary, topicRound } from '../../src/main/evaluation/topics/taxonomy'
import { topicQuestion } from '../../src/main/evaluation/topics/topicPrompt'
import { waiAggregate, type WaiScore } from '../../src/main/evaluation/wai/items'
import { askItem } from '../../src/main/evaluation/judgeClient'
import { WAI_QUESTION } from '../../src/main/evaluation/wai/waiPrompt'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { tempCallLog, testEndpoint } from '../llm/fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const SETTINGS = { temperature: 0.7, parseRetries: 2, cache: true }

/** A mock whose answer depends on which dialogue and which item (or none) is asked about, in call order. */
async function scriptedJudge(answers: (dialogue: string, item: number | null) => string[]) {
  const seen = new Map<string, number>()
  const reply = (request: ChatRequest) => {
    const user = request.messages[1].content
    const dialogue = /\[(D-[A-Z])\]/.exec(user)![1]
    const item = /(?:Item|条目) (\d+)/.exec(user)
    const key = `${dialogue}/${item?.[1] ?? '-'}`
    const n = seen.get(key) ?? 0
    seen.set(key, n + 1)
    const list = answers(dialogue, item ? Number(item[1]) : null)
    return list[Math.min(n, list.length - 1)]
  }
  const mock = await startMockOpenAI({ reply })
  const log = tempCallLog()
  cleanups.push(mock.close, log.cleanup)
  const gateway = createLlmGateway({ calls: log.repo, sleep: async () => {} })
  return { mock, gateway, endpoint: testEndpoint(mock.baseURL), cache: judgeCacheRepo(log.db) }
}

const dialogue = (id: string, language: 'zh' | 'en', lines: string[]): JudgedDialogue => ({
  id,
  language,
  messages: lines.map((content, i) => ({ speaker: i % 2 === 0 ? 'counselor' : 'client', content })),
})

// The client's first words carry a tag so the mock knows which dialogue it is judging.
const A = dialogue('d-a', 'en', [
  'Hello, what brings you here today?',
  '[D-A] My partner left me last month.',
  'That sounds painful.',
  'It is.',
])
const B = dialogue('d-b', 'zh', [
  '你好，今天想聊些什么？',
  '[D-B] 最近工作压力很大。',
  '能多说一些吗？',
  '每天都加班。',
])

describe('WAI judge over a two-dialogue dataset', () => {
  // Raw scores as the judge gives them, per item 1..12, rounds 1..3.
  const RAW: Record<string, number[][]> = {
    'D-A': [
      [5, 6, 7],
      [6, 6, 6],
      [7, 7, 4],
      [2, 2, 2],
      [5, 5, 5],
      [6, 5, 4],
      [4, 4, 4],
      [7, 7, 7],
      [5, 6, 4],
      [1, 2, 3],
      [6, 6, 6],
      [5, 5, 5],
    ],
    'D-B': [
      [3, 3, 3],
      [4, 4, 4],
      [2, 3, 4],
      [6, 6, 6],
      [3, 3, 3],
      [4, 4, 4],
      [2, 2, 2],
      [3, 4, 5],
      [3, 3, 3],
      [5, 5, 5],
      [2, 2, 2],
      [4, 4, 4],
    ],
  }
  const answers = (d: string, item: number | null) => {
    const [r1, r2, r3] = RAW[d][item! - 1]
    if (d === 'D-A')
      return [
        `They agree on most steps.\nFinal score: ${r1}`,
        `Score: **${r2}**`,
        `I would rate this a ${r3} out of 7.`,
      ]
    // B, item 7: garbage first in round 2, valid on the retry.
    if (item === 7) return [`最终评分：${r1}`, '我无法判断。', `最终评分：${r2}`, `评分：${r3}分`]
    return [`双方目标一致。\n最终评分：${r1}`, `最终评分：${r2}`, `评分：${r3}分`]
  }

  it('produces the item means and factor scores by hand, with items 4 and 10 reversed', async () => {
    const { gateway, endpoint, cache, mock } = await scriptedJudge(answers)
    const scores: WaiScore[] = []
    for (const d of [A, B]) {
      for (let item = 1; item <= 12; item++) {
        for (let round = 1; round <= 3; round++) {
          const outcome = await askItem(
            { gateway, endpoint, config: SETTINGS, cache },
            WAI_QUESTION,
            d,
            String(item),
            round,
          )
          scores.push({ dialogueId: d.id, round, item, value: outcome.ok ? outcome.value : null })
        }
      }
    }
    expect(mock.stats.calls).toBe(2 * 12 * 3 + 1)
    const result = waiAggregate(scores)
    expect(result.failures).toBe(0)

    // Per-dialogue item means (reversed: 8 − x for items 4, 10).
    // A: 6, 6, 6, 8−2=6, 5, 5, 4, 7, 5, 8−2=6, 6, 5     B: 3, 4, 3, 8−6=2, 3, 4, 2, 4, 3, 8−5=3, 2, 4
    expect(result.items).toEqual({
      1: 4.5,
      2: 5,
      3: 4.5,
      4: 4,
      5: 4,
      6: 4.5,
      7: 3,
      8: 5.5,
      9: 4,
      10: 4.5,
      11: 4,
      12: 4.5,
    })
    // Goal (4, 6, 10, 11): A (6+5+6+6)/4 = 5.75, B (2+4+3+2)/4 = 2.75
    // Task (1, 2, 8, 12): A (6+6+7+5)/4 = 6,   B (3+4+4+4)/4 = 3.75
    // Bond (3, 5, 7, 9):  A (6+5+4+5)/4 = 5,   B (3+3+2+3)/4 = 2.75
    expect(result.factors.goal.perDialogue).toEqual([5.75, 2.75])
    expect(result.factors.task.perDialogue).toEqual([6, 3.75])
    expect(result.factors.bond.perDialogue).toEqual([5, 2.75])
    expect(result.factors.goal.mean).toBeCloseTo(4.25, 12)
    expect(result.factors.task.mean).toBeCloseTo(4.875, 12)
    expect(result.factors.bond.mean).toBeCloseTo(3.875, 12)
    // Sample SD of two values: |a − b| / √2.
    expect(result.factors.goal.std).toBeCloseTo(3 / Math.SQRT2, 12)
    expect(result.factors.task.std).toBeCloseTo(2.25 / Math.SQRT2, 12)
    expect(result.factors.bond.std).toBeCloseTo(2.25 / Math.SQRT2, 12)
    expect(result.dialogues.map((d) => d.dialogueId)).toEqual(['d-a', 'd-b'])

    // A second job with the same settings is answered from the cache, round by round.
    const again = await askItem({ gateway, endpoint, config: SETTINGS, cache }, WAI_QUESTION, A, '1', 2)
    expect(again).toMatchObject({ ok: true, value: 6, cached: true })
    expect(mock.stats.calls).toBe(2 * 12 * 3 + 1)
  })

  it('averages the rounds that succeeded and counts the failed ones', () => {
    const s = (dialogueId: string, item: number, round: number, value: number | null): WaiScore => ({
      dialogueId,
      item,
      round,
      value,
    })
    const result = waiAggregate([
      s('x', 1, 1, 4),
      s('x', 1, 2, null),
      s('x', 1, 3, 6),
      s('x', 4, 1, 7),
      s('x', 4, 2, 5),
      s('x', 4, 3, null),
      s('x', 3, 1, null),
      s('x', 3, 2, null),
      s('x', 3, 3, null),
      s('y', 2, 1, 2),
    ])
    expect(result.failures).toBe(5)
    // Item 1 of x: (4+6)/2 = 5. Item 4 of x: raw (7+5)/2 = 6, reversed 2.
    expect(result.items).toEqual({ 1: 5, 2: 2, 4: 2 })
    // x: goal has only item 4; task only item 1; bond nothing. y: task only item 2.
    expect(result.dialogues).toEqual([
      { dialogueId: 'x', items: { 1: 5, 4: 2 }, factors: { goal: 2, task: 5, bond: null } },
      { dialogueId: 'y', items: { 2: 2 }, factors: { goal: null, task: 2, bond: null } },
    ])
    expect(result.factors.task).toMatchObject({ mean: 3.5, perDialogue: [5, 2] })
    expect(result.factors.goal).toEqual({ mean: 2, std: NaN, perDialogue: [2] })
    expect(result.factors.bond).toEqual({ mean: NaN, std: NaN, perDialogue: [] })
    expect(() => waiAggregate([s('x', 13, 1, 4)])).toThrow(/13/)
    // As rated (how MAGneT reports WAI): item 4 keeps the judge's 6, so x's goal is 6.
    const asRated = waiAggregate([s('x', 1, 1, 4), s('x', 4, 1, 7), s('x', 4, 2, 5)], 'as-rated')
    expect(asRated.items).toEqual({ 1: 4, 4: 6 })
    expect(asRated.dialogues[0].factors).toEqual({ goal: 6, task: 4, bond: null })
  })
})

describe('topic classification over three rounds', () => {
  it('counts one label per dialogue and round, failures apart, with the entropy of each round', async () => {
    const C = dialogue('d-c', 'en', ['Hi.', '[D-C] I keep thinking about my ex.'])
    const ANSWERS: Record<string, string[]> = {
      'D-A': ['It is about the breakup.\nTopic: relationships.breakup'],
      // Round 2 answers by label; round 3 never gives a usable answer (3 tries).
      'D-B': ['主题：work.stress', '主题：分手与失恋', '不好说。', '主题：星座', '主题：'],
      'D-C': ['Topic: work.stress', 'Topic: Breakup', 'Topic: [relationships.breakup]'],
    }
    const { gateway, endpoint, mock } = await scriptedJudge((d) => ANSWERS[d])
    const labels: (string | null)[][] = [[], [], []]
    for (const d of [A, B, C]) {
      for (let round = 1; round <= 3; round++) {
        const outcome = await askItem(
          { gateway, endpoint, config: { ...SETTINGS, cache: false }, cache: null },
          topicQuestion(),
          d,
          '',
          round,
        )
        labels[round - 1].push(outcome.ok ? outcome.value : null)
        if (d === B && round === 3)
          expect(outcome).toMatchObject({ ok: false, kind: 'parse', raw: '主题：', attempts: 3 })
      }
    }
    expect(mock.stats.calls).toBe(3 * 3 + 2)
    const rounds = labels.map((l, i) => topicRound(i + 1, l))
    expect(rounds[0]).toEqual({
      round: 1,
      counts: { 'relationships.breakup': 1, 'work.stress': 2 },
      failures: 0,
      entropyBits: expect.any(Number),
    })
    expect(rounds[1]).toEqual({ round: 2, counts: { 'relationships.breakup': 3 }, failures: 0, entropyBits: 0 })
    expect(rounds[2]).toEqual({ round: 3, counts: { 'relationships.breakup': 2 }, failures: 1, entropyBits: 0 })
    // Round 1: p = 1/3, 2/3 → log2(3) − 2/3 bits.
    const h1 = Math.log2(3) - 2 / 3
    expect(rounds[0].entropyBits).toBeCloseTo(h1, 12)
    const summary = topicEntropySummary(rounds)
    expect(summary.mean).toBeCloseTo(h1 / 3, 12)
    // Sample SD of (h1, 0, 0): h1 · √(1/3).
    expect(summary.std).toBeCloseTo(h1 * Math.sqrt(1 / 3), 12)
  })

  it('has the entropy of an even split in bits', () => {
    expect(topicRound(1, ['a', 'b', 'c', 'd']).entropyBits).toBeCloseTo(2, 12)
    expect(topicRound(1, [null, null])).toEqual({ round: 1, counts: {}, entropyBits: NaN, failures: 2 })
    // A round where every dialogue failed has no distribution and does not enter the summary.
    const summary = topicEntropySummary([topicRound(1, ['a', 'b']), topicRound(2, [null]), topicRound(3, ['a', 'a'])])
    expect(summary.mean).toBeCloseTo(0.5, 12)
    expect(summary.std).toBeCloseTo(Math.SQRT1_2, 12)
  })
})
