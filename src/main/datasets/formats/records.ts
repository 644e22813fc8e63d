import type { RowError } from '@shared/roleCard'
import { describeJsonLocation, parseJsonText, splitJsonLines } from '../../roleCards/jsonText'
import { describeValue, isPlainObject } from '../../roleCards/validation'
import type { SourceRecord } from './types'

export interface RecordList {
  records: SourceRecord[]
  /** Records seen, including lines that were not valid JSON (those are in `errors`, not in `records`). */
  rows: number
  errors: RowError[]
}

/**
 * Splits a text file into records: a JSON array (rows = 1-based positions), a single JSON object (its line), or JSON
 * Lines (rows = line numbers, blank lines skipped). A file whose whole text is not JSON is read as JSON Lines when
 * its first line is a JSON value on its own, or when `linesByName` (the name says .jsonl); otherwise it gets one
 * syntax error with line and column, so a broken pretty-printed file does not produce an error for every line.
 */
export function splitRecords(fileName: string, text: string, linesByName: boolean): RecordList {
  const wholeFile = (message: string): RecordList => ({
    records: [],
    rows: 0,
    errors: [{ file: fileName, row: null, field: null, message }],
  })
  const start = text.trimStart()[0]
  if (start !== '[' && start !== '{') {
    const parsed = parseJsonText(text)
    const got = parsed.ok
      ? describeValue(parsed.value)
      : `text starting with ${describeValue(text.trimStart().slice(0, 20))}`
    return wholeFile(
      `${fileName}: expected a JSON array of dialogues, a JSON object or JSON Lines (one object per line), got ${got}`,
    )
  }

  const whole = parseJsonText(text)
  if (whole.ok) {
    if (Array.isArray(whole.value)) {
      return {
        records: whole.value.map((value, index) => ({ row: index + 1, value })),
        rows: whole.value.length,
        errors: [],
      }
    }
    return {
      records: [{ row: lineOf(text, text.length - text.trimStart().length), value: whole.value }],
      rows: 1,
      errors: [],
    }
  }
  if (start === '{' && (linesByName || firstLineIsJson(text))) return splitJsonLines(fileName, text)
  return wholeFile(`${fileName} is not valid JSON: ${whole.problem.message}${describeJsonLocation(whole.problem)}`)
}

function firstLineIsJson(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0]
  const parsed = parseJsonText(first)
  return parsed.ok && isPlainObject(parsed.value)
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++
  return line
}
