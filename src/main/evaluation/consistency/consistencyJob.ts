import {
  ConsistencyConfigSchema,
  EXACT_CACHE_LIMIT,
  sampleCount,
  type ConsistencyResult,
  type DialogueScore,
} from '@shared/evaluation'
import type { WorkResult } from '../../db/evaluationRepo'
import { judgeCacheRepo } from '../../db/judgeCacheRepo'
import type { EndpointSecret } from '../../llm/endpointService'
import type { JobContext, JobKind, UnitSource } from '../evaluationRunner'
import { estimateJudgeCost, estimateSized, judgeOnce } from '../judgeClient'
import {
  cancelDelivery,
  deliverUnits,
  requestLines,
  twoDatasets,
  type JudgeConfig,
  type JudgeDeps,
  type JudgeJobUnit,
} from '../jobs/judgeJob'
import type { Parsed } from '../judgeParse'
import { mean, std, tTest } from '../statistics'
import {
  buildConsistencyMessages,
  clientTurnsOf,
  consistencyUnits,
  parseConsistency,
  sizedConsistencyUnits,
  type ConsistencyAnswer,
} from './consistencyPrompt'

/** A unit's stored key: never change it (a resumed job skips the keys it finds). */
export const consistencyKey = (dialogueId: string, round: number) => `consistency:${dialogueId}:${round}`

/** A stored answer (the unit's label) read back; null for a failed unit. */
export function readAnswer(r: Pick<WorkResult, 'status' | 'label'>): ConsistencyAnswer | null {
  if (r.status !== 'ok' || !r.label) return null
  return JSON.parse(r.label) as ConsistencyAnswer
}

export interface ConsistencyDialogueScore {
  dialogueId: string
  /** Means over the dialogue's readable rounds. */
  contradictions: number
  rate: number
  any: number
  fast: number
}

/** Per dialogue the means over its readable rounds; per dataset the figures of ConsistencyResult. */
export function consistencyAggregate(units: { dialogueId: string; answer: ConsistencyAnswer | null }[]): Pick<
  ConsistencyResult,
  'contradictionRate' | 'anyContradiction' | 'fastRecovery' | 'n' | 'failures'
> & {
  dialogues: ConsistencyDialogueScore[]
} {
  const byDialogue = new Map<string, ConsistencyAnswer[]>()
  let failures = 0
  for (const u of units) {
    if (!u.answer) {
      failures++
      continue
    }
    const list = byDialogue.get(u.dialogueId) ?? []
    list.push(u.answer)
    byDialogue.set(u.dialogueId, list)
  }
  const dialogues = [...byDialogue].map(([dialogueId, answers]) => ({
    dialogueId,
    contradictions: mean(answers.map((a) => a.turns.length)),
    rate: mean(answers.map((a) => a.turns.length / a.clientTurns)),
    any: mean(answers.map((a) => (a.turns.length > 0 ? 1 : 0))),
    fast: mean(answers.map((a) => (a.fast ? 1 : 0))),
  }))
  const perDialogue = dialogues.map((d) => d.rate)
  return {
    dialogues,
    contradictionRate: { mean: mean(perDialogue), std: std(perDialogue), perDialogue },
    anyContradiction: mean(dialogues.map((d) => d.any)),
    fastRecovery: mean(dialogues.map((d) => d.fast)),
    n: dialogues.length,
    failures,
  }
}

/**
 * Client consistency: per dialogue with a role card and at least one client turn, `rounds` calls, each listing the
 * client turns that contradict the card or an earlier client turn and saying whether the client recovers implausibly
 * fast. Stored per unit: `label` the answer as JSON. Compared on the contradiction rate per dialogue by t-test.
 */
