import type { Comparison, TopicResult } from '@shared/evaluation'
import { judgeJob, twoDatasets, type JudgeDeps } from '../jobs/judgeJob'
import { tTest } from '../statistics'
import { DEFAULT_TAXONOMY, topicEntropySummary, topicRound } from './taxonomy'
import { topicQuestion } from './topicPrompt'

/** Topic diversity: one topic label per dialogue and round from the judge; entropy per round, compared by t-test. */
export const topicsJob = (deps: JudgeDeps) =>
  judgeJob(deps, {
    items: [''],
    key: (dialogueId, round) => `topic:${dialogueId}:${round}`,
    question: topicQuestion(DEFAULT_TAXONOMY),
    result(ctx, results, config) {
      const datasets: TopicResult[] = ctx.datasets.map((d) => {
        const mine = results.filter((r) => r.datasetId === d.id)
        ctx.score(
          mine.map((r) => ({
            datasetId: d.id,
            dialogueId: r.dialogueId!,
            metric: `round ${r.round}`,
            value: null,
            label: r.label,
          })),
        )
        const perRound = Array.from({ length: config.rounds }, (_, i) =>
          topicRound(
            i + 1,
            mine.filter((r) => r.round === i + 1).map((r) => r.label),
          ),
        )
        return { datasetId: d.id, rounds: perRound, entropy: topicEntropySummary(perRound) }
      })
      const pair = twoDatasets(datasets)
      const entropies = (t: TopicResult) => t.rounds.map((r) => r.entropyBits).filter(Number.isFinite)
      const comparison: Comparison | null = pair ? tTest(entropies(pair[0]), entropies(pair[1]), config.test) : null
      return { kind: 'topics', datasets, comparison }
    },
  })
