import type { RemoteProvenance } from './remoteRun'
import { z } from 'zod'
import type { ClientStateTrace } from './clients/dynamic'
import { LANGUAGES, type Language, type RoleCard } from './roleCard'

export const SPEAKERS = ['client', 'counselor'] as const
export type Speaker = (typeof SPEAKERS)[number]

export const DIALOGUE_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number]

/**
 * A dialogue status as read from input: 'complete', the name before version 8 of the
 * workspace schema (and in files exported then), is read as 'completed'.
 */
export const DialogueStatusSchema = z.preprocess(
  (value: DialogueStatus | 'complete') => (value === 'complete' ? 'completed' : value),
  z.enum(DIALOGUE_STATUSES),
)

/** Why a dialogue stopped. Only 'keyword', 'end_token' and 'max_turns' (and 'imported') make it completed. */
export type EndReason =
  | { kind: 'keyword'; keyword: string; turn: number }
  | { kind: 'end_token'; token: string; turn: number }
  | { kind: 'max_turns'; turn: number }
  | { kind: 'error'; message: string }
  | { kind: 'cancelled' }
  | { kind: 'imported' }
  /** Saved from a test drive (a person chatted with a card's simulated client). */
  | { kind: 'test_drive' }

/** One LLM call behind a reply (an agent of a multi-agent counselor), as the transcript shows it. */
export interface TraceStep {
  /** The agent: plan, reflection, questioning, solutions, normalization, psychoeducation, technique, composer... */
  agent: string
  content: string
  model: string | null
  latencyMs: number | null
  promptTokens: number | null
  completionTokens: number | null
  /** What the workbench read from the answer (the technique agent's choice). */
  parsed?: string[]
  /** The call behind the step in the call log (its rows' callKey). */
  callKey?: string
  /** How the workbench read it when not as asked (an answer naming no technique: all five used). */
  note?: string
}

/**
 * How a reply was made, stored with it: the counselor method and its agents' calls in order (the last one wrote the
 * reply); for a client reply that ended the session with the end token, the token.
 */
export interface TurnTrace {
  method?: string
  steps?: TraceStep[]
  /** The client's end token was in the reply (stripped from the text); counted = it ended the session. */
  endToken?: { token: string; counted: boolean }
  /** A dynamic client's reply: the state it spoke from, the resistance drawn, the withheld facts it could disclose. */
  clientState?: ClientStateTrace
}

/** A counselor (or client) reply that failed refinement and was resampled. */
export interface RejectedAttempt {
  content: string
  reasons: string[]
}

/**
 * A message before it is stored: what a run produces or an import reads (only the workbench's own JSONL has the
 * optional fields).
 */
export interface MessageInput {
  speaker: Speaker
  content: string
  model?: string | null
  latencyMs?: number | null
  promptTokens?: number | null
  completionTokens?: number | null
  flagged?: boolean
  rejected?: RejectedAttempt[]
  trace?: TurnTrace | null
}

export interface Message {
  id: number
  dialogueId: string
  index: number
  speaker: Speaker
  content: string
  model: string | null
  latencyMs: number | null
  promptTokens: number | null
  completionTokens: number | null
  /** Kept although it failed refinement (all resamples were rejected). */
  flagged: boolean
  rejected: RejectedAttempt[]
  /** How the reply was made (multi-agent counselors, end tokens); null for plain replies. */
  trace: TurnTrace | null
  createdAt: string
}

export interface DialogueSummary {
  id: string
  datasetId: string
  runId: string | null
  /** Order within the dataset (0-based). */
  position: number
  /** The start of the first client message, for dialogues without a role card title. */
  excerpt: string
  roleCardId: string | null
  sample: number
  language: Language
  status: DialogueStatus
  endReason: EndReason | null
  turns: number
  messageCount: number
  chars: number
  flagged: boolean
  title: string
  tags: string[]
  promptTokens: number
  completionTokens: number
  updatedAt: string
  /** The case (a role card met over several sessions) this dialogue is a session of; null for a single dialogue. */
  caseId: string | null
  /** Its 1-based session index in the case; null for a single dialogue. */
  sessionIndex: number | null
  /** In a list filtered by a score (DialogueQuery.score): this dialogue's value of that metric. */
  score?: number | null
}