export function consistencyJob(deps: JudgeDeps): JobKind & Required<Pick<JobKind, 'estimate'>> {
  const { db, gateway, endpoints } = deps
  /** Each dialogue with a role card and a client turn, `rounds` times; those without are counted in `skipped`. */
  function* units(
    source: UnitSource,
    config: JudgeConfig,
    endpoint: EndpointSecret,
    skipped: Map<string, number>,
    job?: Pick<JobContext, 'evaluationId' | 'signal'>,
  ): Generator<JudgeJobUnit> {
    const cache = config.cache ? judgeCacheRepo(db) : null
    for (const d of source.datasets) {
      let without = 0
      for (const dialogue of source.dialoguesOf(d.id)) {
        const roleCard = dialogue.roleCard
        const clientTurns = clientTurnsOf(dialogue.messages)
        if (!roleCard || clientTurns === 0) {
          without++
          continue
        }
        const messages = buildConsistencyMessages({ ...dialogue, roleCard })
        const parse = (text: string): Parsed<string> => {
          const parsed = parseConsistency(text, clientTurns)
          return parsed.ok ? { ok: true, value: JSON.stringify(parsed.value) } : parsed
        }
        for (let round = 1; round <= config.rounds; round++)
          yield {
            key: consistencyKey(dialogue.id, round),
            datasetId: d.id,
            dialogue,
            round,
            item: '',
            ask: () =>
              judgeOnce(gateway, endpoint, messages, {
                temperature: config.temperature,
                parseRetries: config.parseRetries,
                cache,
                round,
                parse,
                purpose: 'judge:consistency',
                dialogueId: dialogue.id,
                jobId: job?.evaluationId,
                signal: job?.signal,
              }),
            request: { messages, round, parse, purpose: 'judge:consistency' },
          }
      }
      skipped.set(d.id, without)
    }
  }
  return {
    cancelled: (evaluationId, config) => cancelDelivery(deps, evaluationId, config),
    batchLines(source) {
      const config = ConsistencyConfigSchema.parse(source.config)
      const endpoint = endpoints.resolve(config.endpointId)
      return requestLines(endpoint, config, units(source, config, endpoint, new Map()))
    },
    estimate(config, dialogues) {
      const c = ConsistencyConfigSchema.parse(config)
      const endpoint = endpoints.resolve(c.endpointId)
      const cache = c.cache ? judgeCacheRepo(db) : null
      if (cache && dialogues.count <= EXACT_CACHE_LIMIT)
        return estimateJudgeCost(endpoint, consistencyUnits(dialogues.details(), c.rounds), {
          temperature: c.temperature,
          cache,
        })
      return estimateSized(endpoint, sizedConsistencyUnits(dialogues.sizes(), c.rounds), cache ? null : 0)
    },
    // Dialogues without a role card or a client turn are counted here too (the total is known before they are read).
    total: ({ config, datasets }) => {
      const c = ConsistencyConfigSchema.parse(config)
      return datasets.reduce((n, d) => n + sampleCount(c, d.dialogueCount), 0) * c.rounds
    },
    async run(ctx) {
      const config = ConsistencyConfigSchema.parse(ctx.config)
      const endpoint = endpoints.resolve(config.endpointId)
      const skipped = new Map<string, number>()

      await deliverUnits(deps, ctx, endpoint, config, () => units(ctx, config, endpoint, skipped, ctx))

      const results = ctx.results()
      const datasets: ConsistencyResult[] = ctx.datasets.map((d) => {
        const mine = results.filter((r) => r.datasetId === d.id)
        const aggregate = consistencyAggregate(mine.map((r) => ({ dialogueId: r.dialogueId!, answer: readAnswer(r) })))
        ctx.score(
          aggregate.dialogues.flatMap((s): DialogueScore[] => [
            { datasetId: d.id, dialogueId: s.dialogueId, metric: 'contradictions', value: s.contradictions },
            { datasetId: d.id, dialogueId: s.dialogueId, metric: 'contradiction rate', value: s.rate },
            { datasetId: d.id, dialogueId: s.dialogueId, metric: 'fast recovery', value: s.fast },
          ]),
        )
        return {
          datasetId: d.id,
          contradictionRate: aggregate.contradictionRate,
          anyContradiction: aggregate.anyContradiction,
          fastRecovery: aggregate.fastRecovery,
          n: aggregate.n,
          skipped: skipped.get(d.id) ?? 0,
          failures: aggregate.failures,
          calls: mine.reduce((n, r) => n + r.attempts, 0),
        }
      })
      const pair = twoDatasets(datasets)
      const comparison = pair
        ? tTest(pair[0].contradictionRate.perDialogue, pair[1].contradictionRate.perDialogue, config.test)
        : null
      return { kind: 'consistency', datasets, comparison }
    },
  }
}
