import { describe, expect, it } from 'vitest'
import type { Speaker } from '@shared/dialogue'
import { characterCount, datasetStatistics } from '../../src/main/evaluation/datasetStatistics'

const turns = (...utterances: [Speaker, string][]) => utterances.map(([speaker, content]) => ({ speaker, content }))

describe('characterCount', () => {
  it('counts code points, punctuation included, whitespace excluded', () => {
    expect(characterCount('你好，请说。')).toBe(6)
    expect(characterCount(' 我 失眠\n')).toBe(3)
    expect(characterCount('😀好')).toBe(2) // one astral code point (two UTF-16 units) + one
    expect(characterCount('e\u0301')).toBe(1) // e + combining accent composes to é under NFC
    expect(characterCount('')).toBe(0)
  })
})

describe('datasetStatistics', () => {
  it('computes Table 1 for a hand-made Chinese dataset', () => {
    // Client chars: 你好 2, 我 失眠 3, 😀好 2 → 7 / 3.  Counselor: 你好，请说。 6, 嗯 1, ok 2 → 9 / 3 = 3.
    // Counselor utterances 3 over 2 conversations → 1.5 turns.
    const stats = datasetStatistics('zh set', 'ds-zh', [
      {
        language: 'zh',
        messages: turns(['client', '你好'], ['counselor', '你好，请说。'], ['client', '我 失眠'], ['counselor', '嗯']),
      },
      { language: 'zh', messages: turns(['client', '😀好'], ['counselor', 'ok\n']) },
    ])
    expect(stats).toEqual({
      datasetId: 'ds-zh',
      name: 'zh set',
      conversations: 2,
      avgTurns: 1.5,
      clientUtterances: 3,
      counselorUtterances: 3,
      avgClientChars: expect.closeTo(7 / 3, 12),
      avgCounselorChars: 3,
      avgClientWords: null,
      avgCounselorWords: null,
    })
  })

  it('counts words in English dialogues only', () => {
    // English client: "I don't know." 3 words, 11 chars; "OK" 1 word, 2 chars.
    // English counselor: "Tell me more, please." 4 words, 18 chars.
    // Chinese client: 好的 2 chars (no words counted). Chinese counselor: 请继续 3 chars.
    const stats = datasetStatistics('mixed', 'ds-mixed', [
      {
        language: 'en',
        messages: turns(['client', "I don't know."], ['counselor', 'Tell me more, please.'], ['client', 'OK']),
      },
      { language: 'zh', messages: turns(['client', '好的'], ['counselor', '请继续']) },
    ])
    expect(stats.conversations).toBe(2)
    expect(stats.clientUtterances).toBe(3)
    expect(stats.counselorUtterances).toBe(2)
    expect(stats.avgTurns).toBe(1)
    expect(stats.avgClientChars).toBe(15 / 3)
    expect(stats.avgCounselorChars).toBe(21 / 2)
    expect(stats.avgClientWords).toBe(2)
    expect(stats.avgCounselorWords).toBe(4)
  })

  it('reproduces the paper-scale turn definition', () => {
    // 1000 conversations with 12,948 counselor utterances → 12.948 average turns.
    const dialogues = Array.from({ length: 1000 }, (_, i) => {
      const n = i < 948 ? 13 : 12
      return {
        language: 'zh' as const,
        messages: Array.from({ length: n }, () => turns(['client', '嗯'], ['counselor', '好'])).flat(),
      }
    })
    const stats = datasetStatistics('paper', 'p', dialogues)
    expect(stats.clientUtterances).toBe(12948)
    expect(stats.counselorUtterances).toBe(12948)
    expect(stats.avgTurns).toBeCloseTo(12.948, 12)
  })

  it('gives NaN averages for an empty dataset', () => {
    const stats = datasetStatistics('empty', 'e', [])
    expect(stats.conversations).toBe(0)
    expect(stats.avgTurns).toBeNaN()
    expect(stats.avgClientChars).toBeNaN()
    expect(stats.avgClientWords).toBeNull()
  })
})
