import { RoleCardInputSchema, type RowError } from '@shared/roleCard'
import { splitJsonLines } from '../jsonText'
import {
  describeValue,
  isPlainObject,
  readTimestamp,
  validateCard,
  type FormatResult,
  type ParsedCard,
} from '../validation'

/** What serializeRoleCards writes around the cards in JSON; also accepted on import. */
export const NATIVE_FORMAT_NAME = 'simpsy-role-cards'
export const NATIVE_FORMAT_VERSION = 1

const CARD_KEYS = new Set<string>([...Object.keys(RoleCardInputSchema.shape), 'createdAt', 'updatedAt'])

/**
 * The workbench's JSON: an array of cards, or `{ "format": "simpsy-role-cards", "version": 1, "roleCards": [...] }`
 * (format and version optional). Rows are 1-based array positions.
 */
export function parseNativeJson(fileName: string, value: unknown): FormatResult {
  const wholeFile = (message: string): FormatResult => ({
    rows: 0,
    cards: [],
    errors: [{ file: fileName, row: null, field: null, message }],
  })
  let cards: unknown = value
  if (isPlainObject(value)) {
    if (!('roleCards' in value))
      return wholeFile(
        'expected an array of role cards or an object with a "roleCards" array; this object has no "roleCards"',
      )
    if (value.format !== undefined && value.format !== NATIVE_FORMAT_NAME) {
      return wholeFile(`"format" is ${describeValue(value.format)}; expected "${NATIVE_FORMAT_NAME}"`)
    }
    if (typeof value.version === 'number' && value.version > NATIVE_FORMAT_VERSION) {
      return wholeFile(
        `written by a newer SimPsy Workbench (format version ${value.version}; this one reads up to ${NATIVE_FORMAT_VERSION}). Update the app.`,
      )
    }
    cards = value.roleCards
  }
  if (!Array.isArray(cards)) {
    return wholeFile(
      `expected an array of role cards or an object with a "roleCards" array, got ${describeValue(cards)}`,
    )
  }
  const result: FormatResult = { rows: cards.length, cards: [], errors: [] }
  cards.forEach((raw: unknown, index) => collect(result, readNativeCard(raw, fileName, index + 1)))
  return result
}

/** One card object per line; blank lines are skipped. Rows are LINE numbers (1-based), so they match an editor. */
export function parseJsonl(fileName: string, text: string): FormatResult {
  const { records, rows, errors } = splitJsonLines(fileName, text)
  const result: FormatResult = { rows, cards: [], errors }
  for (const { row, value } of records) collect(result, readNativeCard(value, fileName, row))
  return result
}

function collect(result: FormatResult, read: { ok: true; parsed: ParsedCard } | { ok: false; errors: RowError[] }) {
  if (read.ok) result.cards.push(read.parsed)
  else result.errors.push(...read.errors)
}

function readNativeCard(
  raw: unknown,
  file: string,
  row: number,
): { ok: true; parsed: ParsedCard } | { ok: false; errors: RowError[] } {
  if (!isPlainObject(raw)) {
    return {
      ok: false,
      errors: [{ file, row, field: null, message: `each role card must be an object (got ${describeValue(raw)})` }],
    }
  }
  const errors: RowError[] = []
  // Unknown keys would otherwise be dropped silently (a typo like "complaint_title" would lose text).
  for (const key of Object.keys(raw)) {
    if (!CARD_KEYS.has(key))
      errors.push({
        file,
        row,
        field: key,
        message: `${key}: unknown field (known fields: ${[...CARD_KEYS].join(', ')})`,
      })
  }
  const { createdAt: rawCreated, updatedAt: rawUpdated, ...input } = raw
  const createdAt = readTimestamp(rawCreated, file, row, 'createdAt')
  const updatedAt = readTimestamp(rawUpdated, file, row, 'updatedAt')
  if (!createdAt.ok) errors.push(createdAt.error)
  if (!updatedAt.ok) errors.push(updatedAt.error)
  const validated = validateCard(input, file, row)
  if (!validated.ok) errors.push(...validated.errors)
  if (errors.length || !validated.ok || !createdAt.ok || !updatedAt.ok) return { ok: false, errors }

  const parsed: ParsedCard = { row, card: validated.card }
  if (createdAt.value !== undefined) parsed.createdAt = createdAt.value
  if (updatedAt.value !== undefined) parsed.updatedAt = updatedAt.value
  return { ok: true, parsed }
}
