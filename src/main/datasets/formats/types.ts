import type { DatasetFormat, DialogueStatus, EndReason, MessageInput } from '@shared/dialogue'
import type { Language, RoleCardData, RowError } from '@shared/roleCard'

/** One message read from a file, ready to store. */
export type ImportedMessage = MessageInput

/** A role card as read from a dataset; the workbench's JSONL also keeps the card's own timestamps. */
export type ImportedRoleCard = RoleCardData & { createdAt?: string; updatedAt?: string }

export interface ImportedDialogue {
  /** 1-based position in the file (JSONL: line number; zip: entry order). */
  row: number
  /** Id in the source, if any (SmileChat id, MAGneT file name without ".json", our JSONL id). */
  externalId: string | null
  language: Language
  messages: ImportedMessage[]
  /** The counselor system prompt, when the source has one. */
  systemPrompt: string | null
  /** When the source carries a client profile (MAGneT intake form; our own JSONL). */
  roleCard: ImportedRoleCard | null
  /** Anything else worth keeping (MAGneT cbt_technique/cbt_plan/attitude/file, ...). */
  meta: Record<string, unknown>
  /** Only from our own JSONL; other sources are completed imports. */
  status?: DialogueStatus
  endReason?: EndReason | null
  /** Only from the multi-session layout: the case, the session's 1-based index in it, its summary. */
  caseId?: string | null
  sessionIndex?: number | null
  sessionSummary?: string | null
}

export interface ParsedDataset {
  format: DatasetFormat
  /** Dialogue records seen, valid or not (a JSONL header line is not one). */
  rows: number
  dialogues: ImportedDialogue[]
  errors: RowError[]
}

/** One record of a file before it is read as a dialogue: where it came from and its parsed JSON value. */
export interface SourceRecord {
  row: number
  value: unknown
  /** The zip entry the record came from, if any; errors name it. */
  entry?: string
}

/** The result of reading one record in some format. */
export type RecordResult =
  | { ok: true; dialogue: ImportedDialogue }
  /** A record holding several dialogues (a case of the multi-session layout). */
  | { ok: true; dialogues: ImportedDialogue[] }
  | { ok: false; errors: RowError[] }
