import type { Language } from '@shared/roleCard'
import type { RefinementRule } from '@shared/simulation'

/**
 * The first closing phrase the reply contains. Chinese: as a substring, like the released code. English: as
 * whole words, case-insensitive, and a space inside a phrase also matches a hyphen or nothing ("good bye"
 * ends "Goodbye, Anna." and "Good-bye for now.", but "take care" does not end "undertake careful planning").
 */
export function findClosingPhrase(reply: string, phrases: string[], language: Language): string | null {
  for (const phrase of phrases) {
    if (language === 'en' ? englishPhrase(phrase).test(reply) : reply.includes(phrase)) return phrase
  }
  return null
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const englishPatterns = new Map<string, RegExp>()
function englishPhrase(phrase: string): RegExp {
  let pattern = englishPatterns.get(phrase)
  if (!pattern) {
    const words = phrase.trim().toLowerCase().split(/\s+/).map(escapeRegExp)
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s-]?')}(?![\\p{L}\\p{N}])`, 'iu')
    englishPatterns.set(phrase, pattern)
  }
  return pattern
}

const CIRCLED = /[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u277f]/
const BULLET_LINE = /(^|\n)\s*[-*•·●▪◦]\s+\S/
// "1." "2、" "(3)" "（4）" "5)" preceded by start, space or punctuation; "3.5" and "2023年" are not items.
const NUMBER_MARKER = /(?:^|[\s:：,，.。;；!！?？\u4e00-\u9fff])[(（]?(\d{1,2})(?:[.．、)）](?!\d))/g
const CHINESE_MARKER = /(?:^|[\s:：,，。;；])([一二三四五六七八九十])[、．.]/g

function enumerated(text: string): boolean {
  if (CIRCLED.test(text) || BULLET_LINE.test(text)) return true
  const numbers = new Set([...text.matchAll(NUMBER_MARKER)].map((m) => Number(m[1])))
  if (numbers.has(1) && numbers.has(2)) return true
  const chinese = new Set([...text.matchAll(CHINESE_MARKER)].map((m) => m[1]))
  return chinese.has('一') && chinese.has('二')
}

/** Words as a limit counts them: runs of letters, digits and apostrophes (it's = 1, 3.5 = 2). */
const wordCount = (text: string) => text.match(/[\p{L}\p{N}'’]+/gu)?.length ?? 0

/** Why a reply breaks the refinement rule (empty = accepted). */
export function refinementProblems(reply: string, rule: RefinementRule, language: Language): string[] {
  if (!rule.enabled) return []
  const problems: string[] = []
  const length = [...reply].length
  const maxChars = rule.maxChars[language]
  const maxWords = rule.maxWords?.[language] ?? null
  if (reply.trim() === '') problems.push('empty reply')
  if (maxChars !== null && length > maxChars) problems.push(`too long (${length} > ${maxChars} characters)`)
  if (maxWords !== null) {
    const words = wordCount(reply)
    if (words > maxWords) problems.push(`too long (${words} > ${maxWords} words)`)
  }
  if (rule.noLineBreaks && /[\r\n]/.test(reply.trim())) problems.push('contains line breaks')
  if (rule.noEnumeration && enumerated(reply)) problems.push('contains enumerated items')
  return problems
}

export function collapseLineBreaks(text: string): string {
  return text.trim().replace(/\s*[\r\n]+\s*/g, ' ')
}

/** Among rejected attempts, the one to keep when every resample failed: fewest problems, then shortest. */
export function bestAttempt<T extends { content: string; reasons: string[] }>(attempts: T[]): T {
  return attempts.reduce((best, a) =>
    a.reasons.length < best.reasons.length ||
    (a.reasons.length === best.reasons.length && a.content.length < best.content.length)
      ? a
      : best,
  )
}
