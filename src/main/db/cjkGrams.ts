/**
 * The characters of the short-query index's runs: anything but white space and control characters. The index's
 * tokenizer (ascii) takes ASCII letters and digits and every other script's characters as parts of tokens, and since
 * schema 24 ASCII punctuation too: each pair of a run is one token.
 */
const RUN = /[^\s\p{Cc}]+/gu
const RUN_ONLY = /^[^\s\p{Cc}]+$/u

/** ASCII letters in lower case, as SQLite's lower() (and the index's ascii tokenizer) fold them; others as they are. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase())

/** Each run as its overlapping pairs and its last character alone. */
function pairs(run: string, grams: string[]) {
  const chars = [...run]
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1])
  grams.push(chars[chars.length - 1])
}

/**
 * What the short-query index (dialogues_cjk, schemas 14, 18 and 23) holds of a text: each run of characters between
 * white space (ASCII letters folded to lower case) as its overlapping pairs and its last character alone, separated
 * by spaces: "我很焦虑。OK!" → "我很 很焦 焦虑 虑。 。o ok k! !". '' when the text is all white space.
 */
export function cjkGrams(text: string): string {
  const grams: string[] = []
  for (const [run] of foldAscii(text).matchAll(RUN)) pairs(run, grams)
  return grams.join(' ')
}

/**
 * The FTS5 query on dialogues_cjk that finds exactly the dialogues containing `text` (ASCII letters in any case), or
 * null when the index cannot answer it: more than two characters, or white space or control characters in it.
 * Every occurrence of a character starts a pair or ends its run: a pair is one token, one character a token's prefix.
 */
export function cjkQuery(text: string): string | null {
  const chars = [...text]
  if (chars.length > 2 || !RUN_ONLY.test(text)) return null
  const phrase = `"${foldAscii(text).replace(/"/g, '""')}"`
  return chars.length === 2 ? phrase : `${phrase}*`
}
