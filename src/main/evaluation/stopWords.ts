import { stopwords as chinese } from '@orama/stopwords/mandarin'
import { stopwords as english } from '@orama/stopwords/english'

/*
 * Lists from @orama/stopwords: the Chinese one is stopwords-iso's (794 entries,
 * multi-character words such as 我们 and 什么 that jieba produces as single
 * tokens); the English one is NLTK's (180 function words, contractions
 * included). Entries are normalized like tokens are (NFKC, lower case).
 */
const normalize = (words: readonly string[]) => new Set(words.map((w) => w.normalize('NFKC').toLowerCase()))
const CHINESE = normalize(chinese)
const ENGLISH = normalize(english)

const HAN = /\p{Script=Han}/u

/**
 * Whether a (normalized) token is a stop word. The list is chosen by the
 * token's script, not by the text's language, so English words inside Chinese
 * text (and the reverse) are judged by their own language's list.
 */
export function isStopWord(token: string): boolean {
  return HAN.test(token) ? CHINESE.has(token) : ENGLISH.has(token)
}
