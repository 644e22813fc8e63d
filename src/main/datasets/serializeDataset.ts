import type { DatasetFormat, DialogueDetail } from '@shared/dialogue'
import { strToU8, zipSync } from 'fflate'
import { writeMagnetSession } from './formats/magnet'
import { NATIVE_DATASET_FORMAT, NATIVE_DATASET_VERSION, writeNativeLine } from './formats/native'
import { writeOpenAiRecord } from './formats/openai'
import { writeShareGptRecord } from './formats/sharegpt'
import { writeSmileRecord } from './formats/smile'
import { writeCases } from './formats/sessions'

export interface SerializeOptions {
  /** Used for openai/sharegpt when a dialogue has no system prompt of its own. */
  systemPrompt?: string | null
}

export interface SerializedDataset {
  content: string | Uint8Array
  mimeType: string
  /** Without the dot. */
  extension: string
}

/** Writes dialogues so that parseDatasetFile reads back the same messages (and what else the format carries). */
export function serializeDataset(
  dialogues: DialogueDetail[],
  format: DatasetFormat,
  options: SerializeOptions = {},
): SerializedDataset {
  const fallbackPrompt = options.systemPrompt ?? null
  const jsonLines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('')
  switch (format) {
    case 'openai':
      return json(dialogues.map((d) => writeOpenAiRecord(d, fallbackPrompt)))
    case 'sharegpt':
      return json(dialogues.map((d) => writeShareGptRecord(d, sourceId(d), fallbackPrompt)))
    case 'smile':
      return {
        content: jsonLines(dialogues.map((d) => writeSmileRecord(d, sourceId(d)))),
        mimeType: 'application/x-ndjson',
        extension: 'jsonl',
      }
    case 'jsonl': {
      const header = { format: NATIVE_DATASET_FORMAT, version: NATIVE_DATASET_VERSION }
      return {
        content: jsonLines([header, ...dialogues.map(writeNativeLine)]),
        mimeType: 'application/x-ndjson',
        extension: 'jsonl',
      }
    }
    case 'sessions':
      return json(writeCases(dialogues))
    case 'magnet': {
      const files: Record<string, Uint8Array> = {}
      for (const dialogue of dialogues) {
        files[uniqueEntryName(sourceId(dialogue), files)] = strToU8(
          `${JSON.stringify(writeMagnetSession(dialogue), null, 2)}\n`,
        )
      }
      return { content: zipSync(files, { level: 6 }), mimeType: 'application/zip', extension: 'zip' }
    }
  }
}

/**
 * The id a dialogue had in the file it was imported from (kept by the import as meta.externalId), so that a corpus
 * exported in its own format keeps its ids; otherwise the workbench id. The workbench's JSONL always writes its own id.
 */
function sourceId(dialogue: DialogueDetail): string {
  const external = dialogue.meta.externalId
  return typeof external === 'string' && external.trim() !== '' ? external : dialogue.id
}

function json(records: unknown[]): SerializedDataset {
  return { content: `${JSON.stringify(records, null, 2)}\n`, mimeType: 'application/json', extension: 'json' }
}

/** One file per session, named after the dialogue id (made safe for every file system). */
function uniqueEntryName(id: string, taken: Record<string, unknown>): string {
  const base = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'session'
  let name = `${base}.json`
  for (let n = 2; name in taken; n++) name = `${base}_${n}.json`
  return name
}
