import type { Db } from '../db/connection'
import type { DialogueRepo } from '../db/dialogueRepo'
import { evaluationRepo } from '../db/evaluationRepo'
import { evaluationScoreRepo } from '../db/evaluationScoreRepo'
import { judgeBatchRepo } from '../db/judgeBatchRepo'
import { judgeCacheRepo } from '../db/judgeCacheRepo'
import type { LlmCallRepo } from '../db/llmCallRepo'
import { sessionRepo } from '../db/sessionRepo'
import type { EventBus } from '../events'
import type { EndpointService } from '../llm/endpointService'
import type { LlmGateway } from '../llm/gateway'
import type { JobTiming } from '../ownedJobs'
import type { PathPolicy } from '../pathPolicy'
import type { WorkspaceWorker } from '../workspaceWorker'
import type { evaluationHandlers } from '../api/handlers/evaluation'
import { importBatchOutput } from './batchImport'
import { createWordPool } from './distinct/wordPool'
import { evaluationRunner } from './evaluationRunner'
import { evaluationJobs } from './jobs'
import type { BatchLimits } from './jobs/judgeBatch'
import { modelProvenance } from './modelProvenance'
import { scoreService } from './scoreService'
import { sessionGroups } from './sessionGroups'
import { createTokenizePool } from './tokenizePool'

/**
 * Analyses as the app composes them: their runner over every kind of the registry, the worker pools they tokenize in,
 * and what the evaluation API's handlers need besides the runner (scores, batch import, model provenance, sessions).
 */
export function evaluationServices(deps: {
  db: Db
  dialogues: DialogueRepo
  calls: LlmCallRepo
  endpoints: EndpointService
  gateway: LlmGateway
  events: EventBus
  owner: string
  jobTiming: JobTiming
  worker: WorkspaceWorker
  dataDir: string
  paths: PathPolicy
  /** First pause between polls of a judge's provider batch. */
  batchPollMs?: number
  batchLimits?: BatchLimits
}) {
  const { db, dialogues, calls, endpoints, events } = deps
  const tokenizePool = createTokenizePool()
  // Started on first use (a Distinct-n analysis at word level), like the tokenize pool.
  const wordPool = createWordPool()
  const repo = evaluationRepo(db)
  const judgeBatches = judgeBatchRepo(db)
  const scores = evaluationScoreRepo(db)
  // Cases and their sessions (follow-up runs): what the by-session grouping of results reads.
  const sessions = sessionRepo(db)
  const runner = evaluationRunner({
    repo,
    scores,
    dialogues,
    events,
    owner: deps.owner,
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
    jobTiming: deps.jobTiming,
    worker: deps.worker,
    judgeEndpoint: (id) => {
      try {
        const { apiKey: _k, replicas, ...endpoint } = endpoints.resolve(id)
        return { ...endpoint, apiKey: '', replicas: replicas?.map((r) => ({ ...r, apiKey: '' })) }
      } catch {
        return null
      }
    },
    kinds: evaluationJobs({
      db,
      gateway: deps.gateway,
      endpoints,
      dataDir: deps.dataDir,
      paths: deps.paths,
      tokenizeBatch: tokenizePool.tokenizeBatch,
      wordPool,
      calls,
      batchPollMs: deps.batchPollMs,
      batchLimits: deps.batchLimits,
    }),
    batches: (id) => judgeBatches.views(id),
  })
  const handlerDeps: Parameters<typeof evaluationHandlers>[0] = {
    runner,
    repo,
    dialogues,
    scoreRepo: scores,
    events,
    scores: scoreService({ scores, evaluations: repo, dialogues }),
    estimate: runner.estimate,
    importBatch: ({ endpointId, contentBase64, priceFactor }) =>
      importBatchOutput(
        { calls, cache: judgeCacheRepo(db), write: (fn) => db.transaction(fn).immediate() },
        endpoints.resolve(endpointId),
        Buffer.from(contentBase64, 'base64').toString('utf8'),
        priceFactor,
      ),
    describeModel: modelProvenance(endpoints, calls.repliesByReplica),
    sessionGroups: (id) => sessionGroups({ sessions, scores, evaluations: repo }, id),
  }
  return {
    runner,
    handlerDeps,
    /** Stops the analyses (they resume at next open) and the worker pools. */
    async close() {
      await runner.shutdown()
      await Promise.all([tokenizePool.close(), wordPool.close()])
    },
  }
}
