import type { PanasFeeling } from '@shared/evaluation'
import { cleanAnswer, type Parsed, type ParseFailureCode } from '../judgeParse'
import { PANAS_FEELING_TEXTS, PANAS_SCALE } from './feelings'

/** The judge's 20 ratings, by feeling id. */
export type PanasRatings = Record<PanasFeeling, number>

const fail = (code: ParseFailureCode, detail: string): Parsed<never> => ({
  ok: false,
  code,
  reason: `${code}: ${detail}`,
})

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const CN: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 零: 0 }

/**
 * One rating line: the feeling's label (English id or Chinese label; markdown, quotes, a list number and a gloss in
 * parentheses around it are fine), a separator (: ： = -), then a number, not the start of a range ("1-5"); a Chinese
 * numeral only on its own ("三", "三分", not "一般").
 */
const LINES = PANAS_FEELING_TEXTS.map((f) => ({
  id: f.id,
  re: new RegExp(
    String.raw`^[\s>*#_-]*(?:\d+\s*[.)、]\s*)?[*_"'“]*\s*(?:${escape(f.label.en)}|${escape(f.label.zh)})\s*[*_"'”]*` +
      String.raw`\s*(?:[(（][^)）\n]{0,40}[)）])?\s*[*_]*\s*(?:[:=]|[-–—](?=\s))\s*[*_"']*\s*` +
      String.raw`([-−]?\d+(?:\.\d+)?|[零一二两三四五六七八九](?=分|[^\u4e00-\u9fff]|$))` +
      String.raw`(?![\d.]*\s*(?:[-–—~]|to\b|到|至)\s*\d)`,
    'i',
  ),
}))

/**
 * The 20 ratings from a judge's answer: one line per feeling ("interested: 3", "感兴趣：3"), in any order, anything
 * else ignored. Strict about the content: every feeling must be rated, each a whole number from 1 to 5, and a feeling
 * rated twice must get the same number; otherwise the answer fails with the reason, and the judge is asked again.
 */
export function parsePanas(text: string): Parsed<PanasRatings> {
  const clean = cleanAnswer(text)
  if (!clean) return fail('empty', 'the answer is empty')
  const found = new Map<PanasFeeling, string>()
  for (const line of clean.split('\n')) {
    for (const { id, re } of LINES) {
      const m = re.exec(line)
      if (!m) continue
      const previous = found.get(id)
      if (previous !== undefined && previous !== m[1])
        return fail('ambiguous', `${id} is rated twice (${previous} and ${m[1]})`)
      found.set(id, m[1])
      break
    }
  }
  const missing = PANAS_FEELING_TEXTS.filter((f) => !found.has(f.id)).map((f) => f.id)
  if (missing.length === PANAS_FEELING_TEXTS.length) return fail('no_answer', 'no "feeling: score" line found')
  if (missing.length) return fail('no_answer', `no rating for ${missing.join(', ')}`)
  const ratings = {} as PanasRatings
  for (const f of PANAS_FEELING_TEXTS) {
    const token = found.get(f.id)!
    const value = CN[token] ?? Number(token.replace('−', '-'))
    if (!Number.isInteger(value)) return fail('not_integer', `${f.id}: ${token} is not a whole number on the 1–5 scale`)
    if (value < PANAS_SCALE.min || value > PANAS_SCALE.max)
      return fail('out_of_range', `${f.id}: ${value} is outside ${PANAS_SCALE.min}–${PANAS_SCALE.max}`)
    ratings[f.id] = value
  }
  return { ok: true, value: ratings }
}

/** The stored form of a parsed answer (an evaluation_items label): the ratings as JSON, in feeling order. */
export const storedRatings = (ratings: PanasRatings) =>
  JSON.stringify(Object.fromEntries(PANAS_FEELING_TEXTS.map((f) => [f.id, ratings[f.id]])))

/** Reads a stored label back (null for a failed unit). */
export function readRatings(label: string | null): PanasRatings | null {
  if (label === null) return null
  return JSON.parse(label) as PanasRatings
}
