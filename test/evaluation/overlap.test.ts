import { describe, expect, it } from 'vitest'
import { RoleCardInputSchema, type RoleCardInput } from '@shared/roleCard'
import { EVALUATIONS, OverlapConfigSchema } from '@shared/evaluation'
import type { Speaker } from '@shared/dialogue'
import { roleCardFidelityText } from '../../src/main/evaluation/cardText'
import { renderRoleCardText } from '../../src/main/prompts/roleCardText'
import { seededDerangement } from '../../src/main/evaluation/derangement'
import { createTokenizePool } from '../../src/main/evaluation/tokenizePool'
import { clientText, overlapFidelity, vocabularyOverlap, type OverlapDialogue } from '../../src/main/evaluation/overlap'
import { tokenize } from '../../src/main/evaluation/tokenize'

const card = (input: Partial<RoleCardInput> & { body: string }) =>
  RoleCardInputSchema.parse({
    language: 'en',
    ...input,
    complaint: { title: input.complaint?.title ?? '', body: input.body },
  })

const turns = (...utterances: [Speaker, string][]) => utterances.map(([speaker, content]) => ({ speaker, content }))

const overlapOf = (client: string, cardText: string, language: 'zh' | 'en', removeStopWords = false) =>
  vocabularyOverlap(
    new Set(tokenize(client, language, { removeStopWords })),
    new Set(tokenize(cardText, language, { removeStopWords })),
  )

