import { describe, expect, it } from 'vitest'
import mt19937 from '@stdlib/random-base-mt19937'
import { tokenize } from '../../src/main/evaluation/tokenize'
import { isStopWord } from '../../src/main/evaluation/stopWords'

const keep = { removeStopWords: false }
const drop = { removeStopWords: true }

describe('tokenize: Chinese', () => {
  it('cuts a simple sentence into jieba words and drops punctuation', () => {
    const tokens = tokenize('我最近工作压力很大，晚上睡不着觉。', 'zh', keep)
    for (const word of ['我', '最近', '工作', '压力', '晚上', '睡不着']) expect(tokens).toContain(word)
    expect(tokens).not.toContain('，')
    expect(tokens).not.toContain('。')
    // Words are cut, not characters: 7 content words at most for 14 characters.
    expect(tokens.length).toBeLessThan(12)
  })

  it('keeps English words and numbers inside Chinese text, lower-cased and whole', () => {
    const tokens = tokenize('我喜欢Python编程，don’t worry！我今年３０岁，存了3.5万元。', 'zh', keep)
    for (const word of ['喜欢', 'python', '编程', "don't", 'worry', '30', '3.5']) expect(tokens).toContain(word)
    expect(tokens).not.toContain('Python')
    expect(tokens).not.toContain("'")
    expect(tokens).not.toContain('！')
  })

  it("finds jieba's dictionary words that mix Latin letters and Chinese, then lower-cases them", () => {
    // jieba's dictionary has "T恤" and "A股" (upper case): cutting must come before lower-casing.
    const tokens = tokenize('买了一件T恤，还买了A股', 'zh', keep)
    expect(tokens).toContain('t恤')
    expect(tokens).toContain('a股')
    expect(tokens).not.toContain('t')
  })

  it('drops symbols, emoji and whitespace', () => {
    expect(tokenize('  ～～😀 …… \n\t “”  ', 'zh', keep)).toEqual([])
    expect(tokenize('', 'zh', keep)).toEqual([])
  })

  it('removes Chinese stop words only when asked', () => {
    const text = '我们什么都不想做，但是失眠'
    expect(tokenize(text, 'zh', keep)).toContain('我们')
    const filtered = tokenize(text, 'zh', drop)
    expect(filtered).not.toContain('我们')
    expect(filtered).not.toContain('什么')
    expect(filtered).not.toContain('但是')
    expect(filtered).toContain('失眠')
  })
})

describe('tokenize: English', () => {
  it('lower-cases, drops punctuation and keeps contractions and possessives whole', () => {
    expect(tokenize("I don't know—it’s my Mother's book!", 'en', keep)).toEqual([
      'i',
      "don't",
      'know',
      "it's",
      'my',
      "mother's",
      'book',
    ])
  })

  it('keeps numbers and splits hyphenated compounds', () => {
    expect(tokenize('A 30-year-old, 3.5 hours.', 'en', keep)).toEqual(['a', '30', 'year', 'old', '3.5', 'hours'])
  })

  it('cuts Chinese inside English text with jieba too', () => {
    const tokens = tokenize('My counselor said 最近工作压力很大 today.', 'en', keep)
    expect(tokens).toEqual(expect.arrayContaining(['my', 'counselor', 'said', '最近', '工作', '压力', 'today']))
  })

  it('removes English stop words (contractions included) only when asked', () => {
    const text = "I can't sleep because I'm worried about my job"
    expect(tokenize(text, 'en')).toHaveLength(9) // i, can't, sleep, because, i'm, worried, about, my, job
    expect(tokenize(text, 'en', drop)).toEqual(['sleep', 'worried', 'job'])
  })

  it('judges stop words by the script of the token', () => {
    expect(isStopWord('the')).toBe(true)
    expect(isStopWord('的')).toBe(true)
    expect(isStopWord('sleep')).toBe(false)
    expect(isStopWord('失眠')).toBe(false)
  })
})

describe('tokenize: the fast word rule agrees with Intl.Segmenter (ICU, UAX #29)', () => {
  const icu = new Intl.Segmenter('en', { granularity: 'word' })
  const reference = (text: string) => {
    const normalized = text.normalize('NFKC').toLowerCase().replaceAll('\u2019', "'")
    return [...icu.segment(normalized)].filter((s) => s.isWordLike).map((s) => s.segment)
  }

  it('on sentences', () => {
    const sentences = [
      "I've been feeling down since my mom's surgery... it's hard, y'know?",
      'We paid $1,250.50 on 3/14 — about 12.5% more (ugh!) than last year.',
      "Dr. Smith said: \"rock'n'roll isn't therapy,\" and the U.S.A. e-mail was 10:30 a.m.",
      "Naïve café résumé, Straße, Ελλάδα, Москва; co\u00ADoperate; the 'quoted' word",
      'Tabs\tand\nnew lines\r\n  and   spaces… ellipsis…and dashes–here—there',
    ]
    for (const sentence of sentences) expect(tokenize(sentence, 'en')).toEqual(reference(sentence))
  })

  it('on 20,000 seeded random strings of letters, digits, marks and punctuation', () => {
    // Underscores and zero-width joiners are left out: ICU's word status for
    // underscore-only and ZWJ-emoji segments is a known, deliberate difference.
    const alphabet = [...'abzéßωд019   .,;:\'’-·!?"(%$@/&#+*\n😀–…²ﬁⅫ', '\u0301', '\u00AD']
    const next = mt19937.factory({ seed: 7 })
    for (let i = 0; i < 20000; i++) {
      let text = ''
      for (let k = 1 + (next() % 24); k > 0; k--) text += alphabet[next() % alphabet.length]
      expect(tokenize(text, 'en'), JSON.stringify(text)).toEqual(reference(text))
    }
  })
})
