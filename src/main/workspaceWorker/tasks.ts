import type { ParsedInput } from '@shared/api'
import type { Dataset, DialogueDetail } from '@shared/dialogue'
import type { DialogueScore, EvaluationKind, EvaluationResult, JudgeEstimate } from '@shared/evaluation'
import type { Db } from '../db/connection'
import { dialogueRepo, type DialogueSize } from '../db/dialogueRepo'
import { evaluationScoreRepo } from '../db/evaluationScoreRepo'
import { compactWorkspace } from '../db/maintenance'
import { searchIndex } from '../db/searchIndex'
import { datasetTasks, type ImportRequest, type Progress } from '../datasets/datasetTasks'
import { statsJob } from '../evaluation/jobs/statsJob'
import { overlapJob } from '../evaluation/jobs/overlapJob'
import type { JobKind } from '../evaluation/evaluationRunner'
import type { TokenizeBatch } from '../evaluation/tokenizePool'
import { estimateAnalysis, type EstimateInput } from '../evaluation/estimateAnalysis'
import { exportBatchFile } from '../evaluation/batchExport'
import { EVALUATION_JOBS } from '../evaluation/jobs'
import type { EndpointSecret, EndpointService } from '../llm/endpointService'
import type { LlmGateway } from '../llm/gateway'
import type { PathPolicy } from '../pathPolicy'
import { WorkbenchError } from '@shared/errors'
import type { RemoteProvenance } from '@shared/remoteRun'
import { inputBundleParts, mergeRemoteResult, writeBundle } from '../db/workspaceBundle'

/** What a task gets: the worker's own connection to the workspace, progress, and a signal for cancelling. */
export interface TaskContext {
  db: Db
  /** The owner id of the process the worker belongs to (it marks half-written datasets). */
  owner: string
  progress: Progress
  signal: AbortSignal
  /** Tokenizing for overlap: worker threads of the worker's own (or this thread when none start). */
  tokenizeBatch: TokenizeBatch
}

/** Which analyses run whole in the workspace worker: the ones that read every dialogue and compute locally. */
const OFF_THREAD_JOBS: Partial<Record<EvaluationKind, (tokenizeBatch: TokenizeBatch) => JobKind>> = {
  stats: () => statsJob,
  overlap: (tokenizeBatch) => overlapJob(tokenizeBatch),
}
export const runsOffThread = (kind: EvaluationKind) => kind in OFF_THREAD_JOBS

/** Which dialogues of each dataset an analysis reads: a sample's ids, or all (null). */
export type DialogueChoice = { only: Record<string, string[] | null>; completeOnly: boolean }

const choose = (choice: DialogueChoice, datasetId: string) => {
  const only = choice.only[datasetId]
  return only ? new Set(only) : undefined
}

/**
 * A judged kind's job as the worker builds it for work that calls no endpoint (estimates, batch files): its one
 * endpoint as read by the main thread, without keys.
 */
function judgedJob(c: TaskContext, kind: EvaluationKind, endpoint: EndpointSecret | null) {
  const endpoints = {
    resolve(id: string) {
      if (!endpoint || endpoint.id !== id)
        throw new WorkbenchError('not_found', { key: 'endpoints.notFound', params: { id } })
      return endpoint
    },
  } as EndpointService
  return EVALUATION_JOBS[kind]({
    db: c.db,
    endpoints,
    // Neither calls an endpoint nor reads files.
    gateway: null as unknown as LlmGateway,
    dataDir: '',
    paths: null as unknown as PathPolicy,
    tokenizeBatch: c.tokenizeBatch,
  })
}

/** Scores written a batch per transaction (a resumed job's earlier scores go first). */
function storeScores(db: Db, evaluationId: string, scores: readonly DialogueScore[]) {
  evaluationScoreRepo(db).replaceInParts(evaluationId, scores)
}

/**
 * The heavy operations, by name: each a function of the workspace connection it is given. The workspace worker runs
 * them off the main thread; a process whose worker cannot start runs them in its own thread (the same code).
 */
