/** Characters of the scripts written without spaces between words (Chinese, Japanese kana, Korean). */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u

/**
 * What the short-query index (dialogues_cjk, schema 12) holds of a text: each run of CJK characters as its overlapping
 * pairs and its last character alone, separated by spaces. '' when the text has no CJK character.
 */
export function cjkGrams(text: string): string {
  const grams: string[] = []
  for (const [run] of text.matchAll(CJK_RUN)) {
    const chars = [...run]
    for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1])
    grams.push(chars[chars.length - 1])
  }
  return grams.join(' ')
}

/**
 * The FTS5 query on dialogues_cjk that finds exactly the dialogues containing `text`, or null when the index cannot
 * answer it (not one or two CJK characters).
 */
export function cjkQuery(text: string): string | null {
  const chars = [...text]
  if (chars.length > 2 || !CJK_ONLY.test(text)) return null
  return chars.length === 2 ? `"${text}"` : `"${text}"*`
}
