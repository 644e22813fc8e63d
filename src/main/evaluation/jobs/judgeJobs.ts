import { JudgeConfigSchema, WAI_FACTORS, type Comparison, type TopicResult, type WaiResult } from '@shared/evaluation'
import type { DialogueDetail } from '@shared/dialogue'
import type { Db } from '../../db/connection'
import { judgeCacheRepo } from '../../db/judgeCacheRepo'
import type { EndpointService } from '../../llm/endpointService'
import type { LlmGateway } from '../../llm/gateway'
import type { JobContext, JobKind } from '../evaluationRunner'
import { estimateJudgeCost, outcomeColumns, type JudgeOutcome } from '../judgeClient'
import { tTest } from '../statistics'
import { DEFAULT_TAXONOMY, topicEntropySummary, topicRound } from '../topics/taxonomy'
import { judgeTopic, topicUnits } from '../topics/topicPrompt'
import { WAI_ITEMS, waiAggregate } from '../wai/items'
import { judgeWaiItem, waiUnits } from '../wai/waiPrompt'

interface JudgeDeps {
  db: Db
  gateway: LlmGateway
  endpoints: EndpointService
}

/** One judge call: which dialogue, round and item, and how to ask. */
interface Unit {
  key: string
  datasetId: string
  dialogue: DialogueDetail
  round: number
  item: string
  ask: () => Promise<JudgeOutcome<number | string>>
}

/**
 * Runs every unit not finished by an earlier attempt, `parallel` at a time
 * (the gateway also limits requests per endpoint), and stores each as it
 * completes. Units are drawn lazily, so only the dialogues being judged are in
 * memory, not a whole corpus. Units whose endpoint failed (not the answer) are
 * tried again when a job resumes.
 */
async function runUnits(ctx: JobContext, units: Iterable<Unit>, parallel: number) {
  const transportFailed = new Set(ctx.results().filter((r) => r.status === 'failed' && r.error?.startsWith('transport:')).map((r) => r.key))
  const next = units[Symbol.iterator]()
  const worker = async () => {
    for (let step = next.next(); !step.done; step = next.next()) {
      const u = step.value
      if (ctx.done.has(u.key) && !transportFailed.has(u.key)) continue
      ctx.signal.throwIfAborted()
      const outcome = await u.ask()
      const columns = outcomeColumns(outcome)
      const error = !outcome.ok && outcome.kind === 'transport' ? `transport: ${columns.error}` : columns.error
      ctx.record({ key: u.key, datasetId: u.datasetId, dialogueId: u.dialogue.id, round: u.round, item: u.item, ...columns, error })
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
}

const rounds = (config: unknown) => JudgeConfigSchema.parse(config).rounds
const twoDatasets = <T>(list: T[]): [T, T] | null => (list.length === 2 ? [list[0], list[1]] : null)

export function topicsJob({ db, gateway, endpoints }: JudgeDeps): JobKind {
  return {
    total: ({ config, datasets }) => datasets.reduce((n, d) => n + d.dialogueCount, 0) * rounds(config),
    async run(ctx) {
      const config = JudgeConfigSchema.parse(ctx.config)
      const endpoint = endpoints.resolve(config.endpointId)
      const cache = judgeCacheRepo(db)
      function* units(): Generator<Unit> {
        for (const d of ctx.datasets)
          for (const dialogue of ctx.dialoguesOf(d.id))
            for (let round = 1; round <= config.rounds; round++)
              yield {
                key: `topic:${dialogue.id}:${round}`, datasetId: d.id, dialogue, round, item: '',
                ask: () => judgeTopic(gateway, endpoint, dialogue, round, config, cache, { runId: ctx.evaluationId, signal: ctx.signal }),
              }
      }
      await runUnits(ctx, units(), endpoint.maxConcurrency * 2)
      const results = ctx.results()
      const datasets: TopicResult[] = ctx.datasets.map((d) => {
        const mine = results.filter((r) => r.datasetId === d.id)
        const perRound = Array.from({ length: config.rounds }, (_, i) => topicRound(i + 1, mine.filter((r) => r.round === i + 1).map((r) => r.label)))
        return { datasetId: d.id, rounds: perRound, entropy: topicEntropySummary(perRound) }
      })
      const pair = twoDatasets(datasets)
      const entropies = (t: TopicResult) => t.rounds.map((r) => r.entropyBits).filter(Number.isFinite)
      const comparison: Comparison | null = pair ? tTest(entropies(pair[0]), entropies(pair[1]), config.test) : null
      return { kind: 'topics', datasets, comparison }
    },
  }
}

export function waiJob({ db, gateway, endpoints }: JudgeDeps): JobKind {
  return {
    total: ({ config, datasets }) => datasets.reduce((n, d) => n + d.dialogueCount, 0) * rounds(config) * WAI_ITEMS.length,
    async run(ctx) {
      const config = JudgeConfigSchema.parse(ctx.config)
      const endpoint = endpoints.resolve(config.endpointId)
      const cache = judgeCacheRepo(db)
      function* units(): Generator<Unit> {
        for (const d of ctx.datasets)
          for (const dialogue of ctx.dialoguesOf(d.id))
            for (let round = 1; round <= config.rounds; round++)
              for (const item of WAI_ITEMS)
                yield {
                  key: `wai:${dialogue.id}:${round}:${item.number}`, datasetId: d.id, dialogue, round, item: String(item.number),
                  ask: () => judgeWaiItem(gateway, endpoint, dialogue, item.number, round, config, cache, { runId: ctx.evaluationId, signal: ctx.signal }),
                }
      }
      await runUnits(ctx, units(), endpoint.maxConcurrency * 2)
      const results = ctx.results()
      const datasets: WaiResult[] = ctx.datasets.map((d) => {
        const mine = results.filter((r) => r.datasetId === d.id)
        const aggregate = waiAggregate(mine.map((r) => ({ dialogueId: r.dialogueId!, round: r.round, item: Number(r.item), value: r.value })))
        return { datasetId: d.id, items: aggregate.items, factors: aggregate.factors, failures: aggregate.failures, calls: mine.reduce((n, r) => n + r.attempts, 0) }
      })
      const pair = twoDatasets(datasets)
      const factors = Object.keys(WAI_FACTORS) as (keyof typeof WAI_FACTORS)[]
      const comparison = pair
        ? (Object.fromEntries(factors.map((f) => [f, tTest(pair[0].factors[f].perDialogue, pair[1].factors[f].perDialogue, config.test)])) as Record<keyof typeof WAI_FACTORS, Comparison>)
        : null
      return { kind: 'wai', datasets, comparison }
    },
  }
}

/** Calls, tokens and cost of a topics or WAI job before it starts. */
export function estimateJudgeJob({ db, endpoints }: Omit<JudgeDeps, 'gateway'>, kind: 'topics' | 'wai', config: unknown, dialogues: Iterable<DialogueDetail>) {
  const c = JudgeConfigSchema.parse(config)
  const endpoint = endpoints.resolve(c.endpointId)
  const units = kind === 'wai' ? waiUnits(dialogues, c.rounds) : topicUnits(dialogues, c.rounds, DEFAULT_TAXONOMY)
  return estimateJudgeCost(endpoint, units, { temperature: c.temperature, cache: c.cache ? judgeCacheRepo(db) : null })
}
