import { RoleCardInputSchema, type RoleCardData, type RowError } from '@shared/roleCard'
import type { z } from 'zod'

/** One valid card read from a file. `row` is 1-based; what counts as a row depends on the format. */
export interface ParsedCard {
  row: number
  card: RoleCardData
  createdAt?: string
  updatedAt?: string
}

/** What every format reader returns. `rows` counts every data row seen, valid or not. */
export interface FormatResult {
  rows: number
  cards: ParsedCard[]
  errors: RowError[]
}

export type Validated = { ok: true; card: RoleCardData } | { ok: false; errors: RowError[] }

/**
 * Validates one card against RoleCardInputSchema. `fieldName` maps a schema path such as 'bigFive.openness.level'
 * to the name the user sees in their file (the CSV reader maps it to a column name).
 */
export function validateCard(
  input: unknown,
  file: string,
  row: number,
  fieldName: (path: string) => string = (p) => p,
): Validated {
  const result = RoleCardInputSchema.safeParse(input, { reportInput: true })
  if (result.success) return { ok: true, card: result.data }
  const errors = result.error.issues.map((issue): RowError => {
    const field = issue.path.length ? fieldName(issue.path.join('.')) : null
    const problem = describeIssue(issue)
    return { file, row, field, message: field ? `${field}: ${problem}` : problem }
  })
  return { ok: false, errors }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input
  if (issue.code === 'invalid_type' && input === undefined) return 'is required'
  // zod's own wording starts with "Invalid input"; the schema's custom messages are already readable.
  const problem =
    issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')
      ? `must be ${withArticle(issue.expected)}`
      : issue.message
  const showsInput =
    issue.code === 'invalid_type' ||
    issue.code === 'invalid_value' ||
    issue.code === 'invalid_format' ||
    typeof input === 'number'
  return showsInput ? `${problem} (got ${describeValue(input)})` : problem
}

function withArticle(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`
}

/** A short, safe description of a value for error messages: strings are quoted and cut, other values named by type. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`
  if (Array.isArray(value)) return 'an array'
  return withArticle(typeof value)
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** Reads an optional ISO-8601 timestamp; the string is kept exactly so that export then import is lossless. */
export function readTimestamp(
  value: unknown,
  file: string,
  row: number,
  field: string,
): { ok: true; value: string | undefined } | { ok: false; error: RowError } {
  if (value === undefined || value === null || value === '') return { ok: true, value: undefined }
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)))
    return { ok: true, value }
  return {
    ok: false,
    error: {
      file,
      row,
      field,
      message: `${field}: must be an ISO date-time such as 2024-05-01T09:30:00.000Z (got ${describeValue(value)})`,
    },
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