describe('vocabularyOverlap', () => {
  it('is |S ∩ R| / |R|', () => {
    expect(vocabularyOverlap(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd', 'e']))).toBe(0.5)
    expect(vocabularyOverlap(new Set(), new Set(['x']))).toBe(0)
    expect(vocabularyOverlap(new Set(['x', 'y']), new Set(['x']))).toBe(1)
  })
  it('is NaN for a card without words', () => {
    expect(vocabularyOverlap(new Set(['a']), new Set())).toBeNaN()
  })

  it('on a tiny Chinese example, tokens listed by hand', () => {
    // R = {女, 35, 教师, 最近, 工作, 压力, 很大}: 7 words.
    // S = {我, 是, 教师, 工作, 压力, 大, 今年, 35, 了}: shares 教师, 35, 工作, 压力 → 4/7.
    const r = roleCardFidelityText(
      card({ language: 'zh', gender: '女', age: 35, occupation: '教师', body: '最近工作压力很大' }),
      'field-values',
    )
    expect(r).toBe('女\n35\n教师\n最近工作压力很大')
    expect(overlapOf('我是教师。\n工作压力大，今年35了。', r, 'zh')).toBeCloseTo(4 / 7, 12)
  })

  it('on a tiny English example, with and without stop words', () => {
    // R = {teacher, work, stress, i, can't, sleep, because, of}: 8 words ("work" twice).
    // S = {i, can't, do, it, because, of, work}: shares i, can't, because, of, work → 5/8.
    // Without stop words: R = {teacher, work, stress, sleep}, S = {work} → 1/4.
    const r = roleCardFidelityText(
      card({
        occupation: 'Teacher',
        complaint: { title: 'Work stress', body: '' },
        body: "I can't sleep because of work.",
      }),
      'field-values',
    )
    expect(r).toBe("Teacher\nWork stress\nI can't sleep because of work.")
    expect(overlapOf("I can't do it because of work.", r, 'en')).toBe(5 / 8)
    expect(overlapOf("I can't do it because of work.", r, 'en', true)).toBe(1 / 4)
  })
})

describe('the card text R, as the client saw it (the default)', () => {
  it('is the card as the client prompt renders it, without an attitude instruction', () => {
    const seed = card({
      name: 'Laura',
      gender: 'female',
      age: 45,
      occupation: 'office job',
      resistance: { level: 'high', description: 'Clients with a negative attitude doubt the process.' },
      body: 'I cannot run far.',
      attitude: { label: 'negative', instruction: 'Clients with a negative attitude doubt the process.' },
    })
    // New analyses compare with it; analyses stored before the choice read as what they ran with.
    expect(EVALUATIONS.overlap.defaults.cardText).toBe('as-seen')
    expect(OverlapConfigSchema.parse({}).cardText).toBe('field-values')
    const seen = roleCardFidelityText(seed, 'as-seen')
    expect(seen).toBe(renderRoleCardText({ ...seed, resistance: { level: null, description: '' } }))
    expect(seen).toContain('Occupation: office job')
    expect(seen).not.toMatch(/negative attitude|doubt/)
    // Without an attitude, the resistance is the card's own and the client was told it.
    const plain = card({ resistance: { level: 'low', description: 'open to help' }, body: 'I worry.' })
    expect(roleCardFidelityText(plain, 'as-seen')).toBe(renderRoleCardText(plain))
    expect(roleCardFidelityText(plain, 'as-seen')).toContain('open to help')
  })
})

describe('roleCardFidelityText, field values only', () => {
  it('holds the values a client could say, without labels, levels, name or bookkeeping', () => {
    const text = roleCardFidelityText(
      card({
        name: 'Alice',
        gender: 'female',
        age: 28,
        education: 'college',
        occupation: 'nurse',
        maritalStatus: 'single',
        family: 'lives with her sister',
        bigFive: {
          openness: { level: 'high', description: 'curious' },
          neuroticism: { level: 'somewhat_high', description: 'worries a lot' },
        },
        resistance: { level: 'low', description: 'open to help' },
        complaint: { title: 'Night shifts', body: '' },
        body: 'I cannot rest.',
        tags: ['sleep'],
        pool: 'train',
        source: 'posts',
        notes: 'internal',
      }),
      'field-values',
    )
    expect(text.split('\n')).toEqual([
      'female',
      '28',
      'college',
      'nurse',
      'single',
      'lives with her sister',
      'curious',
      'worries a lot',
      'open to help',
      'Night shifts',
      'I cannot rest.',
    ])
  })
})

describe('clientText', () => {
  it('joins only what the client said', () => {
    expect(
      clientText(
        turns(['counselor', 'Hello.'], ['client', 'Hi.'], ['counselor', 'How are you?'], ['client', 'Tired.']),
      ),
    ).toBe('Hi.\nTired.')
  })
})

describe('seededDerangement', () => {
  it('is a permutation without fixed points for many n and seeds', () => {
    for (let n = 2; n <= 40; n++) {
      for (const seed of [0, 1, 42, -7, 2 ** 40 + 3]) {
        const p = seededDerangement(n, seed)
        expect(p).toHaveLength(n)
        expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i))
        p.forEach((target, i) => expect(target).not.toBe(i))
      }
    }
    const big = seededDerangement(10000, 7)
    expect(new Set(big).size).toBe(10000)
    expect(big.every((target, i) => target !== i)).toBe(true)
  })

  it('is deterministic for a seed and differs between seeds', () => {
    expect(seededDerangement(50, 42)).toEqual(seededDerangement(50, 42))
    expect(seededDerangement(50, 42)).not.toEqual(seededDerangement(50, 43))
    expect(seededDerangement(50, 1)).not.toEqual(seededDerangement(50, -1))
  })

  it('draws all 9 derangements of 4 about equally often', () => {
    // D(4) = 9. Over 9000 seeds each is expected 1000 times (sd ≈ 30): ±150 is a 5-sigma band.
    const counts = new Map<string, number>()
    for (let seed = 0; seed < 9000; seed++) {
      const key = seededDerangement(4, seed).join('')
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    expect(counts.size).toBe(9)
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150)
  })

  it('handles the degenerate sizes', () => {
    expect(seededDerangement(0, 1)).toEqual([])
    expect(() => seededDerangement(1, 1)).toThrow(/at least 2/)
    expect(() => seededDerangement(2.5, 1)).toThrow(RangeError)
    expect(() => seededDerangement(3, 0.5)).toThrow(RangeError)
  })
})

