import { EVALUATIONS, type EvaluationKind } from '@shared/evaluation'
import type { Db } from '../../db/connection'
import type { LlmCallRepo } from '../../db/llmCallRepo'
import type { BatchLimits } from './judgeBatch'
import type { EndpointService } from '../../llm/endpointService'
import type { LlmGateway } from '../../llm/gateway'
import type { PathPolicy } from '../../pathPolicy'
import { consistencyJob } from '../consistency/consistencyJob'
import { ctrsJob } from '../ctrs/ctrsJob'
import type { JobKind } from '../evaluationRunner'
import { panasJob } from '../panas/panasJob'
import type { TokenizeBatch } from '../tokenizePool'
import { distinctJob } from '../distinct/distinctJob'
import type { WordPool } from '../distinct/wordPool'
import { topicsJob } from '../topics/topicsJob'
import { waiJob } from '../wai/waiJob'
import { embeddingJob } from './embeddingJob'
import { overlapJob } from './overlapJob'
import { statsJob } from './statsJob'

/** What the jobs of every kind may use; each takes what it needs. */
export interface JobDeps {
  db: Db
  gateway: LlmGateway
  endpoints: EndpointService
  /** The workspace's data folder (downloaded models). */
  dataDir: string
  paths: PathPolicy
  tokenizeBatch: TokenizeBatch
  /** Worker threads cutting words for Distinct-n (none: this thread cuts them). */
  wordPool?: WordPool
  /** The LLM call log: judge answers imported from provider batches are logged in it. */
  calls?: LlmCallRepo
  /** First pause between polls of a provider batch (default 10 s). */
  batchPollMs?: number
  batchLimits?: BatchLimits
}

/** A judged kind's job also estimates its calls and cost before it starts. */
type JobOf<K extends EvaluationKind> = (typeof EVALUATIONS)[K]['judged'] extends true
  ? JobKind & Required<Pick<JobKind, 'estimate'>>
  : JobKind

/**
 * The job of every kind in the registry (src/shared/evaluations): keyed by every kind, so the compiler asks for a job
 * for each, and one that estimates for each judged kind.
 */
export const EVALUATION_JOBS: { [K in EvaluationKind]: (deps: JobDeps) => JobOf<K> } = {
  stats: () => statsJob,
  overlap: (deps) => overlapJob(deps.tokenizeBatch),
  embedding: (deps) => embeddingJob(deps),
  topics: (deps) => topicsJob(deps),
  wai: (deps) => waiJob(deps),
  ctrs: (deps) => ctrsJob(deps),
  panas: (deps) => panasJob(deps),
  consistency: (deps) => consistencyJob(deps),
  distinct: (deps) => distinctJob(deps.paths, deps.wordPool),
}

/** Every kind's job, built once for a workspace. */
export function evaluationJobs(deps: JobDeps): Record<EvaluationKind, JobKind> {
  return Object.fromEntries(
    (Object.keys(EVALUATIONS) as EvaluationKind[]).map((kind) => [kind, EVALUATION_JOBS[kind](deps)]),
  ) as Record<EvaluationKind, JobKind>
}
