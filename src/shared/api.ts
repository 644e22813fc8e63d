import { z } from 'zod'
import {
  RoleCardInputSchema,
  RoleCardQuerySchema,
  RoleCardSchema,
  ROLE_CARD_EXPORT_FORMATS,
  ROLE_CARD_FORMATS,
  type ImportReport,
  type RoleCard,
  type RoleCardPage,
} from './roleCard'
import { EndpointInputSchema, type ConnectionCheck, type EndpointView } from './endpoint'
import {
  DATASET_FORMATS,
  DialogueQuerySchema,
  type Dataset,
  type DialogueDetail,
  type DialogueStatus,
  type DialogueSummary,
  type EndReason,
  type Message,
} from './dialogue'
import { StartRunSchema, type RunSummary, type SimulationConfig } from './simulation'
import { LANGUAGES } from './roleCard'
import { method, none, byId } from './apiMethod'
import { trainingApi } from './trainingApi'
import { arenaApi } from './arenaApi'
import type { ArenaSummary } from './arena'
import type { TrainingJobView } from './training'
export type { TrainingSummary, TrainingJobView } from './training'
import { StartEvaluationSchema, type EvaluationSummary, type EvaluationVocabulary, type JudgeEstimate } from './evaluation'

/**
 * The one API contract. Each method names its input schema (validated once,
 * by the dispatcher in src/main) and its output type. Adapters (IPC, HTTP,
 * CLI) and the renderer client are generic over this object: adding a method
 * here (or in an area's file: arenaApi, trainingApi) and its handler in
 * src/main is all it takes.
 */

export const UI_LANGUAGES = ['en', 'zh'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]

export interface AppInfo {
  name: string
  version: string
  mode: 'electron' | 'serve' | 'cli'
  dataDir: string
  workspaceFile: string
  schemaVersion: number
  secretStorage: string
}

export interface Preferences {
  uiLanguage: UiLanguage | null
}

export interface ExportedFile {
  fileName: string
  mimeType: string
  /** Text, or base64 when `encoding` is 'base64' (zip files). */
  content: string
  encoding?: 'utf8' | 'base64'
}

export interface PromptTemplateView {
  id: string
  language: (typeof LANGUAGES)[number]
  version: number
  kind: string
  name: string
  text: string
  note: string
  createdAt: string
}

export interface DatasetImportReport {
  file: string
  format: string
  rows: number
  imported: number
  withRoleCards: number
  /** Rows left out because of their errors (only with skipInvalidRows). */
  skipped: number
  errors: import('./roleCard').RowError[]
  datasetId: string | null
}

export interface LlmCallView {
  id: number
  purpose: string
  model: string
  latencyMs: number
  promptTokens: number | null
  completionTokens: number | null
  errorKind: string | null
  error: string | null
  attempt: number
  createdAt: string
}

