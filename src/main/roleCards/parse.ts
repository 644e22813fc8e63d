import type { RoleCardFormat, RowError } from '@shared/roleCard'
import { decodeImportText } from './decode'
import { parseCactus } from './formats/cactus'
import { normalizeHeader, parseCsv } from './formats/csv'
import { parseJsonl, parseNativeJson } from './formats/native'
import { parsePosts } from './formats/posts'
import { describeJsonLocation, parseJsonText, type JsonParseResult } from './jsonText'
import { isPlainObject, type FormatResult, type ParsedCard } from './validation'

export type { ParsedCard } from './validation'

export interface ParsedRoleCards {
  /** The format read; when it could not be told, the one suggested by the file name ('json' if none). */
  format: RoleCardFormat
  /** Data rows seen, valid or not. */
  rows: number
  cards: ParsedCard[]
  errors: RowError[]
}

/** The report keeps this many entries at most, the last one saying how many more there were. */
export const MAX_REPORTED_ERRORS = 1000

/** Reads a role-card file of any supported format. Never throws for bad input: every problem becomes a RowError. */
export function parseRoleCardFile(
  fileName: string,
  bytes: Uint8Array,
  format: RoleCardFormat | 'auto' = 'auto',
): ParsedRoleCards {
  const fallbackFormat = format === 'auto' ? (formatFromExtension(fileName) ?? 'json') : format
  const wholeFile = (message: string, chosen = fallbackFormat): ParsedRoleCards => ({
    format: chosen,
    rows: 0,
    cards: [],
    errors: [{ file: fileName, row: null, field: null, message }],
  })

  const decoded = decodeImportText(fileName, bytes)
  if (!decoded.ok) return { format: fallbackFormat, rows: 0, cards: [], errors: [decoded.error] }
  const text = decoded.text

  let json: JsonParseResult | undefined
  let chosen: RoleCardFormat
  if (format === 'auto') {
    const detected = detect(fileName, text)
    if (!detected.format) {
      return wholeFile(
        `cannot tell the format of ${fileName}: name it .json, .jsonl or .csv, or choose the format when importing`,
      )
    }
    chosen = detected.format
    json = detected.json
  } else chosen = format

  let result: FormatResult
  if (chosen === 'csv') result = parseCsv(fileName, text)
  else if (chosen === 'jsonl') result = parseJsonl(fileName, text)
  else {
    json ??= parseJsonText(text)
    if (!json.ok)
      return wholeFile(
        `${fileName} is not valid JSON: ${json.problem.message}${describeJsonLocation(json.problem)}`,
        chosen,
      )
    const read = chosen === 'posts' ? parsePosts : chosen === 'cactus' ? parseCactus : parseNativeJson
    result = read(fileName, json.value)
  }

  const errors = [...result.errors, ...rejectDuplicateIds(result, fileName, chosen === 'jsonl' ? 'line' : 'row')]
  if (result.rows === 0 && errors.length === 0)
    errors.push({ file: fileName, row: null, field: null, message: `${fileName} contains no role cards` })
  return { format: chosen, rows: result.rows, cards: result.cards, errors: capErrors(sortByRow(errors), fileName) }
}

/** Removes later cards whose id an earlier row already used, returning one error for each. */
function rejectDuplicateIds(result: FormatResult, file: string, rowWord: string): RowError[] {
  const firstRow = new Map<string, number>()
  const errors: RowError[] = []
  result.cards = result.cards.filter(({ row, card }) => {
    if (card.id === undefined) return true
    const earlier = firstRow.get(card.id)
    if (earlier === undefined) {
      firstRow.set(card.id, row)
      return true
    }
    errors.push({
      file,
      row,
      field: 'id',
      message: `id: "${card.id}" is already used on ${rowWord} ${earlier} of this file`,
    })
    return false
  })
  return errors
}

function sortByRow(errors: RowError[]): RowError[] {
  return errors
    .map((error, index) => ({ error, index }))
    .sort((a, b) => (a.error.row ?? -1) - (b.error.row ?? -1) || a.index - b.index)
    .map(({ error }) => error)
}

function capErrors(errors: RowError[], file: string): RowError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors
  const kept = errors.slice(0, MAX_REPORTED_ERRORS - 1)
  return [...kept, { file, row: null, field: null, message: `and ${errors.length - kept.length} more errors` }]
}

export function detectRoleCardFormat(fileName: string, text: string): RoleCardFormat | null {
  return detect(fileName, text).format
}

function formatFromExtension(fileName: string): RoleCardFormat | null {
  const extension = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1]
  if (extension === 'csv' || extension === 'tsv') return 'csv'
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl'
  if (extension === 'json') return 'json'
  return null
}

/** Returns the parsed JSON too, so a JSON file is parsed only once. */
function detect(fileName: string, text: string): { format: RoleCardFormat | null; json?: JsonParseResult } {
  const byExtension = formatFromExtension(fileName)
  if (byExtension === 'csv' || byExtension === 'jsonl') return { format: byExtension }
  const start = text.trimStart()[0]
  if (byExtension === 'json' || start === '[' || start === '{') {
    const json = parseJsonText(text)
    if (json.ok) return { format: formatFromJsonValue(json.value), json }
    if (looksLikeJsonl(text)) return { format: 'jsonl' }
    return { format: byExtension ?? (start === '[' || start === '{' ? 'json' : null), json }
  }
  const headerLine = text.trimStart().split(/\r?\n/, 1)[0]
  if (
    headerLine
      .split(/[,;\t]/)
      .map(normalizeHeader)
      .includes('complaint_body')
  )
    return { format: 'csv' }
  return { format: null }
}

function formatFromJsonValue(value: unknown): RoleCardFormat {
  if (!Array.isArray(value)) return 'json'
  const strings = value.filter((item) => typeof item === 'string').length
  if (strings > 0 && strings >= value.length / 2) return 'posts'
  if (value.some((item) => isPlainObject(item) && 'AI_client' in item)) return 'cactus'
  return 'json'
}

function looksLikeJsonl(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '')
  if (lines.length < 2) return false
  const first = parseJsonText(lines[0])
  return first.ok && isPlainObject(first.value)
}
