import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiHandlers, AppInfo } from '@shared/api'
import { createDispatch, type Dispatch } from './api/dispatch'
import { endpointHandlers } from './api/handlers/endpoints'
import { roleCardHandlers } from './api/handlers/roleCards'
import { datasetHandlers } from './api/handlers/datasets'
import { promptHandlers } from './api/handlers/prompts'
import { runHandlers } from './api/handlers/runs'
import { evaluationHandlers } from './api/handlers/evaluation'
import { trainingHandlers } from './api/handlers/training'
import { trainingService, type TrainingOptions } from './training/remote/trainingService'
import { remoteRunHandlers } from './api/handlers/remoteRuns'
import { remoteRunRepo } from './db/remoteRunRepo'
import { startRemoteRuns } from './remoteRuns/remoteRunService'
import { selectRoleCards } from './roleCards/selectRoleCards'
import { runEndpoints } from './simulation/runCreation'
import { annotatorAccess, arenaHandlers } from './api/handlers/arena'
import { raterAccess, studyHandlers } from './api/handlers/studies'
import { studyRepo } from './db/studyRepo'
import { studyService } from './studies/studyService'
import { studyJudges, type StudyJudges } from './studies/studyJudge'
import type { LimitedAccess } from './api/limitedAccess'
import { annotationDesk } from './arena/annotation'
import { arenaRunner, type ArenaRunner } from './arena/arenaRunner'
import { arenaRepo } from './db/arenaRepo'
import { agreementJobs, type AgreementJobs } from './arena/agreementJobs'
import { agreementRepo } from './db/agreementRepo'
import { preferenceTrainingFiles } from './arena/preferenceExport'
import type { EvaluationRunner } from './evaluation/evaluationRunner'
import { evaluationServices } from './evaluation/evaluationServices'
import { workspaceWorker } from './workspaceWorker'
import { datasetParts } from './db/datasetParts'
import { uploads, type Uploads } from './datasets/uploads'
import { downloads, type Downloads } from './datasets/downloads'
import { datasetService } from './datasets/datasetService'
import { searchIndexer } from './datasets/searchIndexer'
import { openDatabase, schemaVersion, type Db } from './db/connection'
import { dialogueRepo } from './db/dialogueRepo'
import { llmCallRepo } from './db/llmCallRepo'
import { runRepo } from './db/runRepo'
import { settingsRepo } from './db/settingsRepo'
import { EventBus } from './events'
import { log } from './logger'
import { jobTimingFromEnv, type JobTiming } from './ownedJobs'
import { newOwnerId } from './processOwner'
import type { BatchLimits } from './evaluation/jobs/judgeBatch'
import { endpointService, type EndpointService } from './llm/endpointService'
import { createLlmGateway, type LlmGateway } from './llm/gateway'
import { unloadLocalModels } from './llm/localModel'
import { testDriveService } from './simulation/testDrive'
import { testDriveHandlers } from './api/handlers/testDrive'
import { REPO_RESOURCES_DIR, WORKSPACE_FILE } from './paths'
import { pathPolicy } from './pathPolicy'
import { templateStore } from './prompts/templateStore'
import { roleCardService, type RoleCardService } from './roleCards/roleCardService'
import type { SecretBox } from './secrets/secretBox'
import { simulationRunner, type SimulationRunner } from './simulation/runner'

export interface AppOptions {
  dataDir: string
  mode: AppInfo['mode']
  secrets: SecretBox
  nativeBinding?: string
  resourcesDir?: string
  /** Seed a new workspace with the example role cards (default true). */
  seedExamples?: boolean
  /**
   * Run imports, exports, deletes, statistics and estimates in this thread instead of the workspace worker: the
   * command line does (nothing else waits on its thread, and starting the worker would only add to each command).
   */
  heavyWorkInThisThread?: boolean
  /** Continue runs a crashed or killed process left unfinished (the desktop app and serve mode do). */
  resumeInterruptedRuns?: boolean
  /** Replace the LLM gateway (benchmarks tune its retry policy). */
  gateway?: (calls: ReturnType<typeof llmCallRepo>) => LlmGateway
  /**
   * Folders on this machine that remote callers (browsers in serve mode) may name files in,
   * besides the data folder (serve's --allow-path). Local callers may name any file.
   */
  allowedPathRoots?: string[]
  /** Remote training: following jobs (default: not in CLI mode), poll interval, cancel grace, SSH agent. */
  training?: TrainingOptions
  /**
   * Heartbeat and takeover limit of runs, evaluations and arenas (default: SIMPSY_JOB_HEARTBEAT_MS /
   * SIMPSY_JOB_STALE_MS, else 5 s / 20 s).
   */
  jobTiming?: JobTiming
  /** First pause between polls of a judge's provider batch (default 10 s; env SIMPSY_BATCH_POLL_MS). */
  batchPollMs?: number
  /** Lines and bytes per judge batch file, batches open at once (default: OpenAI's limits, 8; tests: small). */
  batchLimits?: BatchLimits
  /** The clock (milliseconds) for annotators' claims on arena dialogues; tests move it by hand. */
  now?: () => number
}

