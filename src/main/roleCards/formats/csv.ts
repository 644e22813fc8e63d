import { BIG_FIVE, type RoleCard, type RowError } from '@shared/roleCard'
import Papa from 'papaparse'
import { readTimestamp, validateCard, type FormatResult, type ParsedCard } from '../validation'

/*
 * Row numbers: the header is row 0 and data records are numbered from 1, counting blank lines as records but not
 * counting the extra lines of a multi-line cell. Without multi-line cells, row N is spreadsheet line N + 1.
 * Errors name the CSV column (e.g. 'openness_level'), since that is what the user edits.
 */

/** The seed's fields as CSV columns. A card without a seed has them all empty (and reads back as null). */
const SEED_COLUMNS = [
  ['seed_client_information', 'clientInformation'],
  ['seed_reason_for_counseling', 'reasonForCounseling'],
  ['seed_counselor_opening', 'counselorOpening'],
  ['seed_client_opening', 'clientOpening'],
] as const

export const CSV_COLUMNS = [
  'id',
  'language',
  'name',
  'gender',
  'age',
  'education',
  'occupation',
  'marital_status',
  'family',
  ...BIG_FIVE.flatMap((trait) => [`${trait}_level`, `${trait}_description`]),
  'resistance_level',
  'resistance_description',
  'complaint_title',
  'complaint_body',
  'attitude_label',
  'attitude_instruction',
  ...SEED_COLUMNS.map(([column]) => column),
  'withheld_facts',
  'resistance_behaviours',
  'tags',
  'pool',
  'source',
  'provenance',
  'notes',
  'example',
  'created_at',
  'updated_at',
] as const
const REQUIRED_COLUMNS = ['language', 'complaint_body'] as const
const TAG_SEPARATOR = ';'

/**
 * Spreadsheets run cells starting with these as formulas, so export prefixes a quote (papaparse's escapeFormulae)
 * and import removes one. Cells that already start with quotes before such a character get one more, which keeps
 * the round trip lossless.
 */
export const CSV_FORMULA_START = /^'*[=+\-@\t\r]/
const ESCAPED_FORMULA = /^'(?='*[=+\-@\t\r])/

export function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

/** Maps a schema path ('bigFive.openness.level', 'tags.2') to the CSV column that holds it. */
export function columnForPath(path: string): string {
  const [head, second, third] = path.split('.')
  if (head === 'bigFive' && second && third) return `${second}_${third}`
  if ((head === 'resistance' || head === 'complaint' || head === 'attitude') && second) return `${head}_${second}`
  if (head === 'seed' && second) return SEED_COLUMNS.find(([, key]) => key === second)?.[0] ?? head
  if (head === 'maritalStatus') return 'marital_status'
  if (head === 'withheld') return 'withheld_facts'
  if (head === 'resistanceBehaviours') return 'resistance_behaviours'
  return head
}

export function parseCsv(fileName: string, text: string): FormatResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
  })
  const records = parsed.data
  const result: FormatResult = { rows: 0, cards: [], errors: [] }
  const error = (row: number | null, field: string | null, message: string) =>
    result.errors.push({ file: fileName, row, field, message })

  for (const problem of parsed.errors) {
    error(problem.row ?? null, null, `CSV syntax: ${problem.message}`)
  }
  const header = (records[0] ?? []).map(normalizeHeader)
  const columnIndex = new Map<string, number>()
  header.forEach((name, index) => {
    if (name === '') error(0, null, `header cell ${index + 1} is empty`)
    else if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      error(0, name, `unknown column "${name}"; accepted columns: ${CSV_COLUMNS.join(', ')}`)
    } else if (columnIndex.has(name)) error(0, name, `column "${name}" appears twice in the header`)
    else columnIndex.set(name, index)
  })
  for (const required of REQUIRED_COLUMNS) {
    if (!columnIndex.has(required)) error(0, required, `missing required column "${required}"`)
  }
  if (result.errors.length) {
    result.rows = records.slice(1).filter((cells) => !isBlank(cells)).length
    return result
  }

  for (let row = 1; row < records.length; row++) {
    const cells = records[row]
    if (isBlank(cells)) continue
    result.rows++
    if (cells.length !== header.length) {
      error(row, null, `has ${cells.length} cells but the header has ${header.length} columns`)
      continue
    }
    const cell = (column: string): string | undefined => {
      const index = columnIndex.get(column)
      return index === undefined ? undefined : cells[index].replace(ESCAPED_FORMULA, '')
    }
    readCsvRecord(cell, fileName, row, result)
  }
  return result
}

