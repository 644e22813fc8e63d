import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '@shared/api'
import { PANAS_FEELING_IDS, PANAS_FEELINGS, type PanasEvaluationResult, type PanasFeeling } from '@shared/evaluation'
import { RoleCardInputSchema, type RoleCardData } from '@shared/roleCard'
import { evaluationScoreRepo } from '../../src/main/db/evaluationScoreRepo'
import { PANAS_FEELING_TEXTS } from '../../src/main/evaluation/panas/feelings'
import { parsePanas, type PanasRatings } from '../../src/main/evaluation/panas/panasParse'
import {
  buildPanasMessages,
  PANAS_PROMPT_VERSION,
  panasCardText,
  panasUnits,
} from '../../src/main/evaluation/panas/panasPrompt'
import { attitudeOf, panasAggregate, type PanasUnitScore } from '../../src/main/evaluation/panas/panasScore'
import { tTest } from '../../src/main/evaluation/statistics'
import type { ChatRequest, MockOptions } from '../support/mockOpenAI'
import { finished, judgedWorkspace } from '../support/judgedWorkspace'
import type { tempWorkspace } from '../support/workspace'

/** Twenty lines: every positive feeling rated p, every negative one n (any rating overridden by `other`). */
const ratings = (p: number, n: number, other: Partial<Record<PanasFeeling, number>> = {}): PanasRatings =>
  Object.fromEntries(
    PANAS_FEELING_IDS.map((f) => [f, other[f] ?? ((PANAS_FEELINGS.positive as readonly string[]).includes(f) ? p : n)]),
  ) as PanasRatings
const answer = (r: PanasRatings, lang: 'en' | 'zh' = 'en') =>
  PANAS_FEELING_TEXTS.map((f) => `${f.label[lang]}${lang === 'zh' ? '：' : ': '}${r[f.id]}`).join('\n')

