import { WaiConfigSchema, type Comparison, type WaiResult } from '@shared/evaluation'
import { judgeJob, twoDatasets, type JudgeDeps } from '../jobs/judgeJob'
import { tTest } from '../statistics'
import { WAI_FACTOR_NAMES, waiAggregate, type WaiFactor } from './items'
import { WAI_ITEM_KEYS, WAI_QUESTION } from './waiPrompt'

/** WAI: each of the 12 items per dialogue and round from the judge; factor means, compared per factor by t-test. */
export const waiJob = (deps: JudgeDeps) =>
  judgeJob(deps, {
    items: WAI_ITEM_KEYS,
    key: (dialogueId, round, item) => `wai:${dialogueId}:${round}:${item}`,
    question: WAI_QUESTION,
    result(ctx, results) {
      // The judge job reads only the judge's fields; the item scoring is WAI's own.
      const config = WaiConfigSchema.parse(ctx.config)
      const datasets: WaiResult[] = ctx.datasets.map((d) => {
        const mine = results.filter((r) => r.datasetId === d.id)
        const aggregate = waiAggregate(
          mine.map((r) => ({ dialogueId: r.dialogueId!, round: r.round, item: Number(r.item), value: r.value })),
          config.itemScoring,
        )
        for (const dialogue of aggregate.dialogues)
          ctx.score([
            ...WAI_FACTOR_NAMES.map((f) => ({
              datasetId: d.id,
              dialogueId: dialogue.dialogueId,
              metric: f,
              value: dialogue.factors[f],
            })),
            ...Object.entries(dialogue.items).map(([n, value]) => ({
              datasetId: d.id,
              dialogueId: dialogue.dialogueId,
              metric: `item ${n}`,
              value,
            })),
          ])
        return {
          datasetId: d.id,
          items: aggregate.items,
          factors: aggregate.factors,
          failures: aggregate.failures,
          calls: mine.reduce((n, r) => n + r.attempts, 0),
        }
      })
      const pair = twoDatasets(datasets)
      const comparison = pair
        ? (Object.fromEntries(
            WAI_FACTOR_NAMES.map((f) => [
              f,
              tTest(pair[0].factors[f].perDialogue, pair[1].factors[f].perDialogue, config.test),
            ]),
          ) as Record<WaiFactor, Comparison>)
        : null
      return { kind: 'wai', itemScoring: config.itemScoring, datasets, comparison }
    },
  })
