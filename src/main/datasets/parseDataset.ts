import type { DatasetFormat } from '@shared/dialogue'
import type { RowError } from '@shared/roleCard'
import { decodeImportText } from '../roleCards/decode'
import { describeJsonLocation, parseJsonText } from '../roleCards/jsonText'
import { MAX_REPORTED_ERRORS } from '../roleCards/parse'
import { isZip, unpack, type DatasetLimits, type ZipEntry } from './formats/container'
import { describeKeys, detectFormat } from './formats/detect'
import { readMagnetRecord } from './formats/magnet'
import { checkNativeHeader, isNativeHeader, readNativeRecord } from './formats/native'
import { readOpenAiRecord } from './formats/openai'
import { splitRecords, type RecordList } from './formats/records'
import { readShareGptRecord } from './formats/sharegpt'
import { readSmileRecord } from './formats/smile'
import { readCaseRecord } from './formats/sessions'
import type { ImportedDialogue, ParsedDataset, RecordResult, SourceRecord } from './formats/types'

export type { ImportedDialogue, ImportedMessage, ImportedRoleCard, ParsedDataset } from './formats/types'
export type { DatasetLimits } from './formats/container'

/** Largest text after gunzip, or all entries of a zip together; V8 strings stop at about 512 MiB. */
export const MAX_UNPACKED_BYTES = 500 * 1024 * 1024
/**
 * Largest file accepted as given (compressed or not): the same one limit everywhere (desktop, serve's uploads, the
 * command line), so the workbench's own exports (a 55k-dialogue JSONL is ~200 MB) come back in.
 */
export const MAX_DATASET_BYTES = MAX_UNPACKED_BYTES

const READERS: Record<DatasetFormat, (file: string, record: SourceRecord) => RecordResult> = {
  openai: readOpenAiRecord,
  sharegpt: readShareGptRecord,
  smile: readSmileRecord,
  magnet: readMagnetRecord,
  jsonl: readNativeRecord,
  sessions: readCaseRecord,
}

/**
 * Reads a dialogue dataset of any supported format, plain, gzip-compressed or (MAGneT) zipped. Never throws for bad
 * input: every problem becomes a RowError, and the caller writes nothing when there is one.
 */
export function parseDatasetFile(
  fileName: string,
  bytes: Uint8Array,
  format: DatasetFormat | 'auto' = 'auto',
): ParsedDataset {
  return parseDatasetWithLimits(fileName, bytes, format, {
    maxBytes: MAX_DATASET_BYTES,
    maxUnpackedBytes: MAX_UNPACKED_BYTES,
  })
}

/** parseDatasetFile with other size limits (tests use small ones). */
export function parseDatasetWithLimits(
  fileName: string,
  bytes: Uint8Array,
  format: DatasetFormat | 'auto',
  limits: DatasetLimits,
): ParsedDataset {
  const isArchive = isZip(bytes) || /\.zip$/i.test(fileName)
  const fallback: DatasetFormat = format !== 'auto' ? format : isArchive ? 'magnet' : 'jsonl'
  const wholeFile = (message: string): RowError => ({ file: fileName, row: null, field: null, message })
  const failed = (errors: RowError[], rows = 0): ParsedDataset => ({
    format: fallback,
    rows,
    dialogues: [],
    errors: capErrors(errors, fileName),
  })

  const unpacked = unpack(fileName, bytes, limits)
  if (unpacked.kind === 'error') return failed([unpacked.error])
  if (unpacked.kind === 'zip' && format !== 'auto' && format !== 'magnet') {
    return failed([
      wholeFile(
        `${fileName} is a zip archive; only MAGneT sessions are read from zip files (choose "magnet", or unpack it)`,
      ),
    ])
  }
  const list =
    unpacked.kind === 'zip'
      ? zipRecords(fileName, unpacked.entries)
      : splitRecords(fileName, unpacked.text, /\.(jsonl|ndjson)(\.gz)?$/i.test(fileName))

  let chosen: DatasetFormat
  if (format !== 'auto') chosen = format
  else if (unpacked.kind === 'zip') chosen = 'magnet'
  else {
    const detected = detectFormat(list.records)
    if (!detected && list.rows === 0 && list.errors.length === 0)
      return failed([wholeFile(`${fileName} contains no dialogues`)])
    if (!detected) {
      const cannotTell = wholeFile(
        `cannot tell the dataset format of ${fileName}: ${describeKeys(list.records)}. Expected OpenAI "messages" (user/assistant), ` +
          'ShareGPT "conversations", SmileChat "messages" (client/counselor), MAGneT sessions, SimPsy JSONL or SimPsy ' +
          'multi-session cases ("case" and "sessions"); choose the format when importing.',
      )
      return failed(list.records.length ? [cannotTell, ...list.errors] : list.errors, list.rows)
    }
    chosen = detected
  }

  const { records, rows, errors } = chosen === 'jsonl' ? withoutHeader(fileName, list) : list
  const dialogues: ImportedDialogue[] = []
  for (const record of records) {
    const result = READERS[chosen](fileName, record)
    if (result.ok) dialogues.push(...('dialogues' in result ? result.dialogues : [result.dialogue]))
    else
      errors.push(
        ...(record.entry
          ? result.errors.map((e) => ({ ...e, message: `${record.entry}: ${e.message}` }))
          : result.errors),
      )
  }
  if (rows === 0 && errors.length === 0) errors.push(wholeFile(`${fileName} contains no dialogues`))
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
  return { format: chosen, rows, dialogues, errors: capErrors(errors, fileName) }
}

/** The JSONL header is optional and is not a dialogue row. */
function withoutHeader(fileName: string, list: RecordList): RecordList {
  const errors = [...list.errors]
  const records = list.records.filter((record, index) => {
    if (!isNativeHeader(record.value)) return true
    errors.push(...checkNativeHeader(fileName, record, index === 0))
    return false
  })
  return { records, rows: list.rows - (list.records.length - records.length), errors }
}

/** Rows are positions among the archive's files (folders and hidden entries are skipped before numbering). */
function zipRecords(fileName: string, entries: ZipEntry[]): RecordList {
  const list: RecordList = { records: [], rows: entries.length, errors: [] }
  entries.forEach(({ name, bytes }, index) => {
    const row = index + 1
    const fail = (message: string) => list.errors.push({ file: fileName, row, field: null, message })
    if (!/\.json$/i.test(name))
      return fail(`${name}: not a .json file; a MAGneT archive holds one JSON file per session`)
    const decoded = decodeImportText(name, bytes, bytes.length)
    if (!decoded.ok) return fail(decoded.error.message)
    const json = parseJsonText(decoded.text)
    if (!json.ok) return fail(`${name} is not valid JSON: ${json.problem.message}${describeJsonLocation(json.problem)}`)
    list.records.push({ row, value: json.value, entry: name })
  })
  return list
}

function capErrors(errors: RowError[], file: string): RowError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors
  const kept = errors.slice(0, MAX_REPORTED_ERRORS - 1)
  return [...kept, { file, row: null, field: null, message: `and ${errors.length - kept.length} more errors` }]
}
