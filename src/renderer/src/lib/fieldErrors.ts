import { errorMessage, hasErrorCode, wordIssue } from './errors'
import { localizeMessage } from './localizeMessage'

/** Per-field messages from an 'invalid_input' error; keys are dotted field paths ("complaint.body"). */
export interface FieldErrors {
  byField: Record<string, string>
  general: string[]
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Drops a wrapper prefix ("card.", "draft.") and array indexes ("tags.3" → "tags"). */
function normalisePath(path: string, fields: string[]): string | null {
  const clean = path.replace(/^(card|draft)\./, '').replace(/\.\d+(?=\.|$)/g, '')
  if (fields.includes(clean)) return clean
  return fields.find((known) => clean.startsWith(`${known}.`)) ?? null
}

function matchInText(text: string, fields: string[]): { field: string; message: string } | null {
  for (const field of fields) {
    const pattern = new RegExp(`(?:^|[^\\w.])(?:(?:card|draft)\\.)?${escape(field)}(?:\\.\\d+)?(?![\\w])[\\s:]*`)
    const match = pattern.exec(text)
    if (match) {
      const message = (text.slice(0, match.index) + ' ' + text.slice(match.index + match[0].length)).trim()
      return { field, message: message.replace(/^[:\-–\s]+/, '') || text }
    }
  }
  return null
}

interface IssueLike {
  path: unknown
  message: unknown
  key?: unknown
  params?: unknown
}
function issuesFrom(details: unknown): IssueLike[] | null {
  const list = Array.isArray(details) ? details : (details as { issues?: unknown })?.issues
  if (!Array.isArray(list)) return null
  const issues = list.filter(
    (item): item is IssueLike => typeof item === 'object' && item !== null && 'message' in item && 'path' in item,
  )
  return issues.length ? issues : null
}

/**
 * Turns an 'invalid_input' error into per-field messages. Prefers structured
 * issues in `details`; otherwise finds the field named in the message text.
 * Anything that cannot be placed next to a field goes to `general`.
 */
export function parseFieldErrors(message: string, details: unknown, fieldPaths: string[]): FieldErrors {
  // Longest first, so "complaint.title" wins over a shorter path it contains.
  const fields = [...fieldPaths].sort((a, b) => b.length - a.length)
  const result: FieldErrors = { byField: {}, general: [] }
  const add = (field: string | null, raw: string, issue?: IssueLike) => {
    const text = issue ? wordIssue(issue) : localizeMessage(raw)
    if (field && !result.byField[field]) result.byField[field] = text
    else result.general.push(field ? `${field}: ${text}` : text)
  }
  const issues = issuesFrom(details)
  if (issues) {
    for (const issue of issues) {
      const path = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path)
      add(normalisePath(path, fields), String(issue.message), issue)
    }
    return result
  }
  for (const part of message.split(/\n|;\s+/).filter((piece) => piece.trim())) {
    const found = matchInText(part, fields)
    if (found) add(found.field, found.message)
    else result.general.push(localizeMessage(part.trim()))
  }
  return result
}

/**
 * What a failed save or start shows: an 'invalid_input' error as messages next to the fields
 * (from its structured issues unless `structured` is false, else from its text), anything else as its message.
 */
export function fieldErrorsOf(error: unknown, fieldPaths: string[], { structured = true } = {}): FieldErrors {
  if (!hasErrorCode(error, 'invalid_input')) return { byField: {}, general: [errorMessage(error)] }
  if (error.key && !(structured && issuesFrom(error.details)))
    return keyedFieldErrors(error.message, errorMessage(error), fieldPaths)
  return parseFieldErrors(error.message, structured ? error.details : null, fieldPaths)
}

/**
 * A keyed message about one field ("cards: no role card matches the selection."): placed by its English text, shown
 * as worded in the interface language (whose templates keep the "field: " start), without that start.
 */
function keyedFieldErrors(english: string, worded: string, fieldPaths: string[]): FieldErrors {
  const fields = [...fieldPaths].sort((a, b) => b.length - a.length)
  const found = matchInText(english, fields)
  if (!found) return { byField: {}, general: [worded] }
  const start = new RegExp(`^(?:(?:card|draft)\\.)?${escape(found.field)}(?:\\.\\d+)?:\\s*`)
  return { byField: { [found.field]: worded.replace(start, '') || worded }, general: [] }
}

/**
 * The messages a form cannot show next to one of its fields ("field: message" for a field it does not have), for a
 * banner.
 */
export function unplacedMessages(errors: FieldErrors | null, fieldPaths: string[]): string[] {
  if (!errors) return []
  return [
    ...errors.general,
    ...Object.entries(errors.byField)
      .filter(([field]) => !fieldPaths.includes(field))
      .map(([field, message]) => `${field}: ${message}`),
  ]
}
