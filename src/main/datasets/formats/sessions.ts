import type { DialogueDetail } from '@shared/dialogue'
import { LANGUAGES, type RowError } from '@shared/roleCard'
import { describeValue, isPlainObject } from '../../roleCards/validation'
import { RowProblems } from './messages'
import { readNativeRecord, writeNativeLine } from './native'
import type { ImportedDialogue, SourceRecord } from './types'

/*
 * The multi-session layout (docs/datasets.md, "Multi-session JSON"): a JSON array (or JSONL) of cases, each a role
 * card met over several sessions:
 *   { "case": "<id>", "language": "zh"|"en", "roleCard": {…}|null,
 *     "sessions": [ { "index": 1, "summary": "…"|null, <a workbench JSONL line without language and roleCard> }, … ] }
 * Sessions are listed in order, their indexes rising from 1 (a gap: a session left out); each becomes a dialogue of
 * the case, its summary kept with it.
 */

const CASE_KEYS = new Set(['case', 'language', 'roleCard', 'sessions'])

/** Whether a record is a case of the multi-session layout. */
export const isCaseRecord = (value: unknown): boolean =>
  isPlainObject(value) && Array.isArray(value.sessions) && !('messages' in value)

/** Reads one case: its sessions as dialogues of the case, or every problem with where it is. */
export function readCaseRecord(
  file: string,
  record: SourceRecord,
): { ok: true; dialogues: ImportedDialogue[] } | { ok: false; errors: RowError[] } {
  const problems = new RowProblems(file, record.row)
  const value = record.value
  if (!isPlainObject(value)) {
    problems.add(null, `a case must be an object with "case" and "sessions" (got ${describeValue(value)})`)
    return { ok: false, errors: problems.errors }
  }
  for (const key of Object.keys(value)) if (!CASE_KEYS.has(key)) problems.add(key, 'unknown field')
  const caseId = value.case
  if (typeof caseId !== 'string' || caseId.trim() === '')
    problems.add('case', `must be the case's id, a non-empty text (got ${describeValue(caseId)})`)
  if (value.language !== undefined && !LANGUAGES.includes(value.language as never))
    problems.add('language', `must be one of "zh", "en" (got ${describeValue(value.language)})`)
  const sessions = value.sessions as unknown[]
  if (sessions.length === 0) problems.add('sessions', 'must hold at least one session')

  const dialogues: ImportedDialogue[] = []
  // Indexes rise in the order listed; a gap is a session left out (one that failed, say, in an export of complete
  // dialogues).
  let previous = 0
  sessions.forEach((raw, i) => {
    const at = `sessions[${i}]`
    if (!isPlainObject(raw)) return problems.add(at, `must be an object (got ${describeValue(raw)})`)
    const { index, summary, ...line } = raw
    const ordered = Number.isInteger(index) && (index as number) > previous
    if (!ordered)
      problems.add(
        `${at}.index`,
        `must be a whole number above ${previous}: sessions are numbered from 1 and listed in order (got ${describeValue(index)})`,
      )
    else previous = index as number
    if (summary !== undefined && summary !== null && typeof summary !== 'string')
      problems.add(`${at}.summary`, `must be a text or null (got ${describeValue(summary)})`)
    for (const key of ['language', 'roleCard'])
      if (key in line) problems.add(`${at}.${key}`, `belongs to the case, not to a session`)
    // The case's card is read (and reported) once, with the first session.
    const result = readNativeRecord(file, {
      row: record.row,
      value: {
        ...line,
        ...(value.language !== undefined && { language: value.language }),
        ...(i === 0 && { roleCard: value.roleCard ?? null }),
      },
    })
    if (!result.ok || !('dialogue' in result)) {
      for (const e of result.ok ? [] : result.errors) {
        const ofCard = e.field?.startsWith('roleCard')
        problems.errors.push(
          ofCard
            ? e
            : {
                ...e,
                field: e.field ? `${at}.${e.field}` : at,
                message: e.field ? `${at}.${e.message}` : `${at}: ${e.message}`,
              },
        )
      }
      return
    }
    dialogues.push({
      ...result.dialogue,
      caseId: typeof caseId === 'string' ? caseId : null,
      sessionIndex: index as number,
      sessionSummary: typeof summary === 'string' ? summary : null,
    })
  })
  if (problems.errors.length) return { ok: false, errors: problems.errors }
  // Every session of a case is the same client: the card (and language) the first session read.
  const [first] = dialogues
  return { ok: true, dialogues: dialogues.map((d) => ({ ...d, roleCard: first.roleCard, language: first.language })) }
}

/**
 * Cases in dataset order: each case's sessions by index. A dialogue of no case is a case of one session (its id the
 * dialogue's), so any dataset can be written in this layout.
 */
export function writeCases(dialogues: DialogueDetail[]) {
  const cases = new Map<string, DialogueDetail[]>()
  for (const d of dialogues) {
    const key = d.caseId ? `case:${d.caseId}` : `one:${d.id}`
    cases.set(key, [...(cases.get(key) ?? []), d])
  }
  return [...cases.values()].map((sessions) => {
    sessions.sort((a, b) => (a.sessionIndex ?? 1) - (b.sessionIndex ?? 1))
    const [first] = sessions
    return {
      case: first.caseId ?? first.id,
      language: first.language,
      roleCard: first.roleCard,
      sessions: sessions.map((d, i) => {
        const { language: _l, roleCard: _r, ...line } = writeNativeLine(d)
        return { index: d.sessionIndex ?? i + 1, summary: d.sessionSummary, ...line }
      }),
    }
  })
}