describe('overlapFidelity', () => {
  // R_A = {apple, banana}, R_B = {cherry, date}, R_C = {apple, cherry, elder, fig}
  // S_1 = {apple, banana}, S_2 = {cherry}, S_3 = {apple, elder}
  // overlap(S_i, R_j):   A     B     C
  //               S_1    1     0     1/4
  //               S_2    0     1/2   1/4
  //               S_3    1/2   0     1/2
  const dialogues: OverlapDialogue[] = [
    {
      language: 'en',
      roleCard: card({ body: 'Apple banana.' }),
      messages: turns(['counselor', 'Cherry? Date? Fig?'], ['client', 'apple, BANANA']),
    },
    { language: 'en', roleCard: null, messages: turns(['client', 'apple']) },
    { language: 'en', roleCard: card({ body: 'Cherry date' }), messages: turns(['client', 'cherry']) },
    { language: 'en', roleCard: card({ body: '... !!!' }), messages: turns(['client', 'apple']) },
    {
      language: 'en',
      roleCard: card({ body: 'apple cherry elder fig' }),
      messages: turns(['client', 'Apple.'], ['counselor', 'Go on.'], ['client', 'Elder.']),
    },
  ]
  // The two derangements of 3 and the random-control values they give.
  const expectedRandom: Record<string, number[]> = { '1,2,0': [0, 1 / 4, 1 / 2], '2,0,1': [1 / 4, 0, 0] }

  it('scores each dialogue against its own card and against a deranged one', async () => {
    const seen = new Set<string>()
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const result = await overlapFidelity('ds', dialogues, OverlapConfigSchema.parse({ seed }))
      const key = seededDerangement(3, seed).join(',')
      seen.add(key)
      expect(result.datasetId).toBe('ds')
      expect(result.skipped).toBe(2)
      expect(result.mapping).toEqual([1, 1 / 2, 1 / 2])
      expect(result.random).toEqual(expectedRandom[key])
      expect(result.comparison.test).toBe('welch')
      expect(result.comparison.a).toMatchObject({ n: 3, mean: expect.closeTo(2 / 3, 12) })
      expect(result.comparison.b.mean).toBeCloseTo(key === '1,2,0' ? 0.75 / 3 : 0.25 / 3, 12)
    }
    expect(seen.size).toBe(2)
  })

  it("never draws a dialogue's own card, a sibling sample's or another attitude of the same source record", async () => {
    // Two intake forms, each as three attitude variants (different attitude instructions), two samples each.
    const forms = ['apple banana cherry', 'delta echo foxtrot']
    const many: OverlapDialogue[] = forms.flatMap((body) =>
      ['positive', 'neutral', 'negative'].flatMap((attitude) =>
        [0, 1].map(() => ({
          language: 'en' as const,
          roleCard: card({ name: 'Laura', body, resistance: { level: null, description: `be ${attitude}` } }),
          messages: turns(['client', body]),
        })),
      ),
    )
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = await overlapFidelity('ds', many, OverlapConfigSchema.parse({ seed }))
      expect(result.mapping.every((x) => x > 0.5)).toBe(true)
      // The control card always comes from the other intake form: its words are all different.
      expect(result.random).toEqual(many.map(() => 0))
    }
    await expect(overlapFidelity('ds', many.slice(0, 6), OverlapConfigSchema.parse({}))).rejects.toThrow(
      /at least 2 different/,
    )
  })

  it('passes the chosen test through and needs two dialogues with cards', async () => {
    expect(
      (await overlapFidelity('ds', dialogues, OverlapConfigSchema.parse({ test: 'student' }))).comparison.test,
    ).toBe('student')
    await expect(overlapFidelity('ds', dialogues.slice(0, 2), OverlapConfigSchema.parse({}))).rejects.toThrow(
      /at least 2 dialogues/,
    )
  })

  it('gives the same result when the texts are tokenized by worker threads', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => dialogues[i % dialogues.length])
    const pool = createTokenizePool(2)
    try {
      const config = OverlapConfigSchema.parse({ seed: 3 })
      expect(await overlapFidelity('ds', many, config, pool.tokenizeBatch)).toEqual(
        await overlapFidelity('ds', many, config),
      )
      expect(pool.stats()).toEqual({ chunksInWorkers: 3, fallbacks: 0 })
    } finally {
      await pool.close()
    }
  })
})