export const api = {
  appInfo: method(none).returns<AppInfo>(),
  getPreferences: method(none).returns<Preferences>(),
  setPreferences: method(z.object({ uiLanguage: z.enum(UI_LANGUAGES).nullable().optional() })).returns<Preferences>(),

  listRoleCards: method(RoleCardQuerySchema).returns<RoleCardPage>(),
  getRoleCard: method(byId).returns<RoleCard>(),
  createRoleCard: method(RoleCardInputSchema).returns<RoleCard>(),
  /** `expectedUpdatedAt` guards against overwriting a change made elsewhere (another window, the CLI). */
  updateRoleCard: method(
    z.object({ id: z.string().min(1), card: RoleCardInputSchema, expectedUpdatedAt: z.string().optional() }),
  ).returns<RoleCard>(),
  duplicateRoleCard: method(byId).returns<RoleCard>(),
  /** Returns the deleted cards so the UI can offer undo through restoreRoleCards. */
  deleteRoleCards: method(z.object({ ids: z.array(z.string().min(1)).min(1) })).returns<{ deleted: RoleCard[] }>(),
  restoreRoleCards: method(z.object({ cards: z.array(RoleCardSchema).min(1) })).returns<{ restored: number }>(),
  /** The card as the client agent will read it inside its prompt. */
  renderRoleCard: method(z.object({ card: RoleCardInputSchema })).returns<{ text: string }>(),
  importRoleCards: method(
    z.object({
      fileName: z.string().min(1),
      contentBase64: z.string(),
      format: z.enum([...ROLE_CARD_FORMATS, 'auto']).default('auto'),
      /** What to do when an imported id already exists in the workspace. */
      onConflict: z.enum(['error', 'skip', 'replace']).default('error'),
      /** Applied to every imported card that has none. */
      pool: z.string().max(50).optional(),
      tags: z.array(z.string().min(1).max(50)).optional(),
      dryRun: z.boolean().default(false),
    }),
  ).returns<ImportReport>(),
  exportRoleCards: method(
    z.object({
      format: z.enum(ROLE_CARD_EXPORT_FORMATS),
      /** Omit to export every card matching `query` (or all cards). */
      ids: z.array(z.string()).optional(),
      query: RoleCardQuerySchema.optional(),
    }),
  ).returns<ExportedFile & { count: number }>(),

  listEndpoints: method(none).returns<EndpointView[]>(),
  saveEndpoint: method(EndpointInputSchema).returns<EndpointView>(),
  deleteEndpoint: method(byId).returns<{ deleted: boolean }>(),
  /** Test a saved endpoint (by id) or an unsaved draft (which may reuse a saved key by id). */
  testEndpoint: method(z.object({ id: z.string().optional(), draft: EndpointInputSchema.optional() })).returns<ConnectionCheck>(),

  listTemplates: method(none).returns<PromptTemplateView[]>(),
  templateHistory: method(z.object({ id: z.string(), language: z.enum(LANGUAGES) })).returns<PromptTemplateView[]>(),
  /** Saving changed text adds a version; runs keep the version they pinned. */
  saveTemplate: method(
    z.object({ id: z.string(), language: z.enum(LANGUAGES), text: z.string().trim().min(1, 'must not be empty').max(50000), note: z.string().max(500).default('') }),
  ).returns<PromptTemplateView>(),

  /** The paper's settings, for a new run form (endpoints left for the user to choose). */
  simulationDefaults: method(none).returns<SimulationConfig>(),
  startRun: method(StartRunSchema).returns<RunSummary>(),
  pauseRun: method(byId).returns<RunSummary>(),
  resumeRun: method(byId).returns<RunSummary>(),
  /** Failed dialogues go back in line and continue from their last stored message (a paused or finished run runs again). */
  retryFailedDialogues: method(byId).returns<RunSummary>(),
  cancelRun: method(byId).returns<RunSummary>(),
  listRuns: method(none).returns<RunSummary[]>(),
  getRun: method(byId).returns<RunSummary>(),

  listDatasets: method(none).returns<Dataset[]>(),
  renameDataset: method(z.object({ id: z.string(), name: z.string().trim().min(1).max(200), description: z.string().max(5000).optional() })).returns<Dataset>(),
  deleteDataset: method(byId).returns<{ deleted: boolean }>(),
  listDialogues: method(DialogueQuerySchema).returns<{ total: number; items: DialogueSummary[] }>(),
  getDialogue: method(byId).returns<DialogueDetail & { calls: LlmCallView[] }>(),
  importDataset: method(
    z.object({
      fileName: z.string().min(1),
      contentBase64: z.string(),
      format: z.enum([...DATASET_FORMATS, 'auto']).default('auto'),
      name: z.string().trim().max(200).optional(),
      /** Import the valid dialogues and list the broken rows as skipped (default: all or none). */
      skipInvalidRows: z.boolean().default(false),
      dryRun: z.boolean().default(false),
    }),
  ).returns<DatasetImportReport>(),
  exportDataset: method(
    z.object({
      id: z.string(),
      format: z.enum(DATASET_FORMATS),
      /** Only dialogues that ended by a rule (default true). */
      completeOnly: z.boolean().default(true),
      systemPrompt: z.string().nullable().optional(),
    }),
  ).returns<ExportedFile & { count: number }>(),

  /** Calls, tokens and cost a judge job (topics, WAI) will need, before the user confirms. */
  estimateEvaluation: method(StartEvaluationSchema).returns<JudgeEstimate>(),
  startEvaluation: method(StartEvaluationSchema).returns<EvaluationSummary>(),
  listEvaluations: method(none).returns<EvaluationSummary[]>(),
  getEvaluation: method(byId).returns<EvaluationSummary>(),
  pauseEvaluation: method(byId).returns<EvaluationSummary>(),
  resumeEvaluation: method(byId).returns<EvaluationSummary>(),
  cancelEvaluation: method(byId).returns<EvaluationSummary>(),
  deleteEvaluation: method(byId).returns<{ deleted: boolean }>(),
  /** Failed units with the judge's raw answer, so nothing is silently dropped. */
  listEvaluationFailures: method(z.object({ id: z.string(), limit: z.number().int().min(1).max(10000).default(500) })).returns<
    { key: string; datasetId: string; dialogueId: string | null; round: number; item: string; raw: string | null; error: string | null; attempts: number }[]
  >(),
  evaluationVocabulary: method(none).returns<EvaluationVocabulary>(),
  exportEvaluationTable: method(z.object({ id: z.string(), format: z.enum(['csv', 'markdown', 'latex']) })).returns<ExportedFile>(),


  ...trainingApi,
  ...arenaApi,
} as const

export type Api = typeof api
export type MethodName = keyof Api
export type MethodInput<K extends MethodName> = z.input<Api[K]['input']>
export type ParsedInput<K extends MethodName> = z.output<Api[K]['input']>
export type MethodOutput<K extends MethodName> = Api[K]['output']
export const METHOD_NAMES = Object.keys(api) as MethodName[]

/** What src/main implements, once. */
export type ApiHandlers = {
  [K in MethodName]: (input: ParsedInput<K>) => Promise<MethodOutput<K>> | MethodOutput<K>
}

/** What the renderer (and tests) call. */
export type ApiClient = {
  [K in MethodName]: (input?: MethodInput<K>) => Promise<MethodOutput<K>>
}

export interface JobProgress {
  jobId: string
  kind: string
  label: string
  done: number
  total: number
  state: 'running' | 'done' | 'failed' | 'cancelled'
  message?: string
}

/** Events the main side pushes to every connected UI. */
export interface EventMap {
  'job.progress': JobProgress
  /** Role cards were added, changed or removed (by any window, the CLI, an import). */
  'roleCards.changed': { reason: 'create' | 'update' | 'delete' | 'import' | 'restore' }
  'endpoints.changed': Record<string, never>
  'preferences.changed': Preferences
  'run.progress': RunSummary
  'dialogue.message': { runId: string | null; dialogueId: string; message: Message }
  'dialogue.status': { runId: string | null; dialogueId: string; status: DialogueStatus; endReason: EndReason | null }
  'datasets.changed': Record<string, never>
  'evaluation.progress': EvaluationSummary
  'arena.progress': ArenaSummary
  'training.job': TrainingJobView
}
export type EventName = keyof EventMap
export interface WorkbenchEvent<K extends EventName = EventName> {
  name: K
  payload: EventMap[K]
}

/** The bridge the Electron preload exposes as `window.workbench`. */
export interface WorkbenchBridge {
  call(method: string, input: unknown): Promise<import('./errors').Envelope>
  onEvent(listener: (event: WorkbenchEvent) => void): () => void
}