export const TASKS = {
  importDataset: (c: TaskContext, input: ImportRequest) => datasetTasks(c.db, c.owner).import(input, c.progress),
  deleteDataset: (c: TaskContext, input: { id: string }) => datasetTasks(c.db, c.owner).delete(input.id, c.progress),
  cleanUpDatasets: (c: TaskContext, _input: object) => datasetTasks(c.db, c.owner).cleanUp(),
  exportDataset: (c: TaskContext, input: ParsedInput<'exportDataset'> & { toFile?: string }) =>
    datasetTasks(c.db, c.owner).export(input, c.progress),
  compactWorkspace: (c: TaskContext, _input: object) => compactWorkspace(c.db),
  /** Messages stored since the search indexes' marks, added in batches (one transaction each). */
  syncSearchIndex: (c: TaskContext, _input: object) => searchIndex(c.db).syncSearchIndex(),
  /** Per-dialogue sizes for an estimate (one SQL query per dataset). */
  dialogueSizes(c: TaskContext, input: DialogueChoice & { datasetIds: string[]; withCards: boolean }): DialogueSize[] {
    const repo = dialogueRepo(c.db)
    const sizes: DialogueSize[] = []
    for (const id of input.datasetIds)
      for (const s of repo.iterateSizes(id, {
        only: choose(input, id),
        completeOnly: input.completeOnly,
        withCards: input.withCards,
      }))
        sizes.push(s)
    return sizes
  },
  /** A judged analysis's estimate (estimateAnalysis.ts); the endpoint comes without keys (nothing is called). */
  estimateAnalysis(c: TaskContext, input: EstimateInput & { endpoint: EndpointSecret | null }): JudgeEstimate {
    const { endpoint, ...estimate } = input
    return estimateAnalysis(judgedJob(c, input.kind, endpoint), dialogueRepo(c.db), estimate)
  },
  /** A judged analysis's requests as a batch file (batchExport.ts); the endpoint comes without keys. */
  exportBatch(c: TaskContext, input: EstimateInput & { endpoint: EndpointSecret | null; datasets: Dataset[] }) {
    const { endpoint, datasets, ...request } = input
    return exportBatchFile(judgedJob(c, input.kind, endpoint), dialogueRepo(c.db), request, datasets)
  },
  /** What a remote run needs from this workspace, as a bundle file to upload (workspaceBundle.ts). */
  writeRemoteInput: (c: TaskContext, input: { file: string; cardIds: string[]; datasetIds: string[] }) =>
    writeBundle(c.db, input.file, inputBundleParts(input)),
  /** A remote run's pulled result merged here (a pull again replaces it), with where it ran. */
  mergeRemoteResult: (c: TaskContext, input: { file: string; provenance: RemoteProvenance }) =>
    mergeRemoteResult(c.db, input.file, input.provenance),
  storeScores: (c: TaskContext, input: { evaluationId: string; scores: DialogueScore[] }) =>
    storeScores(c.db, input.evaluationId, input.scores),
  /** A whole analysis of an off-thread kind; its per-dialogue scores are stored here, the result goes back. */
  async evaluationJob(
    c: TaskContext,
    input: DialogueChoice & { kind: EvaluationKind; evaluationId: string; config: unknown; datasets: Dataset[] },
  ): Promise<EvaluationResult> {
    const make = OFF_THREAD_JOBS[input.kind]
    if (!make) throw new Error(`analysis kind ${input.kind} does not run in the workspace worker`)
    const repo = dialogueRepo(c.db)
    const scores: DialogueScore[] = []
    const result = await make(c.tokenizeBatch).run({
      evaluationId: input.evaluationId,
      config: input.config,
      datasets: input.datasets,
      dialoguesOf: (datasetId): Iterable<DialogueDetail> =>
        repo.iterateDetails(datasetId, choose(input, datasetId), input.completeOnly),
      transcriptsOf: (datasetId) => repo.iterateTranscripts(datasetId, choose(input, datasetId), input.completeOnly),
      signal: c.signal,
      done: new Set(),
      record: () => {},
      results: () => [],
      progress: c.progress,
      // Statistics and overlap keep no rows of their own and report only progress.
      write: (fn) => fn(),
      changed: () => {},
      score: (rows) => {
        for (const row of rows) scores.push(row)
      },
    })
    storeScores(c.db, input.evaluationId, scores)
    return result
  },
}

export type TaskName = keyof typeof TASKS
export type TaskInput<K extends TaskName> = Parameters<(typeof TASKS)[K]>[1]
export type TaskOutput<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]>>
