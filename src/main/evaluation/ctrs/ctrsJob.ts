import {
  CTRS_GROUPS,
  CTRS_ITEMS,
  CtrsConfigSchema,
  type Comparison,
  type CtrsEvaluationResult,
  type CtrsGroupId,
  type CtrsItemId,
  type CtrsResult,
  type DialogueScore,
} from '@shared/evaluation'
import { judgeJob, twoDatasets, type JudgeDeps } from '../jobs/judgeJob'
import { holm } from '../compare/pairedStats'
import { tTest } from '../statistics'
import { CTRS_QUESTION } from './ctrsPrompt'
import { ctrsAggregate, type CtrsAggregate } from './items'

const withoutSpread = ({ mean, std, n }: { mean: number; std: number; n: number }) => ({ mean, std, n })

/**
 * CTRS: each of the six items per dialogue and sample (round) from the judge; per dialogue the mean of the samples,
 * the general and CBT-specific group means, and per dataset their means, compared by t-test with two datasets.
 */
export const ctrsJob = (deps: JudgeDeps) =>
  judgeJob(deps, {
    items: CTRS_ITEMS.map((item) => item.id),
    key: (dialogueId, round, item) => `ctrs:${dialogueId}:${round}:${item}`,
    question: CTRS_QUESTION,
    result(ctx, results): CtrsEvaluationResult {
      const config = CtrsConfigSchema.parse(ctx.config)
      const aggregates: CtrsAggregate[] = []
      const datasets: CtrsResult[] = ctx.datasets.map((d) => {
        const mine = results.filter((r) => r.datasetId === d.id)
        const aggregate = ctrsAggregate(
          mine.map((r) => ({ dialogueId: r.dialogueId!, round: r.round, item: r.item, value: r.value })),
        )
        aggregates.push(aggregate)
        ctx.score(aggregate.dialogues.flatMap((dialogue) => dialogueScores(d.id, dialogue)))
        return {
          datasetId: d.id,
          items: Object.fromEntries(
            CTRS_ITEMS.map((i) => [i.id, withoutSpread(aggregate.items[i.id])]),
          ) as CtrsResult['items'],
          groups: Object.fromEntries(
            CTRS_GROUPS.map((g) => [g.id, withoutSpread(aggregate.groups[g.id])]),
          ) as CtrsResult['groups'],
          failures: aggregate.failures,
          calls: mine.reduce((n, r) => n + r.attempts, 0),
        }
      })
      const pair = twoDatasets(aggregates)
      const comparison = pair
        ? withHolm(
            Object.fromEntries([
              ...CTRS_ITEMS.map((i) => [
                i.id,
                tTest(pair[0].items[i.id].perDialogue, pair[1].items[i.id].perDialogue, config.test),
              ]),
              ...CTRS_GROUPS.map((g) => [
                g.id,
                tTest(pair[0].groups[g.id].perDialogue, pair[1].groups[g.id].perDialogue, config.test),
              ]),
            ]) as Record<CtrsItemId | CtrsGroupId, Comparison>,
          )
        : null
      return { kind: 'ctrs', datasets, comparison }
    },
  })

/** Holm's adjustment over the six items, and separately over the two groups (CTRS_HOLM_NOTE). */
function withHolm(comparison: Record<CtrsItemId | CtrsGroupId, Comparison>) {
  const out = { ...comparison }
  for (const family of [CTRS_ITEMS.map((i) => i.id), CTRS_GROUPS.map((g) => g.id)] as (CtrsItemId | CtrsGroupId)[][]) {
    const adjusted = holm(family.map((id) => comparison[id].p))
    family.forEach((id, i) => (out[id] = { ...comparison[id], pHolm: adjusted[i] }))
  }
  return out
}

/** One dialogue's stored scores: each item it has a score for, and both group means. */
function dialogueScores(datasetId: string, dialogue: CtrsAggregate['dialogues'][number]): DialogueScore[] {
  const at = (metric: string, value: number | null) => ({ datasetId, dialogueId: dialogue.dialogueId, metric, value })
  return [
    ...CTRS_ITEMS.filter((i) => dialogue.items[i.id] !== undefined).map((i) => at(i.metric, dialogue.items[i.id]!)),
    ...CTRS_GROUPS.map((g) => at(g.metric, dialogue.groups[g.id])),
  ]
}