export interface App {
  db: Db
  events: EventBus
  /** Model endpoints (a remote run's command line saves the desktop's, keys included, in its own workspace). */
  endpoints: EndpointService
  handlers: ApiHandlers
  dispatch: Dispatch
  info: AppInfo
  runner: SimulationRunner
  evaluations: EvaluationRunner
  arena: ArenaRunner
  /** Judge–human agreement checks of arenas. */
  agreements: AgreementJobs
  /** Annotator and rater links (serve mode): which methods a link's token may call. */
  limitedAccess: LimitedAccess
  /** Where serve mode puts files a browser sends as they are (dataset imports). */
  uploads: Uploads
  /** Where serve mode keeps files it hands a browser as they are (exports). */
  downloads: Downloads
  /** LLM judges of rating studies. */
  studyJudges: StudyJudges
  /** Stops runs cleanly (they resume at next open) and closes the database. */
  close(): Promise<void>
}

export const VERSION: string = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
).version

/** The composition root: one database, the services over it, and the handlers of the API contract. */
export function createApp(options: AppOptions): App {
  const workspaceFile = join(options.dataDir, WORKSPACE_FILE)
  const isNew = !existsSync(workspaceFile)
  const db = openDatabase(workspaceFile, { nativeBinding: options.nativeBinding })
  const events = new EventBus()
  const owner = newOwnerId()
  const jobTiming = options.jobTiming ?? jobTimingFromEnv()
  const paths = pathPolicy([options.dataDir, ...(options.allowedPathRoots ?? [])])
  const settings = settingsRepo(db)
  const cards = roleCardService(db, events)
  const endpoints = endpointService(db, options.secrets)
  const templates = templateStore(db)
  const dialogues = dialogueRepo(db)
  const calls = llmCallRepo(db)
  const gateway = options.gateway?.(calls) ?? createLlmGateway({ calls })
  const runner = simulationRunner({
    db,
    runs: runRepo(db),
    dialogues,
    cards: cards.repo,
    templates,
    endpoints,
    gateway,
    calls,
    events,
    owner,
    jobTiming,
  })
  const arenas = arenaRepo(db)
  const arena = arenaRunner({
    db,
    repo: arenas,
    cards: cards.repo,
    templates,
    endpoints,
    gateway,
    events,
    owner,
    calls,
    jobTiming,
  })
  const agreements = agreementJobs({
    db,
    repo: agreementRepo(db),
    arenas,
    templates,
    endpoints,
    gateway,
    events,
    owner,
    calls,
    jobTiming,
  })
  const drives = testDriveService({ db, cards: cards.repo, templates, endpoints, gateway, dialogues, events })
  const studies = studyRepo(db)
  const judges = studyJudges({ db, repo: studies, endpoints, gateway, events, owner, calls, jobTiming })
  const study = studyService({ db, repo: studies, dialogues, events, judging: judges.judging })
  const uploaded = uploads(options.dataDir)
  const downloaded = downloads(options.dataDir)
  for (const [files, what] of [
    [uploaded, 'uploads'],
    [downloaded, 'downloads'],
  ] as const) {
    try {
      files.removeStale()
    } catch (error) {
      log.warn(`removing old ${what}`, error)
    }
  }
  const worker = workspaceWorker({
    db,
    file: workspaceFile,
    nativeBinding: options.nativeBinding,
    owner,
    inThisThread: options.heavyWorkInThisThread,
  })
  const evaluation = evaluationServices({
    db,
    dialogues,
    calls,
    endpoints,
    gateway,
    events,
    owner,
    jobTiming,
    worker,
    dataDir: options.dataDir,
    paths,
    batchPollMs: options.batchPollMs ?? envNumber('SIMPSY_BATCH_POLL_MS'),
    batchLimits: options.batchLimits,
  })
  const evaluationJobs = evaluation.runner
  if (isNew && options.seedExamples !== false) seedExampleCards(cards, options.resourcesDir ?? REPO_RESOURCES_DIR)

  const info: AppInfo = {
    name: 'SimPsy Workbench',
    version: VERSION,
    mode: options.mode,
    dataDir: options.dataDir,
    workspaceFile,
    schemaVersion: schemaVersion(db),
    secretStorage: options.secrets.description,
  }
  log.info(`workspace ${workspaceFile} opened (${options.mode}, version ${VERSION}, schema ${info.schemaVersion})`)

  // The desktop app and serve mode follow running jobs from the start (also those of an earlier session);
  // CLI commands read a job when asked (train follow, train status).
  const trainingOptions = { follow: options.mode !== 'cli', ...options.training }
  const training = trainingService({
    db,
    secrets: options.secrets,
    dialogues,
    preferences: (input) => preferenceTrainingFiles(arenas, input),
    endpoints,
    events,
    paths,
    options: trainingOptions,
  })
  const remoteRuns = startRemoteRuns({
    repo: remoteRunRepo(db),
    ...training.ssh,
    worker,
    endpoints,
    version: VERSION,
    schema: info.schemaVersion,
    runNeeds: (run) => ({
      cardIds: selectRoleCards(cards.repo, run.cards).cards.map((c) => c.id),
      endpointIds: runEndpoints(run.config),
    }),
    pullDir: join(options.dataDir, 'remote-runs'),
    emit: (view) => events.emit('remoteRun.changed', view),
    pullProgress: (progress) => events.emit('remoteRun.pull', progress),
    pulledChanged: (pulled) =>
      pulled.kind === 'simulation'
        ? events.emit('datasets.changed', {})
        : events.emit('evaluation.progress', evaluationJobs.summary(pulled.id)),
    cancelGraceMs: options.training?.cancelGraceMs ?? 10000,
    follow: trainingOptions.follow !== false,
    pollMs: options.training?.pollMs ?? 5000,
  })
  const handlers: ApiHandlers = {
    appInfo: () => info,
    getPreferences: () => ({ uiLanguage: settings.get('ui.language', null) }),
    setPreferences: (input) => {
      if (input.uiLanguage !== undefined) settings.set('ui.language', input.uiLanguage)
      const preferences = { uiLanguage: settings.get('ui.language', null) }
      events.emit('preferences.changed', preferences)
      return preferences
    },
    ...roleCardHandlers(cards),
    ...endpointHandlers(endpoints, events, gateway),
    ...promptHandlers(templates),
    ...runHandlers(runner),
    ...testDriveHandlers(drives),
    ...datasetHandlers({
      datasets: datasetService({
        db,
        dialogues,
        events,
        runIsActive: runner.isActive,
        worker,
        owner,
        uploaded,
        downloaded,
      }),
      dialogues,
      calls,
    }),
    ...trainingHandlers({ dialogues, training }),
    ...remoteRunHandlers(remoteRuns),
    ...studyHandlers({ repo: studies, service: study, judges }),
    ...arenaHandlers({
      repo: arenas,
      runner: arena,
      agreements,
      desk: annotationDesk(db, arenas, arena, options.now),
      endpoints,
      calls,
    }),
    ...evaluationHandlers(evaluation.handlerDeps),
  }

  const dispatch = createDispatch(handlers, (method, error) => log.error(`[${method}] failed`, error))
  if (options.resumeInterruptedRuns) {
    runner.resumeInterrupted()
    evaluationJobs.resumeInterrupted()
    arena.resumeInterrupted()
    agreements.resumeInterrupted()
    judges.resumeInterrupted()
  }
  // Imports and deletes another process left half-written (it died) are cleared away, off this thread.
  if (datasetParts(db).pending().length > 0)
    void worker.run('cleanUpDatasets', {}).catch((error) => log.warn('clearing half-written datasets', error))
  // Messages stored since the last tick (a run's) are added to the search indexes in the workspace worker.
  const indexer = searchIndexer({ behind: dialogues.searchBehind, sync: () => worker.run('syncSearchIndex', {}) })
  let closing: Promise<void> | null = null
  return {
    db,
    events,
    endpoints,
    handlers,
    dispatch,
    info,
    runner,
    evaluations: evaluationJobs,
    arena,
    agreements,
    uploads: uploaded,
    downloads: downloaded,
    limitedAccess: (token) => annotatorAccess(arenas)(token) ?? raterAccess(study)(token),
    studyJudges: judges,
    // Every caller waits for the same close (a remote job's SIGTERM and its command's end may both ask).
    close: () => (closing ??= closeApp()),
  }

  async function closeApp() {
    indexer.stop()
    drives.shutdown()
    await Promise.all([
      runner.shutdown(),
      evaluation.close(),
      arena.shutdown(),
      agreements.shutdown(),
      judges.shutdown(),
      Promise.resolve(study.close()),
      training.close(),
      remoteRuns.close(),
    ])
    await Promise.all([worker.close(), unloadLocalModels()])
    calls.flush()
    db.close()
  }
}

function seedExampleCards(cards: RoleCardService, resourcesDir: string) {
  const file = join(resourcesDir, 'sample-workspace', 'role-cards.json')
  if (!existsSync(file)) return
  const report = cards.import({
    fileName: 'role-cards.json',
    contentBase64: readFileSync(file).toString('base64'),
    format: 'json',
    onConflict: 'skip',
    dryRun: false,
  })
  if (report.errors.length) throw new Error(`The bundled example role cards are invalid: ${report.errors[0].message}`)
}

/** A positive number from the environment, or undefined. */
function envNumber(name: string): number | undefined {
  const n = Number(process.env[name])
  return Number.isFinite(n) && n > 0 ? n : undefined
}
