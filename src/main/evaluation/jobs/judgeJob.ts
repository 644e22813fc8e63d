import type { z } from 'zod'
import { EXACT_CACHE_LIMIT, JudgeConfigSchema, sampleCount, type EvaluationResult } from '@shared/evaluation'
import type { DialogueDetail } from '@shared/dialogue'
import type { Db } from '../../db/connection'
import type { WorkResult } from '../../db/evaluationRepo'
import { judgeCacheRepo } from '../../db/judgeCacheRepo'
import { judgeBatchRepo } from '../../db/judgeBatchRepo'
import type { LlmCallRepo } from '../../db/llmCallRepo'
import { batchClient } from '../../llm/batchClient'
import type { EndpointSecret, EndpointService } from '../../llm/endpointService'
import type { LlmGateway } from '../../llm/gateway'
import type { JobContext, JobKind, UnitSource } from '../evaluationRunner'
import {
  askItem,
  estimateJudgeCost,
  estimateSized,
  sizedItemUnits,
  itemUnits,
  outcomeColumns,
  type Asking,
  type ItemQuestion,
  type JudgeOutcome,
} from '../judgeClient'
import {
  batchLine,
  cancelBatches,
  runBatchUnits,
  type BatchDelivery,
  type BatchLimits,
  type UnitRequest,
} from './judgeBatch'

export interface JudgeDeps {
  db: Db
  gateway: LlmGateway
  endpoints: EndpointService
  /** The LLM call log (batch answers are logged here before they are stored); needed for batch delivery. */
  calls?: LlmCallRepo
  /** First pause between polls of a provider batch (default 10 s; grows to 60× it). */
  batchPollMs?: number
  /** Lines and bytes per batch file and batches open at once (default: OpenAI's 50,000 / 190 MB, 8). */
  batchLimits?: BatchLimits
}

/** One judge call: which dialogue, round and item, and how to ask. */
export interface JudgeJobUnit {
  key: string
  datasetId: string
  dialogue: DialogueDetail
  round: number
  item: string
  ask: () => Promise<JudgeOutcome<number | string>>
  /** What it sends, so it can go in a provider batch (without: always asked live). */
  request?: UnitRequest
}

export type JudgeConfig = z.output<typeof JudgeConfigSchema>

/**
 * What a judged kind gives the judge job: its items, unit keys, the question it asks of each (its messages, how an
 * answer is read; the job asks, retries, caches and estimates alike for every kind) and the sum-up.
 */
export interface JudgeKind {
  /** The items asked about per dialogue and round ('' when there is one question per round). */
  items: readonly string[]
  /** A unit's stored key: never change it, a resumed job skips the keys it finds. */
  key(dialogueId: string, round: number, item: string): string
  question: ItemQuestion<number | string>
  result(ctx: JobContext, results: WorkResult[], config: JudgeConfig): EvaluationResult
}

/**
 * Runs every unit not finished by an earlier attempt, `parallel` at a time
 * (the gateway also limits requests per endpoint), and stores each as it
 * completes. Units are drawn lazily, so only the dialogues being judged are in
 * memory, not a whole corpus. Units whose endpoint failed (not the answer) are
 * tried again when a job resumes. (PANAS runs its own units through it: it skips
 * dialogues without a role card and shares identical requests within a job.)
 */