export interface DialogueDetail extends DialogueSummary {
  roleCard: RoleCard | null
  /** The system prompt the counselor worked with, when known (imports carry theirs). */
  systemPrompt: string | null
  messages: Message[]
  meta: Record<string, unknown>
  /** The summary made after this session (what was discussed, the plan, the client's state); null if none. */
  sessionSummary: string | null
  /** The sessions of its case in order (this one included); empty for a single dialogue. */
  sessions: CaseSession[]
}

/** One session of a case, as the dialogue view links them. */
export interface CaseSession {
  id: string
  sessionIndex: number
  status: DialogueStatus
  turns: number
  /** The summary made after it (the next session's prompts carried it); null if none. */
  summary: string | null
}

export interface Dataset {
  id: string
  name: string
  kind: 'run' | 'import'
  /** The run that produced it (kind 'run'). */
  runId: string | null
  source: string
  language: Language | 'mixed'
  description: string
  dialogueCount: number
  /** Dialogues that carry a role card (needed by the fidelity analyses). */
  withRoleCards: number
  createdAt: string
  /** Where it ran, for a run pulled back from a server (a remote run); absent otherwise. */
  ranOn?: RemoteProvenance
}

export const DialogueQuerySchema = z.object({
  datasetId: z.string().optional(),
  runId: z.string().optional(),
  text: z.string().max(500).default(''),
  status: DialogueStatusSchema.optional(),
  endReason: z.enum(['keyword', 'end_token', 'max_turns', 'error', 'cancelled', 'imported', 'test_drive']).optional(),
  minTurns: z.number().int().min(0).optional(),
  maxTurns: z.number().int().min(0).optional(),
  flagged: z.boolean().optional(),
  tag: z.string().optional(),
  language: z.enum(LANGUAGES).optional(),
  /** Only the sessions of this case (follow-up runs, multi-session imports). */
  caseId: z.string().min(1).optional(),
  /** Only dialogues that are this session of their case. */
  sessionIndex: z.number().int().min(1).optional(),
  /**
   * Only dialogues an analysis scored on a metric within a range (e.g. WAI bond < 4: max 3.999), or in the lowest or
   * highest share of its values (lowest 0.1: the lowest decile, ties at the cut included). `sort: 'score'` sorts by it.
   */
  score: z
    .object({
      evaluationId: z.string().min(1),
      metric: z.string().min(1),
      min: z.number().optional(),
      max: z.number().optional(),
      lowest: z.number().gt(0).max(1).optional(),
      highest: z.number().gt(0).max(1).optional(),
    })
    .refine((s) => s.lowest === undefined || s.highest === undefined, {
      message: 'give the lowest or the highest share, not both',
      path: ['highest'],
    })
    .optional(),
  sort: z.enum(['created', 'turns', 'chars', 'score']).default('created'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.number().int().min(1).max(100000).default(100000),
  offset: z.number().int().min(0).default(0),
  /**
   * Keyset paging: the rows after this one (a page's `next`), in the query's order; `offset` then counts from it.
   * Unlike a deep offset, it costs what the first page does, and rows stored meanwhile are not skipped or repeated.
   */
  after: z.tuple([z.number(), z.number(), z.number()]).optional(),
  /**
   * A text search may answer with its page before it has counted every match (`counted: false`, `total` then a
   * lower bound): a frequent word's page is found in ~10 ms, its count takes ~100 ms at 55k dialogues. Ask
   * `countDialogues` for the count. Without it, the count always comes with the page.
   */
  countLater: z.boolean().default(false),
})
/** Where a page of dialogues ended: its last row's sort value, position and row number (opaque to callers). */
export type DialogueCursor = [number, number, number]
export type DialogueQuery = z.input<typeof DialogueQuerySchema>

/**
 * Milliseconds the dataset browser's search box waits after the last key before searching. The target is results
 * within 300 ms of the last key (bench:search prints this plus a first page's p95 at 55k dialogues).
 */
export const SEARCH_DEBOUNCE_MS = 150

/** The dataset operations that run off the main thread and report progress. */
export type DatasetOperation = 'import' | 'export' | 'delete'
export interface DatasetProgress {
  operation: DatasetOperation
  datasetId: string | null
  done: number
  total: number
}

export const DATASET_FORMATS = ['openai', 'sharegpt', 'smile', 'magnet', 'jsonl', 'sessions'] as const
export type DatasetFormat = (typeof DATASET_FORMATS)[number]
