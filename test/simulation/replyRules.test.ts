import { describe, expect, it } from 'vitest'
import { DEFAULT_TERMINATION, SimulationConfigSchema, storedRunConfig, type RefinementRule } from '@shared/simulation'
import {
  bestAttempt,
  collapseLineBreaks,
  findClosingPhrase,
  refinementProblems,
} from '../../src/main/simulation/replyRules'

const rule: RefinementRule = {
  enabled: true,
  maxChars: { zh: 200, en: 200 },
  maxWords: { zh: null, en: null },
  noLineBreaks: true,
  noEnumeration: true,
}

const MINIMAL_CONFIG = {
  client: { endpointId: 'e', templateId: 'client.default' },
  counselor: { endpointId: 'e', templateId: 'counselor.three-stage' },
}

describe('termination', () => {
  it('finds the default closing phrases, English case-insensitively', () => {
    expect(findClosingPhrase('好的，今天就到这里，下次见！', DEFAULT_TERMINATION.zh, 'zh')).toBe('下次见')
    expect(findClosingPhrase('Take Care, Anna.', DEFAULT_TERMINATION.en, 'en')).toBe('take care')
    expect(findClosingPhrase('What would you like to take from this?', DEFAULT_TERMINATION.en, 'en')).toBeNull()
    expect(findClosingPhrase('你最近睡得怎么样？', DEFAULT_TERMINATION.zh, 'zh')).toBeNull()
  })

  it('checks the eleven Chinese phrases of the released method', () => {
    expect(DEFAULT_TERMINATION.zh).toHaveLength(11)
    expect(findClosingPhrase('期待再次与你交流。', DEFAULT_TERMINATION.zh, 'zh')).toBe('期待再次')
  })

  it('matches English phrases as words, with a space, a hyphen or nothing between their words', () => {
    expect(findClosingPhrase('Goodbye, Anna.', DEFAULT_TERMINATION.en, 'en')).toBe('good bye')
    expect(findClosingPhrase('Good-bye for now.', DEFAULT_TERMINATION.en, 'en')).toBe('good bye')
    expect(findClosingPhrase('GOOD BYE!', DEFAULT_TERMINATION.en, 'en')).toBe('good bye')
    expect(findClosingPhrase('All the best with the move.', DEFAULT_TERMINATION.en, 'en')).toBe('all the best')
    // Inside other words they do not count.
    expect(findClosingPhrase('You undertake careful planning.', DEFAULT_TERMINATION.en, 'en')).toBeNull()
    expect(findClosingPhrase('The goodbyes were hard.', DEFAULT_TERMINATION.en, 'en')).toBeNull()
  })
})

describe('refinement', () => {
  it('limits English replies in words by default (118, from 200 Chinese characters at 1.69 characters per word)', () => {
    const counselor = SimulationConfigSchema.parse(MINIMAL_CONFIG).refinement.counselor
    expect(counselor.maxChars).toEqual({ zh: 200, en: null })
    expect(counselor.maxWords).toEqual({ zh: null, en: 118 })
    // A 110-word English reply of 600 characters passes; the release's 200 characters would reject it.
    const long = Array.from({ length: 110 }, (_, i) => (i % 2 ? 'feeling' : 'today')).join(' ') + '?'
    expect(long.length).toBeGreaterThan(600)
    expect(refinementProblems(long, counselor, 'en')).toEqual([])
    const tooLong = `${long} ${'really '.repeat(9)}`.trim()
    expect(refinementProblems(tooLong, counselor, 'en')).toEqual(['too long (119 > 118 words)'])
    // Chinese keeps the paper's 200 characters.
    expect(refinementProblems('好'.repeat(201), counselor, 'zh')).toEqual(['too long (201 > 200 characters)'])
    // A run stored before the word limit keeps the 200 characters it ran with.
    const stored = storedRunConfig({
      ...SimulationConfigSchema.parse(MINIMAL_CONFIG),
      refinement: {
        ...SimulationConfigSchema.parse(MINIMAL_CONFIG).refinement,
        counselor: { enabled: true, maxChars: { zh: 200, en: 200 }, noLineBreaks: true, noEnumeration: true },
      } as never,
    })
    expect(stored.refinement.counselor).toMatchObject({
      maxChars: { zh: 200, en: 200 },
      maxWords: { zh: null, en: null },
    })
  })

  it('accepts a short single-line reply', () => {
    expect(refinementProblems('你愿意多说说那天发生了什么吗？', rule, 'zh')).toEqual([])
    expect(refinementProblems('In 2023 you moved; was 3.5 hours of sleep usual then?', rule, 'en')).toEqual([])
  })
  it('counts characters, not UTF-16 units, against the per-language limit', () => {
    expect(refinementProblems('好'.repeat(200), rule, 'zh')).toEqual([])
    expect(refinementProblems('好'.repeat(201), rule, 'zh')).toEqual(['too long (201 > 200 characters)'])
    expect(refinementProblems('😀'.repeat(200), rule, 'en')).toEqual([])
  })
  it('rejects line breaks and every enumeration style', () => {
    expect(refinementProblems('I see.\nGo on?', rule, 'en')).toContain('contains line breaks')
    for (const text of [
      'Try 1. sleep 2. walk',
      '你可以1、早睡 2、运动',
      '（1）记录情绪（2）和朋友聊聊',
      '① 深呼吸 ② 散步',
      '- one thing\n- another',
      '一、先休息 二、再计划',
    ]) {
      expect(refinementProblems(text, rule, /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en'), text).toContain(
        'contains enumerated items',
      )
    }
  })
  it('can be switched off or relaxed', () => {
    expect(refinementProblems('a\nb', { ...rule, enabled: false }, 'en')).toEqual([])
    expect(refinementProblems('a\nb', { ...rule, noLineBreaks: false }, 'en')).toEqual([])
  })
  it('keeps the attempt with the fewest problems, line breaks collapsed', () => {
    const best = bestAttempt([
      {
        content: 'x'.repeat(300) + '\n1. a 2. b',
        reasons: ['too long', 'contains line breaks', 'contains enumerated items'],
      },
      { content: 'short\nreply', reasons: ['contains line breaks'] },
      { content: 'y'.repeat(250), reasons: ['too long'] },
    ])
    expect(collapseLineBreaks(best.content)).toBe('short reply')
  })
})
