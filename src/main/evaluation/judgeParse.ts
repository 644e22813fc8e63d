import type { TopicTaxonomy } from './topics/taxonomy'

/**
 * Reading a judge's answer. Tolerant about where and how the answer is written,
 * strict about what it says: a score off the scale or an ambiguous topic fails
 * (with a reason), so the judge is asked again instead of being guessed for.
 */

export type ParseFailureCode = 'empty' | 'no_answer' | 'out_of_range' | 'not_integer' | 'ambiguous' | 'unknown_topic'
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ParseFailureCode; reason: string }

const fail = (code: ParseFailureCode, detail: string): { ok: false; code: ParseFailureCode; reason: string } => ({
  ok: false,
  code,
  reason: `${code}: ${detail}`,
})

/** Drops reasoning models' thinking blocks and folds full-width digits and punctuation (：６ → :6). */
export function cleanAnswer(text: string): string {
  return text
    .replace(/<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi, ' ')
    .replace(/<think(?:ing)?>[\s\S]*$/i, ' ')
    .normalize('NFKC')
    .trim()
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
}
// A number, not the start of a range ("1-7", "1 to 7"); a Chinese numeral only when it stands alone ("六分", not "一般").
const NUM = String.raw`(?<![\d.])([-−]?\d+(?:\.\d+)?(?!\.?\d)|[零〇一二两三四五六七八九十](?=分|[^\u4e00-\u9fff]|$))(?!\s*(?:[-–—~]|to\b|到|至)\s*\d)`
// Between a label and its number: markdown, a parenthesis such as "(1-7)", and "is", "of", ":", "为"…
const SEP = String.raw`(?:\s*[(（][^)）\n]{0,20}[)）])?[\s*_]*(?:(?:is|was|of|would\s+be|will\s+be|=|:|[-–—](?=\s)|为|是|给|打)[\s*_]*){0,3}`
const FINAL = String.raw`(?:\bfinal\s+(?:score|rating|answer)|最终(?:评分|得分|分数|打分|答案|结果)|最后(?:评分|得分)|综合评分)`
const LABEL = String.raw`(?:\bscores?\b|\bratings?\b|评分|得分|分数|打分|分值)`

/** Ranked patterns: the first rank that matches decides, and within a rank the last match. */
const RANKS: RegExp[][] = [
  [new RegExp(FINAL + SEP + NUM, 'gi')],
  [new RegExp(String.raw`"(?:score|rating|评分|分数)"\s*:\s*"?` + NUM, 'gi')],
  [new RegExp(String.raw`^[\s*#>-]*` + LABEL + SEP + NUM, 'gim')],
  [new RegExp(LABEL + SEP + NUM, 'gi')],
  [
    new RegExp(NUM + String.raw`\s*(?:out\s+of|/)\s*\d+`, 'gi'),
    new RegExp(
      String.raw`\b(?:rate|give|assign)\s+(?:(?:this|it|the\s+\w+|item\s*\d+)\s+)?(?:(?:as|a|an|at)\s+)?` + NUM,
      'gi',
    ),
    new RegExp(NUM + String.raw`\s*分(?!钟)`, 'g'),
  ],
  [new RegExp(String.raw`\*\*\s*` + NUM + String.raw`\s*\*\*`, 'g')],
]

const toNumber = (token: string) => CN_DIGITS[token] ?? Number(token.replace('−', '-'))

/** The judge's score on a min..max scale, found in whatever surrounds it. */
export function parseScore(text: string, min: number, max: number): Parsed<number> {
  const clean = cleanAnswer(text)
  if (!clean) return fail('empty', 'the answer is empty')
  const token = findScoreToken(clean)
  if (token === null) return fail('no_answer', `no score found in "${excerpt(clean)}"`)
  const value = toNumber(token)
  if (!Number.isInteger(value)) return fail('not_integer', `${token} is not a whole number on the ${min}–${max} scale`)
  if (value < min || value > max) return fail('out_of_range', `${value} is outside ${min}–${max}`)
  return { ok: true, value }
}

function findScoreToken(text: string): string | null {
  for (const rank of RANKS) {
    let best: { index: number; token: string } | null = null
    for (const re of rank) {
      for (const m of text.matchAll(re)) if (!best || m.index! >= best.index) best = { index: m.index!, token: m[1] }
    }
    if (best) return best.token
  }
  // A bare number on a short last line: "6", "(6)", "6."
  const last = lastLine(text).replace(/^[*_`#>([【\s]+|[*_`)\]】.。!！\s]+$/g, '')
  const bare = new RegExp(`^${NUM}$`).exec(last)
  return bare ? bare[1] : null
}

const TOPIC_MARKER =
  /(?:\b(?:final\s+)?(?:topic|answer|category|label)(?:\s*id)?|(?:最终)?(?:主题|话题|类别|分类|答案)(?:编号|id)?)[\s*_]*[:=]/gi

interface Term {
  re: RegExp
  id: string
}
const termsCache = new WeakMap<TopicTaxonomy, Term[]>()

function termsOf(taxonomy: TopicTaxonomy): Term[] {
  let terms = termsCache.get(taxonomy)
  if (terms) return terms
  terms = taxonomy.topics.flatMap((t) => [
    { id: t.id, re: new RegExp(String.raw`(?<![\w.])${pattern(t.id)}(?!\.?\w)`, 'gi') },
    { id: t.id, re: new RegExp(String.raw`(?<![a-z0-9])${pattern(t.en)}(?![a-z0-9])`, 'gi') },
    { id: t.id, re: new RegExp(pattern(t.zh), 'g') },
  ])
  termsCache.set(taxonomy, terms)
  return terms
}

/** A label as a pattern: any dash for a dash, any run of spaces for a space. */
const pattern = (label: string) =>
  label
    .normalize('NFKC')
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[-–—]/g, '[-–—]')
    .replace(/\s+/g, String.raw`\s+`)

/** Topics named in `region`; a mention inside a longer one ("anxiety" in "social anxiety") does not count. */
function topicsIn(region: string, taxonomy: TopicTaxonomy): string[] {
  const hits: { id: string; start: number; end: number }[] = []
  for (const term of termsOf(taxonomy)) {
    for (const m of region.matchAll(term.re)) hits.push({ id: term.id, start: m.index!, end: m.index! + m[0].length })
  }
  const outer = hits.filter(
    (h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  )
  return [...new Set(outer.map((h) => h.id))]
}

/**
 * One topic id from the taxonomy, by id or exact label (zh or en). Looks after the last
 * "Topic:" marker when there is one, else on the last line, else in the whole answer.
 */
export function parseTopic(text: string, taxonomy: TopicTaxonomy): Parsed<string> {
  const clean = cleanAnswer(text)
  if (!clean) return fail('empty', 'the answer is empty')
  const markers = [...clean.matchAll(TOPIC_MARKER)]
  const regions: string[] = []
  if (markers.length) {
    const m = markers[markers.length - 1]
    // The answer follows the marker on its line, or on the next non-empty one.
    const after = clean.slice(m.index! + m[0].length).split('\n')
    regions.push(after.map((l) => l.trim()).find(Boolean) ?? '')
  } else regions.push(lastLine(clean), clean)
  for (const region of regions) {
    const found = topicsIn(region, taxonomy)
    if (found.length === 1) return { ok: true, value: found[0] }
    if (found.length > 1) return fail('ambiguous', `more than one topic named: ${found.join(', ')}`)
  }
  return fail('unknown_topic', `no topic of the list in "${excerpt(regions[0])}"`)
}

const lastLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1) ?? ''

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 80 ? `…${flat.slice(-80)}` : flat
}
