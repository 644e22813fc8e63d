/** Characters of the scripts written without spaces between words (Chinese, Japanese kana, Korean). */
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`
const CJK_RUN = new RegExp(`[${CJK}]+`, 'gu')
const CJK_ONLY = new RegExp(`^[${CJK}]+$`, 'u')
/** Letters and digits of every other script (Latin, Cyrillic, Greek, …): words, numbers. */
const WORD_RUN = new RegExp(`(?:(?![${CJK}])[\\p{L}\\p{N}])+`, 'gu')
const WORD_ONLY = new RegExp(`^(?:(?![${CJK}])[\\p{L}\\p{N}])+$`, 'u')

/** ASCII letters in lower case, as SQLite's lower() (and the index's ascii tokenizer) fold them; others as they are. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase())

/** Each run as its overlapping pairs and its last character alone. */
function pairs(run: string, grams: string[]) {
  const chars = [...run]
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1])
  grams.push(chars[chars.length - 1])
}

/**
 * What the short-query index (dialogues_cjk, schemas 14 and 18) holds of a text: each run of CJK characters, and each
 * run of other letters and digits (ASCII letters folded to lower case), as its overlapping pairs and its last
 * character alone, separated by spaces. '' when the text has neither.
 */
export function cjkGrams(text: string): string {
  const grams: string[] = []
  for (const [run] of text.matchAll(CJK_RUN)) pairs(run, grams)
  for (const [run] of foldAscii(text).matchAll(WORD_RUN)) pairs(run, grams)
  return grams.join(' ')
}

/**
 * The FTS5 query on dialogues_cjk that finds exactly the dialogues containing `text` (ASCII letters in any case), or
 * null when the index cannot answer it: not one or two characters all CJK, or all other letters and digits.
 */
export function cjkQuery(text: string): string | null {
  const chars = [...text]
  if (chars.length > 2 || !(CJK_ONLY.test(text) || WORD_ONLY.test(text))) return null
  const folded = foldAscii(text)
  return chars.length === 2 ? `"${folded}"` : `"${folded}"*`
}