export async function runUnits(ctx: JobContext, units: Iterable<JudgeJobUnit>, parallel: number) {
  const transportFailed = new Set(
    ctx
      .results()
      .filter((r) => r.status === 'failed' && r.error?.startsWith('transport:'))
      .map((r) => r.key),
  )
  const next = units[Symbol.iterator]()
  const worker = async () => {
    for (let step = next.next(); !step.done; step = next.next()) {
      const u = step.value
      if (ctx.done.has(u.key) && !transportFailed.has(u.key)) continue
      ctx.signal.throwIfAborted()
      await askAndRecord(ctx, u)
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
}

/** Asks one unit live and records its outcome (a transport failure marked so that a resumed job asks it again). */
async function askAndRecord(ctx: JobContext, u: JudgeJobUnit) {
  const outcome = await u.ask()
  const columns = outcomeColumns(outcome)
  const error = !outcome.ok && outcome.kind === 'transport' ? `transport: ${columns.error}` : columns.error
  ctx.record({
    key: u.key,
    datasetId: u.datasetId,
    dialogueId: u.dialogue.id,
    round: u.round,
    item: u.item,
    ...columns,
    error,
  })
}

/** The judge settings delivery reads (JudgeConfigSchema's). */
type DeliverySettings = Pick<JudgeConfig, 'delivery' | 'temperature' | 'cache' | 'batchPriceFactor'>

function batchDelivery(deps: JudgeDeps, endpoint: EndpointSecret, config: DeliverySettings): BatchDelivery {
  if (!deps.calls) throw new Error('batch delivery needs the LLM call log')
  const pollMs = deps.batchPollMs ?? 10_000
  return {
    endpoint,
    temperature: config.temperature,
    cache: config.cache ? judgeCacheRepo(deps.db) : null,
    priceFactor: config.batchPriceFactor,
    client: batchClient(endpoint),
    batches: judgeBatchRepo(deps.db),
    calls: deps.calls,
    pollMs,
    maxPollMs: pollMs * 60,
    limits: deps.batchLimits,
    openBatches: deps.batchLimits?.open,
  }
}

/**
 * Runs a judged kind's units as its settings say: live (runUnits) or as provider batches (runBatchUnits, whose failed
 * lines are asked live). `units` is called once per pass over them.
 */
export async function deliverUnits(
  deps: JudgeDeps,
  ctx: JobContext,
  endpoint: EndpointSecret,
  config: DeliverySettings,
  units: () => Iterable<JudgeJobUnit>,
) {
  const parallel = endpoint.maxConcurrency * 2
  if (config.delivery !== 'batch') return runUnits(ctx, units(), parallel)
  await runBatchUnits(ctx, units, batchDelivery(deps, endpoint, config), {
    parallel,
    ask: (u) => askAndRecord(ctx, u),
  })
}

/** The batch file lines of units (each distinct request once), for a batch run elsewhere (`vllm run-batch`). */
export function* requestLines(
  endpoint: EndpointSecret,
  config: Pick<JudgeConfig, 'temperature'>,
  units: Iterable<JudgeJobUnit>,
): Generator<string> {
  const seen = new Set<string>()
  for (const u of units) {
    if (!u.request) continue
    const { customId, line } = batchLine(endpoint, config.temperature, u.request)
    if (seen.has(customId)) continue
    seen.add(customId)
    yield line
  }
}

/** A cancelled analysis's provider batches are cancelled too (live delivery: nothing to do). */
export async function cancelDelivery(deps: JudgeDeps, evaluationId: string, config: unknown) {
  const c = JudgeConfigSchema.safeParse(config)
  if (!c.success || c.data.delivery !== 'batch') return
  const endpoint = deps.endpoints.resolve(c.data.endpointId)
  await cancelBatches({ evaluationId }, { batches: judgeBatchRepo(deps.db), client: batchClient(endpoint) })
}

/** A judge job: every dialogue × round × item asked of the judge endpoint, then summed up per dataset. */
export function judgeJob(deps: JudgeDeps, kind: JudgeKind): JobKind & Required<Pick<JobKind, 'estimate'>> {
  const { db, gateway, endpoints } = deps
  /** Every dialogue × round × item of the datasets (`job`: the evaluation whose calls they are, when it runs). */
  function* units(
    source: UnitSource,
    config: JudgeConfig,
    endpoint: EndpointSecret,
    job?: Pick<JobContext, 'evaluationId' | 'signal'>,
  ): Generator<JudgeJobUnit> {
    const judge: Asking = {
      gateway,
      endpoint,
      cache: judgeCacheRepo(db),
      config,
      extra: { jobId: job?.evaluationId, signal: job?.signal },
    }
    for (const d of source.datasets)
      for (const dialogue of source.dialoguesOf(d.id))
        for (let round = 1; round <= config.rounds; round++)
          for (const item of kind.items)
            yield {
              key: kind.key(dialogue.id, round, item),
              datasetId: d.id,
              dialogue,
              round,
              item,
              ask: () => askItem(judge, kind.question, dialogue, item, round),
              request: {
                messages: kind.question.messages(dialogue, item),
                round,
                parse: kind.question.parse,
                purpose: kind.question.purpose,
              },
            }
  }
  return {
    estimate(config, dialogues) {
      const c = JudgeConfigSchema.parse(config)
      const endpoint = endpoints.resolve(c.endpointId)
      const cache = c.cache ? judgeCacheRepo(db) : null
      // Cached answers are found by building each request: only for small sets; beyond, sized in SQL, not counted.
      if (cache && dialogues.count <= EXACT_CACHE_LIMIT)
        return estimateJudgeCost(endpoint, itemUnits(kind.question, kind.items, dialogues.details(), c.rounds), {
          temperature: c.temperature,
          cache,
        })
      return estimateSized(
        endpoint,
        sizedItemUnits(kind.question, kind.items, dialogues.sizes(), c.rounds),
        cache ? null : 0,
      )
    },
    total: ({ config, datasets }) => {
      const c = JudgeConfigSchema.parse(config)
      return datasets.reduce((n, d) => n + sampleCount(c, d.dialogueCount), 0) * c.rounds * kind.items.length
    },
    async run(ctx) {
      const config = JudgeConfigSchema.parse(ctx.config)
      const endpoint = endpoints.resolve(config.endpointId)
      await deliverUnits(deps, ctx, endpoint, config, () => units(ctx, config, endpoint, ctx))
      return kind.result(ctx, ctx.results(), config)
    },
    batchLines(source) {
      const config = JudgeConfigSchema.parse(source.config)
      const endpoint = endpoints.resolve(config.endpointId)
      return requestLines(endpoint, config, units(source, config, endpoint))
    },
    cancelled: (evaluationId, config) => cancelDelivery(deps, evaluationId, config),
  }
}

/** The two datasets of a comparison, or null with one. */
export const twoDatasets = <T>(list: T[]): [T, T] | null => (list.length === 2 ? [list[0], list[1]] : null)