describe('reading the judge’s 20 ratings', () => {
  it('reads a clean answer, and one wrapped in reasoning, markdown, numbering and glosses', () => {
    const r = ratings(4, 2, { interested: 5, afraid: 1 })
    expect(parsePanas(answer(r))).toEqual({ ok: true, value: r })
    const dressed = [
      '<think>The client seems relieved. interested: 1</think>',
      'Here are my ratings:',
      ...PANAS_FEELING_TEXTS.map((f, i) =>
        i % 3 === 0
          ? `${i + 1}. **${f.label.en[0].toUpperCase()}${f.label.en.slice(1)}**: ${r[f.id]}`
          : i % 3 === 1
            ? `- ${f.label.en} (${f.gloss.en}) — ${r[f.id]} (${r[f.id] > 3 ? 'quite a bit' : 'a little'})`
            : `"${f.label.en}": ${r[f.id]},`,
      ),
      'Overall the session helped.',
    ].join('\n')
    expect(parsePanas(dressed)).toEqual({ ok: true, value: r })
  })

  it('reads Chinese answers: Chinese labels, full-width colons and digits, 分, a lone Chinese numeral', () => {
    const r = ratings(2, 4, { guilty: 3 })
    expect(parsePanas(answer(r, 'zh'))).toEqual({ ok: true, value: r })
    const zh = PANAS_FEELING_TEXTS.map((f, i) =>
      i === 0 ? `${f.label.zh}：二` : i === 1 ? `${f.label.zh}：２分` : `${f.label.zh}: ${r[f.id]}`,
    ).join('\n')
    expect(parsePanas(zh)).toEqual({ ok: true, value: { ...r, interested: 2, excited: 2 } })
    // English ids in a Chinese answer are read too.
    expect(parsePanas(answer(r, 'en').replace('guilty: 3', '内疚：3'))).toEqual({ ok: true, value: r })
  })

  it('fails a partial answer, naming the feelings it misses', () => {
    const lines = answer(ratings(3, 3)).split('\n')
    const partial = lines.filter((l) => !/^(guilty|afraid):/.test(l)).join('\n')
    expect(parsePanas(partial)).toMatchObject({
      ok: false,
      code: 'no_answer',
      reason: expect.stringMatching(/guilty, afraid$/),
    })
    expect(parsePanas('The client feels better overall.')).toMatchObject({ ok: false, code: 'no_answer' })
    expect(parsePanas('  ')).toMatchObject({ ok: false, code: 'empty' })
    // The answer format echoed with placeholders, a range, or "一般" (ordinary, not 1) are not ratings.
    expect(parsePanas(answer(ratings(3, 3)).replace('interested: 3', 'interested: <1–5>'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('interested'),
    })
    expect(parsePanas(answer(ratings(3, 3)).replace('excited: 3', 'excited: 1-5'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('excited'),
    })
    expect(parsePanas(answer(ratings(3, 3), 'zh').replace('兴奋：3', '兴奋：一般'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('excited'),
    })
  })

  it('fails ratings off the 1–5 scale, fractions, and a feeling rated twice differently', () => {
    expect(parsePanas(answer(ratings(3, 3, { proud: 6 })))).toMatchObject({
      ok: false,
      code: 'out_of_range',
      reason: 'out_of_range: proud: 6 is outside 1–5',
    })
    expect(parsePanas(answer(ratings(3, 3, { hostile: 0 })))).toMatchObject({ ok: false, code: 'out_of_range' })
    expect(parsePanas(answer(ratings(3, 3)).replace('alert: 3', 'alert: 3.5'))).toMatchObject({
      ok: false,
      code: 'not_integer',
    })
    expect(parsePanas(`${answer(ratings(3, 3))}\nupset: 4`)).toMatchObject({ ok: false, code: 'ambiguous' })
    // The same rating repeated is fine.
    expect(parsePanas(`${answer(ratings(3, 3))}\nupset: 3`)).toMatchObject({ ok: true })
  })
})

const card = (over: Partial<RoleCardData> = {}): RoleCardData =>
  RoleCardInputSchema.parse({
    language: 'en',
    name: 'Lee',
    age: 30,
    occupation: 'teacher',
    complaint: { title: 'exams', body: 'I freeze before every exam.' },
    ...over,
  })

describe('asking the judge', () => {
  it('asks "before" from the card alone and "after" from the card and the session, in the dialogue’s language', () => {
    const messages = [
      { speaker: 'counselor' as const, content: 'What brings you here?' },
      { speaker: 'client' as const, content: 'Exams.' },
    ]
    const positive = card({ attitude: { label: 'positive', instruction: 'You are open.' }, tags: ['x'] })
    const negative = card({ attitude: { label: 'negative', instruction: 'You are guarded.' } })
    const before = buildPanasMessages({ language: 'en', messages, roleCard: positive }, 'before')
    const after = buildPanasMessages({ language: 'en', messages, roleCard: positive }, 'after')
    expect(PANAS_PROMPT_VERSION).toMatch(/\S/)
    expect(before[1].content).toContain('Occupation: teacher')
    expect(before[1].content).toContain('Main concern: exams')
    // A title that only repeats the start of the description is said once.
    expect(
      panasCardText(card({ complaint: { title: 'I freeze.', body: 'I freeze. Every time.' } }), 'en'),
    ).not.toContain('Main concern')
    expect(before[1].content).toContain('I freeze before every exam.')
    expect(before[1].content).not.toContain('What brings you here?')
    expect(after[1].content).toContain('Client: Exams.')
    for (const f of PANAS_FEELING_TEXTS) expect(before[1].content).toContain(`- ${f.label.en} (`)
    // The attitude (and bookkeeping) is not part of the card text: one intake form, one "before" request.
    expect(before).toEqual(buildPanasMessages({ language: 'en', messages: [], roleCard: negative }, 'before'))
    expect(panasCardText(positive, 'en')).not.toMatch(/open|positive|x$/)
    const zh = buildPanasMessages({ language: 'zh', messages, roleCard: positive }, 'after')
    expect(zh[1].content).toContain('职业：teacher')
    expect(zh[1].content).toContain('来访者：Exams.')
    expect(zh[1].content).toContain('- 感兴趣 (')

    // Estimate: both phases × rounds per dialogue with a card; an identical "before" once; no card, no calls.
    const dialogues = [
      { language: 'en' as const, messages, roleCard: positive },
      { language: 'en' as const, messages, roleCard: negative },
      { language: 'en' as const, messages, roleCard: null },
      { language: 'en' as const, messages, roleCard: card({ name: 'Kim' }) },
    ]
    const units = [...panasUnits(dialogues, 3)]
    expect(units).toHaveLength(3 * 2 + 3 + 3 * 2)
  })

  it('groups cards by their attitude label, unknown without one of the three', () => {
    expect(attitudeOf(card({ attitude: { label: 'Positive ', instruction: '' } }))).toBe('positive')
    expect(attitudeOf(card({ attitude: { label: 'neutral', instruction: '' } }))).toBe('neutral')
    expect(attitudeOf(card({ attitude: { label: 'hopeful', instruction: '' } }))).toBe('unknown')
    expect(attitudeOf(card())).toBe('unknown')
  })
})

describe('PANAS aggregation, worked by hand', () => {
  it('averages samples per dialogue, takes after − before per polarity, and groups by attitude', () => {
    const u = (
      dialogueId: string,
      phase: 'before' | 'after',
      round: number,
      r: PanasRatings | null,
    ): PanasUnitScore => ({
      dialogueId,
      phase,
      round,
      ratings: r,
    })
    const attitudes = new Map([
      ['x', 'positive' as const],
      ['y', 'positive' as const],
      ['z', 'negative' as const],
    ])
    const result = panasAggregate(
      [
        // x: two samples of each phase. Before: sample 1 positive (9·2 + 1) / 10 = 1.9, sample 2 3; negative 4.
        u('x', 'before', 1, ratings(2, 4, { interested: 1 })),
        u('x', 'before', 2, ratings(3, 4)),
        u('x', 'after', 1, ratings(4, 2)),
        u('x', 'after', 2, null),
        // y: before 1 / 5, after 3 / 3.
        u('y', 'before', 1, ratings(1, 5)),
        u('y', 'after', 1, ratings(3, 3)),
        // z: before 2 / 2, after 2 / 4 with afraid 5 → negative after (9·4 + 5) / 10 = 4.1.
        u('z', 'before', 1, ratings(2, 2)),
        u('z', 'after', 1, ratings(2, 4, { afraid: 5 })),
        // w (no attitude given): every after failed, so it has no change.
        u('w', 'before', 1, ratings(3, 3)),
        u('w', 'after', 1, null),
      ],
      attitudes,
    )
    expect(result.failures).toBe(2)
    const x = result.dialogues.find((d) => d.dialogueId === 'x')!
    // x positive before: (1.9 + 3) / 2 = 2.45; after 4 (one readable sample); change 1.55. Negative: 4 → 2, −2.
    expect(x.before.positive).toBeCloseTo(2.45, 12)
    expect(x.after.positive).toBe(4)
    expect(x.change.positive).toBeCloseTo(1.55, 12)
    expect(x.change.negative).toBe(-2)
    expect(x.feelings.before.interested).toBe(2)
    const w = result.dialogues.find((d) => d.dialogueId === 'w')!
    expect(w).toMatchObject({ attitude: 'unknown', before: { positive: 3 }, after: { positive: null } })
    expect(w.change).toEqual({ positive: null, negative: null })

    // Changes per dialogue (x, y, z): positive 1.55, 2, 0; negative −2, −2, 2.1.
    expect(result.polarities.positive.perDialogue).toEqual([expect.closeTo(1.55, 12), 2, 0])
    expect(result.polarities.negative.perDialogue).toEqual([-2, -2, expect.closeTo(2.1, 12)])
    expect(result.polarities.positive.n).toBe(3)
    expect(result.polarities.positive.change.mean).toBeCloseTo(3.55 / 3, 12)
    // Positive before (2.45 + 1 + 2) / 3, after (4 + 3 + 2) / 3 = 3: their difference is the mean change.
    expect(result.polarities.positive.before).toBeCloseTo(5.45 / 3, 12)
    expect(result.polarities.positive.after).toBe(3)
    expect(result.polarities.negative.change.mean).toBeCloseTo(-1.9 / 3, 12)
    // Sample SD of −2, −2, 2.1: mean −1.9/3; squares (−4.1/3)² · 2 + (8.2/3)² = (16.81·2 + 67.24) / 9 = 100.86 / 9.
    expect(result.polarities.negative.change.std).toBeCloseTo(Math.sqrt(100.86 / 9 / 2), 12)

    // Attitude groups: positive = x, y; negative = z; unknown = w (no complete dialogue).
    expect(Object.keys(result.attitudes)).toEqual(['positive', 'negative', 'unknown'])
    expect(result.attitudes.positive!.positive).toMatchObject({ n: 2, before: expect.closeTo(1.725, 12), after: 3.5 })
    expect(result.attitudes.positive!.positive.change.mean).toBeCloseTo(1.775, 12)
    expect(result.attitudes.positive!.positive.change.std).toBeCloseTo(0.45 / Math.SQRT2, 12)
    expect(result.attitudes.positive!.negative).toMatchObject({
      n: 2,
      before: 4.5,
      after: 2.5,
      change: { mean: -2, std: 0 },
    })
    expect(result.attitudes.negative!.negative).toMatchObject({ n: 1, before: 2 })
    expect(result.attitudes.negative!.negative.change.mean).toBeCloseTo(2.1, 12)
    expect(result.attitudes.negative!.negative.change.std).toBeNaN()
    expect(result.attitudes.unknown!.positive.n).toBe(0)
    expect(result.attitudes.unknown!.positive.change.mean).toBeNaN()

    // Feelings over the complete dialogues x, y, z: interested before (2 + 1 + 2) / 3, afraid after (2 + 3 + 5) / 3.
    expect(result.feelings.interested.before).toBeCloseTo(5 / 3, 12)
    expect(result.feelings.afraid.after).toBeCloseTo(10 / 3, 12)
    // Excited before: x (2 + 3) / 2, y 1, z 2.
    expect(result.feelings.excited).toEqual({ before: expect.closeTo(5.5 / 3, 12), after: 3 })
  })
})

const closers: (() => Promise<void>)[] = []
let ws: ReturnType<typeof tempWorkspace> | undefined
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
  for (const close of closers.splice(0)) await close()
})

interface Line {
  /** The client's tag in the session, so the mock knows which dialogue an "after" request is about. */
  tag: string
  /** The card's tag in its complaint, so the mock knows which card a "before" request is about; null: no card. */
  card: string | null
  attitude?: string
}

function jsonl(lines: Line[]) {
  const records = lines.map(({ tag, card, attitude }) => ({
    language: 'en',
    status: 'completed',
    systemPrompt: null,
    roleCard: card && {
      id: `card-${tag}`,
      language: 'en',
      name: 'Sam',
      occupation: 'clerk',
      complaint: { title: 'worries', body: `[${card}] I worry all the time.` },
      ...(attitude ? { attitude: { label: attitude, instruction: `Be ${attitude}.` } } : {}),
    },
    messages: [
      { speaker: 'counselor', content: 'What brings you here?' },
      { speaker: 'client', content: `[${tag}] I cannot stop worrying.` },
      { speaker: 'counselor', content: 'Let us look at that together.' },
      { speaker: 'client', content: 'Thank you.' },
    ],
    meta: {},
  }))
  return [JSON.stringify({ format: 'simpsy-dialogues', version: 1 }), ...records.map((r) => JSON.stringify(r))].join(
    '\n',
  )
}

/**
 * A judge scripted by request: "before" by card tag, "after" by dialogue tag, each a list of (positive, negative)
 * answers given in call order (the samples of one request are identical requests, so the order among them does not
 * matter for their mean); a string is answered as is.
 */
function scripted(before: Record<string, [number, number][]>, after: Record<string, ([number, number] | string)[]>) {
  const seen = new Map<string, number>()
  return (request: ChatRequest) => {
    const user = request.messages[1].content
    const isAfter = user.includes('## Counseling session')
    const key = isAfter ? /\[(D\d)\]/.exec(user)![1] : /\[(C[A-Z])\]/.exec(user)![1]
    const list = (isAfter ? after : before)[key]
    const n = seen.get(key) ?? 0
    seen.set(key, n + 1)
    const a = list[n % list.length]
    return typeof a === 'string' ? a : `${answer(ratings(a[0], a[1]))}`
  }
}

async function setup(
  judge: ((request: ChatRequest) => string) | Pick<MockOptions, 'reply' | 'hold'>,
  ...datasets: Line[][]
) {
  const made = await judgedWorkspace(
    typeof judge === 'function' ? { reply: judge } : judge,
    datasets.map((lines, i) => ({ fileName: `panas-${i + 1}.jsonl`, content: jsonl(lines) })),
  )
  ws = made.ws
  closers.push(made.mock.close)
  return made
}

/** Dialogue ids by the tag of their client, for reading per-dialogue scores. */
async function idsByTag(api: ApiClient, datasetId: string, tags: string[]) {
  const { items } = await api.listDialogues({ datasetId })
  return Object.fromEntries(items.map((d) => [tags[d.position], d.id]))
}

describe('a PANAS job through the app', () => {
  it('asks n samples × 2 phases per dialogue, skips dialogues without a card, records garbage as failures, stores per-dialogue scores', async () => {
    const lines: Line[] = [
      { tag: 'D1', card: 'CA', attitude: 'positive' },
      { tag: 'D2', card: 'CB', attitude: 'negative' },
      { tag: 'D3', card: 'CC' },
      { tag: 'D4', card: null },
      // The same intake form as D1 with another attitude: it shares D1's "before".
      { tag: 'D5', card: 'CA', attitude: 'neutral' },
    ]
    const judge = scripted(
      {
        CA: [
          [2, 4],
          [2, 4],
          [3, 4],
        ],
        CB: [[1, 5]],
        CC: [[3, 3]],
      },
      {
        D1: [[4, 2]],
        D2: [
          [2, 4],
          [2, 5],
          [2, 3],
        ],
        D3: ['I cannot tell how the client feels.'],
        D5: [[3, 3]],
      },
    )
    const { app, api, mock, endpointId, datasetIds } = await setup(judge, lines)
    const config = { endpointId, parseRetries: 1 }
    // MAGneT's defaults: temperature 0, 3 samples. D1, D2, D3: 3 before + 3 after; D5: 3 after; D4: none.
    const estimate = await api.estimateEvaluation({ kind: 'panas', datasetIds, config })
    expect(estimate).toMatchObject({ calls: 3 * 6 + 3, cached: 0 })

    const done = await finished(app, api, await api.startEvaluation({ kind: 'panas', datasetIds, config }))
    expect(done.status, done.error ?? '').toBe('completed')
    expect(done.config).toMatchObject({ temperature: 0, rounds: 3 })
    expect(mock.requests.every((r) => r.temperature === 0)).toBe(true)
    // D3's after is asked twice per sample (one retry): 3 × 6 + 3 + 3 = 24 calls.
    expect(mock.stats.calls).toBe(24)
    const result = done.result as PanasEvaluationResult
    const d = result.datasets[0]
    expect(d).toMatchObject({ dialogues: 4, skipped: 1, failures: 3, calls: 24 })
    expect(result.comparison).toBeNull()

    const failures = await api.listEvaluationFailures({ id: done.id })
    expect(failures).toHaveLength(3)
    for (const f of failures)
      expect(f).toMatchObject({ item: 'after', raw: 'I cannot tell how the client feels.', attempts: 2 })
    expect(failures[0].error).toMatch(/^no_answer/)

    // Per dialogue (before / after, positive and negative):
    // D1: 7/3 → 4 (+5/3), 4 → 2 (−2); D5: 7/3 → 3 (+2/3), 4 → 3 (−1); D2: 1 → 2 (+1), 5 → 4 (−1); D3: 3 → none.
    const ids = await idsByTag(
      api,
      datasetIds[0],
      lines.map((l) => l.tag),
    )
    const scores = evaluationScoreRepo(app.db).ofEvaluation(done.id)
    const score = (tag: string, metric: string) =>
      scores.find((s) => s.dialogueId === ids[tag] && s.metric === metric)?.value
    expect(score('D1', 'positive before')).toBeCloseTo(7 / 3, 12)
    expect(score('D1', 'positive after')).toBe(4)
    expect(score('D1', 'positive change')).toBeCloseTo(5 / 3, 12)
    expect(score('D1', 'negative change')).toBe(-2)
    expect(score('D5', 'positive change')).toBeCloseTo(2 / 3, 12)
    expect(score('D5', 'negative before')).toBe(4)
    expect(score('D2', 'negative after')).toBe(4)
    expect(score('D2', 'positive change')).toBe(1)
    expect(score('D3', 'positive before')).toBe(3)
    expect(score('D3', 'positive after')).toBeNull()
    expect(score('D3', 'negative change')).toBeNull()
    expect(scores.filter((s) => s.dialogueId === ids.D4)).toEqual([])
    expect(scores).toHaveLength(4 * 6)

    // Over D1, D5, D2: positive changes 15/9, 6/9, 9/9 (SD √21 / 9), negative −2, −1, −1 (SD 1/√3).
    expect(d.polarities.positive.n).toBe(3)
    expect(d.polarities.positive.change.mean).toBeCloseTo(10 / 9, 12)
    expect(d.polarities.positive.change.std).toBeCloseTo(Math.sqrt(21) / 9, 12)
    expect(d.polarities.positive.before).toBeCloseTo(17 / 9, 12)
    expect(d.polarities.positive.after).toBeCloseTo(3, 12)
    expect(d.polarities.negative.change.mean).toBeCloseTo(-4 / 3, 12)
    expect(d.polarities.negative.change.std).toBeCloseTo(1 / Math.sqrt(3), 12)
    expect(d.feelings.interested.before).toBeCloseTo(17 / 9, 12)
    expect(d.feelings.afraid.after).toBeCloseTo(3, 12)
    // One dialogue per attitude: its change, no SD (stored as null); D3 has no attitude and no change.
    expect(d.attitudes.positive!.positive).toMatchObject({ n: 1, change: { std: null } })
    expect(d.attitudes.positive!.positive.change.mean).toBeCloseTo(5 / 3, 12)
    expect(d.attitudes.neutral!.negative.change.mean).toBe(-1)
    expect(d.attitudes.negative!.positive.change.mean).toBe(1)
    expect(d.attitudes.unknown!.positive).toMatchObject({ n: 0, change: { mean: null } })

    const table = (await api.exportEvaluationTable({ id: done.id, format: 'markdown' })).content.split('\n')
    expect(table[0]).toBe('**Client affect before and after the session (PANAS)**')
    expect(table[2]).toBe('| Polarity | Attitude | Dataset | Before | After | Change | Change SD | n |')
    // Three decimals in every column of means, dashes where a group has no value.
    expect(table.slice(4, 14)).toEqual([
      '| Positive | All | panas-1.jsonl | 1.889 | 3.000 | 1.111 | 0.509 | 3 |',
      '| Positive | Positive | panas-1.jsonl | 2.333 | 4.000 | 1.667 | — | 1 |',
      '| Positive | Neutral | panas-1.jsonl | 2.333 | 3.000 | 0.667 | — | 1 |',
      '| Positive | Negative | panas-1.jsonl | 1.000 | 2.000 | 1.000 | — | 1 |',
      '| Positive | Unknown | panas-1.jsonl | — | — | — | — | 0 |',
      '| Negative | All | panas-1.jsonl | 4.333 | 3.000 | -1.333 | 0.577 | 3 |',
      '| Negative | Positive | panas-1.jsonl | 4.000 | 2.000 | -2.000 | — | 1 |',
      '| Negative | Neutral | panas-1.jsonl | 4.000 | 3.000 | -1.000 | — | 1 |',
      '| Negative | Negative | panas-1.jsonl | 5.000 | 4.000 | -1.000 | — | 1 |',
      '| Negative | Unknown | panas-1.jsonl | — | — | — | — | 0 |',
    ])
  })

  it('compares two datasets’ change per polarity by t-test', async () => {
    const a: Line[] = [
      { tag: 'D1', card: 'CA' },
      { tag: 'D2', card: 'CB' },
    ]
    const b: Line[] = [
      { tag: 'D3', card: 'CC' },
      { tag: 'D4', card: 'CD' },
      { tag: 'D5', card: 'CE' },
    ]
    const judge = scripted(
      { CA: [[2, 4]], CB: [[2, 4]], CC: [[3, 3]], CD: [[3, 3]], CE: [[3, 3]] },
      { D1: [[4, 2]], D2: [[5, 1]], D3: [[3, 3]], D4: [[4, 3]], D5: [[2, 4]] },
    )
    const { app, api, mock, endpointId, datasetIds } = await setup(judge, a, b)
    const config = { endpointId, rounds: 1, test: 'student' as const }
    const done = await finished(app, api, await api.startEvaluation({ kind: 'panas', datasetIds, config }))
    expect(done.status, done.error ?? '').toBe('completed')
    expect(mock.stats.calls).toBe(5 * 2)
    const result = done.result as PanasEvaluationResult
    // Positive changes: A 2, 3; B 0, 1, −1. Negative: A −2, −3; B 0, 0, 1.
    expect(result.datasets[0].polarities.positive.perDialogue).toEqual([2, 3])
    expect(result.datasets[1].polarities.negative.perDialogue).toEqual([0, 0, 1])
    expect(result.comparison!.positive).toEqual(tTest([2, 3], [0, 1, -1], 'student'))
    expect(result.comparison!.negative).toEqual(tTest([-2, -3], [0, 0, 1], 'student'))
    const csv = (await api.exportEvaluationTable({ id: done.id, format: 'csv' })).content
    expect(csv).toContain("t,df,p,Cohen's d")
    // One row per dataset: the test in the first, empty cells in the second.
    expect(csv).toMatch(/\nPositive,All,[^,]+,2,4\.5,2\.5,0\.707,2,-?[0-9.]+,/)
    expect(csv).toMatch(/\nPositive,All,[^,]+,3,3,0,1,3,,,,\r?\n/)
  })
  it('pauses with answers in flight and resumes without asking a stored unit again', async () => {
    const lines: Line[] = [
      { tag: 'D1', card: 'CA' },
      { tag: 'D2', card: 'CB' },
    ]
    const reply = scripted({ CA: [[2, 4]], CB: [[3, 3]] }, { D1: [[4, 2]], D2: [[3, 3]] })
    // The first three requests are answered; the next ones (four: the endpoint's concurrency) wait at the server until
    // the job has been paused.
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    let seen = 0
    const { app, api, mock, endpointId, datasetIds } = await setup(
      { reply, hold: () => (++seen > 3 ? gate : null) },
      lines,
    )
    const started = await api.startEvaluation({ kind: 'panas', datasetIds, config: { endpointId, rounds: 2 } })
    while (seen < 3 + 4 || (await api.getEvaluation({ id: started.id })).progress.done < 3)
      await new Promise((r) => setTimeout(r, 5))
    expect((await api.pauseEvaluation({ id: started.id })).status).toBe('paused')
    release()
    const stored = (app.db.prepare('SELECT count(*) AS n FROM evaluation_items').get() as { n: number }).n
    expect(stored).toBe(3)
    const asked = mock.stats.calls
    expect(asked).toBe(3 + 4)

    await api.resumeEvaluation({ id: started.id })
    const done = await finished(app, api, started)
    expect(done.status, done.error ?? '').toBe('completed')
    expect(done.progress).toMatchObject({ done: 8, total: 8, failures: 0 })
    expect(mock.stats.calls - asked).toBe(8 - 3)
    const result = done.result as PanasEvaluationResult
    expect(result.datasets[0]).toMatchObject({ dialogues: 2, calls: 8 })
    expect(result.datasets[0].polarities.positive.perDialogue).toEqual([2, 0])
  })
})
