import { createRequire } from 'node:module'
import type { Jieba } from '@node-rs/jieba'
import type { Language } from '@shared/roleCard'
import { isStopWord } from './stopWords'

export interface TokenizeOptions {
  removeStopWords: boolean
}

let jieba: Jieba | null = null

/** jieba with its default dictionary, built on first use (~200 ms, ~5 MB) rather than at app start. */
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
 * Intl.Segmenter implements Unicode word boundaries (UAX #29, via ICU): it
 * keeps contractions and possessives whole ("don't", "mother's"), keeps
 * decimals whole ("3.5"), splits hyphenated compounds, and marks punctuation,
 * symbols and whitespace as not word-like, which is what we drop.
 */
const wordSegmenters: Record<Language, Intl.Segmenter> = {
  zh: new Intl.Segmenter('zh', { granularity: 'word' }),
  en: new Intl.Segmenter('en', { granularity: 'word' }),
}

const HAN_RUN = /\p{Script=Han}+/gu
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u

function pushWords(chunk: string, segmenter: Intl.Segmenter, out: string[]): void {
  if (!HAS_WORD_CHARACTER.test(chunk)) return
  for (const s of segmenter.segment(chunk)) if (s.isWordLike) out.push(s.segment)
}

/**
 * Words of a text, in order, lower-cased. Runs of Chinese characters are cut by
 * jieba (with its HMM for unknown words, as jieba's default); everything
 * between them (Latin words, numbers) by the Unicode word segmenter, so English
 * inside Chinese text is tokenized exactly as English text is, and the reverse.
 * `language` picks the word segmenter's locale. Numbers are kept as words:
 * ages and years are part of what a client says about themself.
 * Text is NFKC-normalized first (full-width "３０" = "30") and the typographic
 * apostrophe is made ASCII ("don’t" = "don't").
 */
export function tokenize(text: string, language: Language, options: TokenizeOptions = { removeStopWords: false }): string[] {
  const normalized = text.normalize('NFKC').toLowerCase().replaceAll('\u2019', "'")
  const segmenter = wordSegmenters[language]
  const tokens: string[] = []
  let last = 0
  for (const run of normalized.matchAll(HAN_RUN)) {
    pushWords(normalized.slice(last, run.index), segmenter, tokens)
    for (const word of chineseSegmenter().cut(run[0], true)) tokens.push(word)
    last = run.index + run[0].length
  }
  pushWords(normalized.slice(last), segmenter, tokens)
  return options.removeStopWords ? tokens.filter((t) => !isStopWord(t)) : tokens
}
