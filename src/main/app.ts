import { existsSync, readFileSync } from 'node:fs'
import { sessionRepo } from './db/sessionRepo'
import { sessionGroups } from './evaluation/sessionGroups'
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
import { evaluationRepo } from './db/evaluationRepo'
import { evaluationScoreRepo } from './db/evaluationScoreRepo'
import { scoreService } from './evaluation/scoreService'
import { evaluationRunner, type EvaluationRunner } from './evaluation/evaluationRunner'
import { evaluationJobs as jobsOfKinds } from './evaluation/jobs'
import { modelProvenance } from './evaluation/modelProvenance'
import { createTokenizePool } from './evaluation/tokenizePool'
import { createWordPool } from './evaluation/distinct/wordPool'
import { datasetService } from './datasets/datasetService'
import { openDatabase, schemaVersion, type Db } from './db/connection'
import { dialogueRepo } from './db/dialogueRepo'
import { llmCallRepo } from './db/llmCallRepo'
import { runRepo } from './db/runRepo'
import { settingsRepo } from './db/settingsRepo'
import { EventBus } from './events'
import { log } from './logger'
import { jobTimingFromEnv, type JobTiming } from './ownedJobs'
import { newOwnerId } from './processOwner'
import { endpointService } from './llm/endpointService'
import { createLlmGateway, type LlmGateway } from './llm/gateway'
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
  /** The clock (milliseconds) for annotators' claims on arena dialogues; tests move it by hand. */
  now?: () => number
}

export interface App {
  db: Db
  events: EventBus
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
  /** LLM judges of rating studies. */
  studyJudges: StudyJudges
  /** Stops runs cleanly (they resume at next open) and closes the database. */
  close(): Promise<void>
}

const VERSION: string = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version

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
  const studies = studyRepo(db)
  const judges = studyJudges({ db, repo: studies, endpoints, gateway, events, owner, calls, jobTiming })
  const study = studyService({ db, repo: studies, dialogues, events, judging: judges.judging })
  const tokenizePool = createTokenizePool()
  // Started on first use (a Distinct-n analysis at word level), like the tokenize pool.
  const wordPool = createWordPool()
  const evaluations = evaluationRepo(db)
  // Cases and their sessions (follow-up runs): what the by-session grouping of results reads.
  const sessions = sessionRepo(db)
  const scores = evaluationScoreRepo(db)
  const evaluationJobs = evaluationRunner({
    repo: evaluations,
    scores,
    dialogues,
    events,
    owner,
    calls,
    spent: ({ id, config }) => {
      const usage = calls.usageByRun(id)
      const endpointId = (config as { endpointId?: string } | null)?.endpointId
      const endpoint = endpoints.list().find((e) => e.id === endpointId)
      return {
        calls: usage.calls,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        cost: usage.cost,
        currency: endpoint?.currency ?? null,
      }
    },
    jobTiming,
    kinds: jobsOfKinds({
      db,
      gateway,
      endpoints,
      dataDir: options.dataDir,
      paths,
      tokenizeBatch: tokenizePool.tokenizeBatch,
      wordPool,
    }),
  })
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
    ...datasetHandlers({ datasets: datasetService(db, dialogues, events, runner.isActive), dialogues, calls }),
    ...trainingHandlers({ dialogues, training }),
    ...studyHandlers({ repo: studies, service: study, judges }),
    ...arenaHandlers({
      repo: arenas,
      runner: arena,
      agreements,
      desk: annotationDesk(db, arenas, arena, options.now),
      endpoints,
      calls,
    }),
    ...evaluationHandlers({
      runner: evaluationJobs,
      repo: evaluations,
      dialogues,
      scoreRepo: scores,
      events,
      scores: scoreService({ scores, evaluations, dialogues }),
      estimate: evaluationJobs.estimate,
      describeModel: modelProvenance(endpoints, calls.repliesByReplica),
      sessionGroups: (id) => sessionGroups({ sessions, scores, evaluations }, id),
    }),
  }

  const dispatch = createDispatch(handlers, (method, error) => log.error(`[${method}] failed`, error))
  if (options.resumeInterruptedRuns) {
    runner.resumeInterrupted()
    evaluationJobs.resumeInterrupted()
    arena.resumeInterrupted()
    agreements.resumeInterrupted()
    judges.resumeInterrupted()
  }
  // A timer must never end the process: when another process holds the database past the
  // busy timeout, the index is brought up to date at a later tick (searches also read what is not indexed yet).
  let indexError = ''
  const indexer = setInterval(() => {
    try {
      // At most four batches (about a second) a tick: a long backlog (an upgraded workspace) is caught up in steps.
      dialogues.syncSearchIndex(4)
      indexError = ''
    } catch (error) {
      const message = (error as Error).message
      if (message !== indexError) log.warn('search index not updated (will retry)', error)
      indexError = message
    }
  }, 2000)
  indexer.unref()
  let closed = false
  return {
    db,
    events,
    handlers,
    dispatch,
    info,
    runner,
    evaluations: evaluationJobs,
    arena,
    agreements,
    limitedAccess: (token) => annotatorAccess(arenas)(token) ?? raterAccess(study)(token),
    studyJudges: judges,
    async close() {
      if (closed) return
      closed = true
      clearInterval(indexer)
      await Promise.all([
        runner.shutdown(),
        evaluationJobs.shutdown(),
        arena.shutdown(),
        agreements.shutdown(),
        judges.shutdown(),
        Promise.resolve(study.close()),
        training.close(),
      ])
      await Promise.all([tokenizePool.close(), wordPool.close()])
      calls.flush()
      db.close()
    },
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
