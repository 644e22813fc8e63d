import { describe, expect, it } from 'vitest'
import { parseScore, parseTopic } from '../../src/main/evaluation/judgeParse'
import { checkTaxonomy, DEFAULT_TAXONOMY, type TopicTaxonomy } from '../../src/main/evaluation/topics/taxonomy'

const score = (text: string) => parseScore(text, 1, 7)
const topic = (text: string, taxonomy: TopicTaxonomy = DEFAULT_TAXONOMY) => parseTopic(text, taxonomy)

describe('parseScore: finds the score wherever the judge put it', () => {
  it.each([
    ['6', 6],
    ['  5.  ', 5],
    ['(4)', 4],
    ['**3**.', 3],
    ['Score: 6', 6],
    ['score:6', 6],
    ['Rating - 3', 3],
    ['评分：6分', 6],
    ['评分:6', 6],
    ['最终评分：５', 5],
    ['最终评分为六分。', 6],
    ['我给这个条目打5分。', 5],
    ['**6**', 6],
    ['The alliance here is solid. **5**', 5],
    ['I would rate this a 5 out of 7.', 5],
    ["I'd give it a 6.", 6],
    ['Overall: 4/7', 4],
    ['{"score": 4}', 4],
    ['```json\n{"reasoning": "They agree on 2 goals.", "score": "3"}\n```', 3],
    ['**Final score:** 6', 6],
    ['**Final score**: 2', 2],
    ['Final Score = 7', 7],
    ['Final answer: the score is 3', 3],
    ['Score (1-7): 6', 6],
  ])('%j → %d', (text, value) => {
    expect(score(text)).toEqual({ ok: true, value })
  })

  it('prefers the final-answer marker over other numbers in the reasoning', () => {
    const text =
      'In turn 3 the client pushes back, and by turn 12 they agree on 2 of the 3 goals. A score of 7 would need explicit agreement.\n' +
      'Final score: 5'
    expect(score(text)).toEqual({ ok: true, value: 5 })
    expect(score('Score: 2 at first glance, but after the second half, Final score: 6. (A 7 was too high.)')).toEqual({
      ok: true,
      value: 6,
    })
    expect(score('第3轮时来访者有所抗拒，但到第10轮双方达成了2个共识。\n最终评分：5')).toEqual({ ok: true, value: 5 })
  })

  it('takes the last score when the judge revises itself, and a line-start label over one in a sentence', () => {
    expect(score('Score: 3\nOn reflection the bond is stronger.\nScore: 5')).toEqual({ ok: true, value: 5 })
    expect(score('Score: 4\nA score of 7 would need the client to say so.')).toEqual({ ok: true, value: 4 })
  })

  it('does not mistake the scale for the score', () => {
    expect(score('On a 1-7 scale I would give 6.')).toEqual({ ok: true, value: 6 })
    expect(score('Scores range from 1 to 7. Score: 2')).toEqual({ ok: true, value: 2 })
    expect(score('The session lasted 30分钟。评分：4')).toEqual({ ok: true, value: 4 })
  })

  it('ignores thinking blocks of reasoning models', () => {
    expect(score('<think>Maybe score: 2? No, 7.</think>\nFinal score: 3')).toEqual({ ok: true, value: 3 })
    expect(score('<think>Score: 5 seems right but I am still thinking')).toMatchObject({ ok: false, code: 'empty' })
  })

  it.each([
    ['Final score: 8', 'out_of_range'],
    ['Score: 0', 'out_of_range'],
    ['评分：10分', 'out_of_range'],
    ['Score: -1', 'out_of_range'],
    ['{"score": 9}', 'out_of_range'],
    ['8', 'out_of_range'],
    ['Final score: 5.5', 'not_integer'],
    ['5.5', 'not_integer'],
    ['**4.5**', 'not_integer'],
    ['', 'empty'],
    ['   \n ', 'empty'],
    ['I cannot rate this transcript.', 'no_answer'],
    ['The counselor asked 3 questions in 12 turns.', 'no_answer'],
    ['评分：一般', 'no_answer'],
  ])('%j fails with %s', (text, code) => {
    const parsed = score(text)
    expect(parsed).toMatchObject({ ok: false, code })
    if (!parsed.ok) expect(parsed.reason.startsWith(code)).toBe(true)
  })

  it('is strict about range even when an in-range number is nearby', () => {
    const parsed = score('Item 4 is about goals; 3 turns discuss them. Final score: 9')
    expect(parsed).toMatchObject({ ok: false, code: 'out_of_range' })
    if (!parsed.ok) expect(parsed.reason).toContain('9 is outside 1–7')
  })
})