function readCsvRecord(cell: (column: string) => string | undefined, file: string, row: number, result: FormatResult) {
  const errors: RowError[] = []
  const age = cell('age')?.trim()
  let ageValue: number | null | undefined = undefined
  if (age !== undefined && age !== '') {
    if (/^\d+$/.test(age)) ageValue = Number(age)
    else errors.push({ file, row, field: 'age', message: `age: must be a whole number of years (got "${age}")` })
  } else if (age === '') ageValue = null

  const example = cell('example')?.trim().toLowerCase()
  let exampleValue: boolean | undefined = undefined
  if (example) {
    if (['true', 'yes', '1'].includes(example)) exampleValue = true
    else if (['false', 'no', '0'].includes(example)) exampleValue = false
    else errors.push({ file, row, field: 'example', message: `example: must be true or false (got "${example}")` })
  }

  const level = (column: string) => {
    const value = cell(column)
    if (value === undefined) return undefined
    const normalized = normalizeHeader(value)
    return normalized === '' ? null : normalized
  }
  const trait = (name: string) => ({ level: level(`${name}_level`), description: cell(`${name}_description`) })
  const list = (column: string, example: string) => {
    const value = cell(column)?.trim()
    if (!value) return undefined
    try {
      return JSON.parse(value) as unknown
    } catch {
      errors.push({ file, row, field: column, message: `${column}: must be a JSON list like ${example}` })
      return undefined
    }
  }
  const withheld = list('withheld_facts', '[{"text": "…", "threshold": 6}]')
  const resistanceBehaviours = list('resistance_behaviours', '[{"behaviour": "arguing", "frequency": 0.2}]')
  const createdAt = readTimestamp(cell('created_at'), file, row, 'created_at')
  const updatedAt = readTimestamp(cell('updated_at'), file, row, 'updated_at')
  if (!createdAt.ok) errors.push(createdAt.error)
  if (!updatedAt.ok) errors.push(updatedAt.error)

  const input = {
    id: cell('id') || undefined,
    language: cell('language'),
    name: cell('name'),
    gender: cell('gender'),
    age: ageValue,
    education: cell('education'),
    occupation: cell('occupation'),
    maritalStatus: cell('marital_status'),
    family: cell('family'),
    bigFive: Object.fromEntries(BIG_FIVE.map((name) => [name, trait(name)])),
    resistance: trait('resistance'),
    complaint: { title: cell('complaint_title'), body: cell('complaint_body') },
    attitude: optionalGroup({ label: cell('attitude_label'), instruction: cell('attitude_instruction') }),
    seed: optionalGroup(Object.fromEntries(SEED_COLUMNS.map(([column, key]) => [key, cell(column)]))),
    withheld,
    resistanceBehaviours,
    tags: cell('tags') === undefined ? undefined : splitTags(cell('tags')!),
    pool: cell('pool'),
    source: cell('source'),
    provenance: cell('provenance'),
    notes: cell('notes'),
    example: exampleValue,
  }
  const validated = validateCard(input, file, row, columnForPath)
  if (!validated.ok) errors.push(...validated.errors)
  if (errors.length || !validated.ok || !createdAt.ok || !updatedAt.ok) {
    result.errors.push(...errors)
    return
  }
  const parsed: ParsedCard = { row, card: validated.card }
  if (createdAt.value !== undefined) parsed.createdAt = createdAt.value
  if (updatedAt.value !== undefined) parsed.updatedAt = updatedAt.value
  result.cards.push(parsed)
}

/** One CSV record for a card, in CSV_COLUMNS order. */
export function cardToCsvRecord(card: RoleCard): string[] {
  const values: Record<(typeof CSV_COLUMNS)[number], string> = {
    id: card.id,
    language: card.language,
    name: card.name,
    gender: card.gender,
    age: card.age === null ? '' : String(card.age),
    education: card.education,
    occupation: card.occupation,
    marital_status: card.maritalStatus,
    family: card.family,
    ...(Object.fromEntries(
      BIG_FIVE.flatMap((trait) => [
        [`${trait}_level`, card.bigFive[trait].level ?? ''],
        [`${trait}_description`, card.bigFive[trait].description],
      ]),
    ) as Record<`${(typeof BIG_FIVE)[number]}_${'level' | 'description'}`, string>),
    resistance_level: card.resistance.level ?? '',
    resistance_description: card.resistance.description,
    complaint_title: card.complaint.title,
    complaint_body: card.complaint.body,
    attitude_label: card.attitude?.label ?? '',
    attitude_instruction: card.attitude?.instruction ?? '',
    ...(Object.fromEntries(SEED_COLUMNS.map(([column, key]) => [column, card.seed?.[key] ?? ''])) as Record<
      (typeof SEED_COLUMNS)[number][0],
      string
    >),
    // Lists as JSON in one cell (empty when the card has none).
    withheld_facts: card.withheld.length ? JSON.stringify(card.withheld) : '',
    resistance_behaviours: card.resistanceBehaviours.length ? JSON.stringify(card.resistanceBehaviours) : '',
    tags: joinTags(card.tags),
    pool: card.pool,
    source: card.source,
    provenance: card.provenance,
    notes: card.notes,
    example: card.example ? 'true' : 'false',
    created_at: card.createdAt,
    updated_at: card.updatedAt,
  }
  return CSV_COLUMNS.map((column) => values[column])
}

/**
 * Tags are joined with ';'. A ';' or '\' inside a tag is written as '\;' or '\\' so every tag survives a round trip.
 */
export function joinTags(tags: string[]): string {
  return tags.map((tag) => tag.replace(/[\\;]/g, (c) => `\\${c}`)).join(`${TAG_SEPARATOR} `)
}

export function splitTags(cell: string): string[] {
  const tags: string[] = []
  let current = ''
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]
    if (c === '\\' && (cell[i + 1] === '\\' || cell[i + 1] === TAG_SEPARATOR)) current += cell[++i]
    else if (c === TAG_SEPARATOR) {
      tags.push(current)
      current = ''
    } else current += c
  }
  tags.push(current)
  return tags.map((tag) => tag.trim()).filter((tag) => tag !== '')
}

/**
 * Attitude and seed are objects or null on a card: null when their columns are all absent or blank (files from before
 * these columns read the same), else the object with what the columns give.
 */
function optionalGroup(values: Record<string, string | undefined>): Record<string, string | undefined> | null {
  return Object.values(values).some((v) => v !== undefined && v.trim() !== '') ? values : null
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '')
}

/** Spreadsheets in some locales save with ';' or tabs; the header line (plain column names) shows which. */
function guessDelimiter(text: string): string {
  const headerLine = text.slice(0, text.search(/\r?\n|$/))
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const)
  const [best] = counts.reduce((a, b) => (b[1] > a[1] ? b : a))
  return best
}
