import { z } from 'zod'
import type { Envelope } from './errors'
import type { DatasetProgress, DialogueStatus, EndReason, Message } from './dialogue'
import type { RunSummary } from './simulation'
import { method, none } from './apiMethod'
import { roleCardApi } from './roleCardApi'
import { endpointApi } from './endpointApi'
import { promptApi } from './promptApi'
import { simulationApi } from './simulationApi'
import { datasetApi } from './datasetApi'
import { evaluationApi } from './evaluationApi'
import { trainingApi } from './trainingApi'
import { arenaApi } from './arenaApi'
import { studyApi } from './studyApi'
import { testDriveApi } from './testDriveApi'
import { remoteRunApi } from './remoteRunApi'
import type { RemotePullProgress, RemoteRunView } from './remoteRun'
import type { ArenaAgreementView, ArenaSummary } from './arena'
import type { EvaluationSummary } from './evaluation'
import type { TrainingJobView } from './training'
import type { StudyJudgeView, StudySummary } from './study'
export type { TrainingSummary, TrainingJobView } from './training'

/**
 * The one API contract. Each method names its input schema (validated once,
 * by the dispatcher in src/main) and its output type. Adapters (IPC, HTTP,
 * CLI) and the renderer client are generic over this object: adding a method
 * in an area's file (roleCardApi, endpointApi, promptApi, simulationApi,
 * datasetApi, evaluationApi, trainingApi, arenaApi, studyApi, remoteRunApi) and its handler in
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

export const api = {
  appInfo: method(none).returns<AppInfo>(),
  getPreferences: method(none).returns<Preferences>(),
  setPreferences: method(z.object({ uiLanguage: z.enum(UI_LANGUAGES).nullable().optional() })).returns<Preferences>(),
  ...roleCardApi,
  ...endpointApi,
  ...promptApi,
  ...simulationApi,
  ...datasetApi,
  ...evaluationApi,
  ...trainingApi,
  ...arenaApi,
  ...studyApi,
  ...testDriveApi,
  ...remoteRunApi,
} as const

export type Api = typeof api
export type MethodName = keyof Api
export type MethodInput<K extends MethodName> = z.input<Api[K]['input']>
export type ParsedInput<K extends MethodName> = z.output<Api[K]['input']>
export type MethodOutput<K extends MethodName> = Api[K]['output']
export const METHOD_NAMES = Object.keys(api) as MethodName[]

/** Who made a call, as the adapter knows it. */
export interface CallContext {
  /** Over HTTP (serve mode): the caller may be on another machine, so paths on this one are limited. */
  remote: boolean
}

/** What src/main implements, once. */
export type ApiHandlers = {
  [K in MethodName]: (input: ParsedInput<K>, call: CallContext) => Promise<MethodOutput<K>> | MethodOutput<K>
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
  /** A long dataset operation moved on (dialogues done of total): an import (no id yet), an export or a delete. */
  'datasets.progress': DatasetProgress
  'evaluation.progress': EvaluationSummary
  'arena.progress': ArenaSummary
  /** A judge–human agreement check moved on, or ended. */
  'agreement.progress': ArenaAgreementView
  'training.job': TrainingJobView
  /** A remote run was launched, moved on, ended, was pulled or deleted (`deleted`). */
  'remoteRun.changed': RemoteRunView & { deleted?: boolean }
  /** A pull moved on (the result file bundled, coming down, merged). */
  'remoteRun.pull': RemotePullProgress
  /** A study was created, deleted or answered (progress for its owner). */
  'study.changed': StudySummary & { deleted?: boolean }
  /** A study's LLM judge moved on, or ended. */
  'study.judge': StudyJudgeView
  /** A piece of a test drive's client reply as it streams in (`attempt` > 1: a retry started the reply over). */
  'testDrive.delta': { driveId: string; text: string; attempt: number }
}
export type EventName = keyof EventMap
export interface WorkbenchEvent<K extends EventName = EventName> {
  name: K
  payload: EventMap[K]
}

/** The bridge the Electron preload exposes as `window.workbench`. */
export interface WorkbenchBridge {
  call(method: string, input: unknown): Promise<Envelope>
  onEvent(listener: (event: WorkbenchEvent) => void): () => void
  /**
   * Sends a file as it is (serve mode: streamed, no base64) for an API call that takes an upload id
   * (importDataset); absent where files travel as base64 (the desktop bridge).
   */
  upload?(file: Blob, onProgress?: (sent: number, total: number) => void): Promise<Envelope<UploadReceipt>>
  /**
   * Saves a file the server wrote aside (an export asked for with delivery 'download'), fetched as it is (serve mode:
   * GET /download/<id>); absent where files come in the answer (the desktop bridge).
   */
  download?(downloadId: string): void
}

/** A file serve mode received (POST /upload). */
export interface UploadReceipt {
  uploadId: string
  bytes: number
}
