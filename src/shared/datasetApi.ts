import { z } from 'zod'
import { exactlyOne } from './exactlyOne'
import type { ExportedFile } from './api'
import { base64Content, byId, method, none } from './apiMethod'
import { formatMessage } from './messages'
import {
  DATASET_FORMATS,
  DialogueQuerySchema,
  type Dataset,
  type DialogueCursor,
  type DialogueDetail,
  type DialogueSummary,
} from './dialogue'
import type { RowError } from './roleCard'

export interface DatasetImportReport {
  file: string
  format: string
  rows: number
  imported: number
  withRoleCards: number
  /** Rows left out because of their errors (only with skipInvalidRows). */
  skipped: number
  errors: RowError[]
  datasetId: string | null
}

export interface LlmCallView {
  id: number
  purpose: string
  model: string
  latencyMs: number
  promptTokens: number | null
  completionTokens: number | null
  /** Prompt tokens the server read from its cache; null when it did not say (and before schema 12). */
  cachedTokens: number | null
  /** The base URL the attempt went to (an endpoint's own or one of its replicas); null before schema 12. */
  replica: string | null
  errorKind: string | null
  error: string | null
  attempt: number
  /** The gateway call this attempt belongs to (trace steps name it); null for calls logged before schema 10. */
  callKey: string | null
  createdAt: string
}

/** One logged call whole: what was sent (messages and sampling settings) and what came back. Never a key. */
export interface LlmCallDetail extends LlmCallView {
  /** The request body as sent: messages, temperature, top_p, max_tokens, seed (null when it was not JSON). */
  request: { messages?: { role: string; content: string }[] } & Record<string, unknown>
  response: string | null
  finishReason: string | null
  cost: number | null
}

/** The dataset and dialogue part of the API contract (spread into `api` in api.ts). */
export const datasetApi = {
  listDatasets: method(none).returns<Dataset[]>(),
  renameDataset: method(
    z.object({ id: z.string(), name: z.string().trim().min(1).max(200), description: z.string().max(5000).optional() }),
  ).returns<Dataset>(),
  deleteDataset: method(byId).returns<{ deleted: boolean }>(),
  /**
   * Rewrites the workspace file without the space deleted rows left (VACUUM). Needs free disk space of about the
   * file's size; refused while a run, analysis or arena is going. Sizes in bytes, the log included.
   */
  compactWorkspace: method(none).returns<{ before: number; after: number; seconds: number }>(),
  listDialogues: method(DialogueQuerySchema).returns<{
    /** How many dialogues the query selects; a lower bound when `counted` is false (see `countLater`). */
    total: number
    counted: boolean
    items: DialogueSummary[]
    /** Pass as `after` for the next page; null after the last. */
    next: DialogueCursor | null
  }>(),
  /** How many dialogues a query selects (its limit, offset and cursor aside): the count a `countLater` page left. */
  countDialogues: method(DialogueQuerySchema).returns<{ total: number }>(),
  /** A new dataset of copies of the dialogues a query selects (e.g. by a score), to export or analyse on its own. */
  createDatasetFromSelection: method(
    z.object({
      query: DialogueQuerySchema,
      name: z.string().trim().max(200).default(''),
      /** The language of the name, source and description the server words (the interface language). */
      language: z.enum(['en', 'zh']).default('en'),
    }),
  ).returns<Dataset>(),
  /** A logged LLM call (simulation, judge, referee) with its request and response, to read what the model saw. */
  getLlmCall: method(z.object({ id: z.number().int().min(1) })).returns<LlmCallDetail>(),
  getDialogue: method(byId).returns<DialogueDetail & { calls: LlmCallView[] }>(),
  importDataset: method(
    z
      .object({
        fileName: z.string().min(1),
        /** The file's bytes as base64 (desktop, scripts)… */
        contentBase64: base64Content.optional(),
        /** …or a file serve mode received as it is (POST /upload); it is removed once imported. */
        uploadId: z.string().min(1).optional(),
        format: z.enum([...DATASET_FORMATS, 'auto']).default('auto'),
        name: z.string().trim().max(200).optional(),
        /** Import the valid dialogues and list the broken rows as skipped (default: all or none). */
        skipInvalidRows: z.boolean().default(false),
        dryRun: z.boolean().default(false),
      })
      .superRefine((input, ctx) => {
        exactlyOne(ctx, input.contentBase64, input.uploadId, 'contentBase64', formatMessage('files.uploadOrContent'))
      }),
  ).returns<DatasetImportReport>(),
  exportDataset: method(
    z.object({
      id: z.string(),
      format: z.enum(DATASET_FORMATS),
      /** Only dialogues that ended by a rule (default true). */
      completeOnly: z.boolean().default(true),
      systemPrompt: z.string().nullable().optional(),
      /**
       * 'inline': the content in the answer; 'download' (serve mode's page): the file is written aside and fetched with
       * GET /download/<downloadId>, so a 200 MB export is never one string in the server's main thread.
       */
      delivery: z.enum(['inline', 'download']).default('inline'),
    }),
  ).returns<ExportedFile & { count: number; downloadId?: string }>(),
} as const
