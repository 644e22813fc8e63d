import { createRequire } from 'node:module'
import type { Jieba } from '@node-rs/jieba'
import type { Language } from '@shared/roleCard'
import { isStopWord } from './stopWords'

export interface TokenizeOptions {
  removeStopWords: boolean
  /** Lower-case the words (default true). Case never changes where words are cut, only how they are spelled. */
  lowercase?: boolean
}

let jieba: Jieba | null = null

/** jieba with its default dictionary, built on first use (~0.3 s, ~5 MB) rather than at app start. */
function chineseSegmenter(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url)
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba')
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict')
    jieba = JiebaClass.withDict(dict)
  }
  return jieba
}

/*
 * Words outside Chinese follow Unicode word boundaries (UAX #29): contractions
 * and possessives stay whole ("don't", "mother's"), so do decimals and
 * thousands ("3.5", "1,000") and abbreviations ("u.s.a"); hyphens split;
 * punctuation, symbols and whitespace are not words. Intl.Segmenter (ICU)
 * implements this exactly but costs about 1 µs per character in V8, 8 s for
 * 10,000 English dialogues. For text in scripts written with spaces (Latin,
 * Greek, Cyrillic) the rules reduce to the expression below, which the tests
 * check against Intl.Segmenter; any other script still goes to Intl.Segmenter.
 */
// A word character with the marks and format characters that follow it (which never start a word).
const UNIT = '[\\p{Alphabetic}\\p{Nd}\\p{Pc}][\\p{M}\\u00AD\\u200D]*'
const EXTEND = '[\\p{M}\\u00AD\\u200D]*'
// Between two letters: ' . : · (MidLetter, MidNumLet); between two digits: ' . , ; (MidNum, MidNumLet).
const MIDDLE = `(?:(?<=\\p{Alphabetic}${EXTEND})[':.·]${EXTEND}(?=\\p{Alphabetic})|(?<=\\p{Nd}${EXTEND})[',.;]${EXTEND}(?=\\p{Nd}))`
const SPACED_WORD = new RegExp(`(?:${UNIT})+(?:${MIDDLE}(?:${UNIT})+)*`, 'gu')
const SPACED_SCRIPTS_ONLY =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u
const HAS_WORD_CHARACTER = /[\p{L}\p{Nd}]/u
const HAN = /\p{Script=Han}/u

const wordSegmenters: Record<Language, Intl.Segmenter> = {
  zh: new Intl.Segmenter('zh', { granularity: 'word' }),
  en: new Intl.Segmenter('en', { granularity: 'word' }),
}

function pushWords(chunk: string, language: Language, out: string[]): void {
  if (!HAS_WORD_CHARACTER.test(chunk)) return
  if (SPACED_SCRIPTS_ONLY.test(chunk)) {
    for (const [word] of chunk.matchAll(SPACED_WORD)) if (HAS_WORD_CHARACTER.test(word)) out.push(word)
  } else {
    for (const s of wordSegmenters[language].segment(chunk)) if (s.isWordLike) out.push(s.segment)
  }
}

/** Whether a jieba token holds a Chinese character (cheaper than a regular expression per token). */
function hasHan(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i)
    // CJK Unified Ideographs, Extension A, Compatibility Ideographs; high surrogates of Extensions B–H.
    if (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xd840 && c <= 0xd8bf)
    )
      return true
  }
  return false
}

/**
 * Words of a text, in order, lower-cased (unless `lowercase: false`). Text with Chinese characters is cut
 * by jieba (with its HMM for unknown words, as jieba's default) before lower-
 * casing, so dictionary words such as "T恤" and "A股" are found; jieba's words
 * holding a Chinese character are kept as they are, and everything between
 * them (Latin words, numbers, punctuation, which jieba cuts character by
 * character) is put back together and split at Unicode word boundaries, so
 * English inside Chinese text is tokenized exactly as English text is, and the
 * reverse. `language` only picks the locale for scripts other than Latin,
 * Greek, Cyrillic and Han. Numbers are kept as words: ages and years are part
 * of what a client says about themself. Text is NFKC-normalized first
 * (full-width "３０" = "30") and the typographic apostrophe is made ASCII
 * ("don’t" = "don't").
 */
export function tokenize(
  text: string,
  language: Language,
  options: TokenizeOptions = { removeStopWords: false },
): string[] {
  const normalized = text.normalize('NFKC').replaceAll('\u2019', "'")
  const lower = options.lowercase === false ? (s: string) => s : (s: string) => s.toLowerCase()
  const tokens: string[] = []
  if (HAN.test(normalized)) {
    let between = ''
    for (const piece of chineseSegmenter().cut(normalized, true)) {
      if (hasHan(piece)) {
        if (between) pushWords(lower(between), language, tokens)
        between = ''
        tokens.push(lower(piece))
      } else between += piece
    }
    if (between) pushWords(lower(between), language, tokens)
  } else pushWords(lower(normalized), language, tokens)
  return options.removeStopWords ? tokens.filter((t) => !isStopWord(t)) : tokens
}