describe('parseTopic: one id of the taxonomy', () => {
  it.each([
    ['Topic: relationships.breakup', 'relationships.breakup'],
    ['topic:"relationships.breakup".', 'relationships.breakup'],
    ['Topic: [work.stress]', 'work.stress'],
    ['The client mostly talks about her ex.\nTopic: relationships.breakup (Breakup)', 'relationships.breakup'],
    ['主题：relationships.breakup', 'relationships.breakup'],
    ['主题：分手与失恋', 'relationships.breakup'],
    ['最终主题：「考试焦虑」', 'study.exams'],
    ['Final topic: Social anxiety', 'social.social_anxiety'],
    ['Topic: work-life balance', 'work.work_life_balance'],
    ['Topic:\n\n  family.parenting', 'family.parenting'],
    ['RELATIONSHIPS.BREAKUP', 'relationships.breakup'],
    ['The client is grieving her father.\nloss.grief', 'loss.grief'],
    ['I think this is about Loneliness', 'emotion.loneliness'],
  ])('%j → %s', (text, id) => {
    expect(topic(text)).toEqual({ ok: true, value: id })
  })

  it('reads the answer after the marker, not the topics weighed in the reasoning', () => {
    const text = 'She mentions work stress and sleep problems, but the breakup dominates.\nTopic: relationships.breakup'
    expect(topic(text)).toEqual({ ok: true, value: 'relationships.breakup' })
  })

  it('counts a label inside a longer label once: "Social anxiety" is not also "Anxiety and worry"', () => {
    const taxonomy: TopicTaxonomy = {
      version: 't',
      categories: [{ id: 'a', zh: '甲', en: 'A' }],
      topics: [
        { id: 'a.anxiety', category: 'a', zh: '焦虑', en: 'Anxiety' },
        { id: 'a.social_anxiety', category: 'a', zh: '社交焦虑', en: 'Social anxiety' },
      ],
    }
    expect(topic('Topic: Social anxiety', taxonomy)).toEqual({ ok: true, value: 'a.social_anxiety' })
    expect(topic('主题：社交焦虑', taxonomy)).toEqual({ ok: true, value: 'a.social_anxiety' })
    expect(topic('Topic: anxiety', taxonomy)).toEqual({ ok: true, value: 'a.anxiety' })
  })

  it.each([
    ['Topic: relationships.breakup or emotion.depression', 'ambiguous'],
    ['主题：分手与失恋、情绪低落与抑郁', 'ambiguous'],
    ['Topic: astrology', 'unknown_topic'],
    ['Topic: relationships', 'unknown_topic'],
    ['Topic: relationships.breakups', 'unknown_topic'],
    ['I am not sure.', 'unknown_topic'],
    ['', 'empty'],
  ])('%j fails with %s', (text, code) => {
    expect(topic(text)).toMatchObject({ ok: false, code })
  })

  it('does not fall back to the reasoning when the marked answer is unknown', () => {
    expect(topic('The breakup is central (relationships.breakup).\nTopic: heartbreak')).toMatchObject({
      ok: false,
      code: 'unknown_topic',
    })
  })

  it('without a marker, uses the whole answer only when it names a single topic', () => {
    expect(topic('This is clearly about relationships.breakup, nothing else.\nThat is my view.')).toEqual({
      ok: true,
      value: 'relationships.breakup',
    })
    expect(topic('Either relationships.breakup or emotion.loneliness.\nHard to say.')).toMatchObject({
      ok: false,
      code: 'ambiguous',
    })
  })
})

describe('the default taxonomy', () => {
  it('has about 60 topics with unique, well-formed ids and labels in both languages', () => {
    expect(checkTaxonomy(DEFAULT_TAXONOMY)).toEqual([])
    expect(DEFAULT_TAXONOMY.topics.length).toBeGreaterThanOrEqual(55)
    expect(DEFAULT_TAXONOMY.topics.length).toBeLessThanOrEqual(70)
    for (const t of DEFAULT_TAXONOMY.topics) {
      expect(t.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(t.en).toMatch(/^[A-Z]/)
    }
  })

  it('is recognised by every id and every label', () => {
    for (const t of DEFAULT_TAXONOMY.topics) {
      expect(topic(`Topic: ${t.id}`)).toEqual({ ok: true, value: t.id })
      expect(topic(`Topic: ${t.en}`)).toEqual({ ok: true, value: t.id })
      expect(topic(`主题：${t.zh}`)).toEqual({ ok: true, value: t.id })
    }
  })

  it('reports duplicate labels and malformed ids', () => {
    const bad: TopicTaxonomy = {
      version: 'x',
      categories: [{ id: 'a', zh: '甲', en: 'A' }],
      topics: [
        { id: 'a.one', category: 'a', zh: '一', en: 'One' },
        { id: 'a.two', category: 'a', zh: '一', en: 'Two' },
        { id: 'B.three', category: 'b', zh: '三', en: 'Three' },
      ],
    }
    const problems = checkTaxonomy(bad)
    expect(problems.some((p) => p.startsWith('a.two') && p.includes('a.one'))).toBe(true)
    expect(problems.some((p) => p.startsWith('B.three'))).toBe(true)
  })
})
