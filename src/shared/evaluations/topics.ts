import { z } from 'zod'
import type { Comparison } from './common'
import {
  COMPARISON_FORMATS,
  comparisonCells,
  defineEvaluation,
  formatsOf,
  TEST_ROW_NOTE,
  testCells,
  fixed,
  JUDGED,
  JudgeConfigSchema,
  startFields,
} from './common'

export interface TopicRound {
  round: number
  counts: Record<string, number>
  entropyBits: number
  failures: number
}
export interface TopicResult {
  datasetId: string
  rounds: TopicRound[]
  entropy: { mean: number; std: number }
}

export type TopicsEvaluationResult = { kind: 'topics'; datasets: TopicResult[]; comparison: Comparison | null }

const datasets = { min: 1, max: 2 }

/** Topic labels by an LLM judge, one per dialogue and round; diversity as Shannon entropy. */
export const topics = defineEvaluation<TopicsEvaluationResult>()({
  kind: 'topics',
  label: 'topics',
  description: 'topic labels by an LLM judge (needs --endpoint)',
  ...JUDGED,
  datasets,
  units: 'Shannon entropy of the topic distribution per round, bits',
  outputs: { table: 'Topic diversity (Shannon entropy, bits)', figures: ['topic counts per category and round'] },
  table: (result, name) => ({
    columns: [
      'Dataset',
      'Rounds',
      'Entropy mean',
      'Entropy SD',
      'Failures',
      ...(result.comparison ? ['t', 'df', 'p', "Cohen's d"] : []),
    ],
    formats: formatsOf(1, 0, 3, 3, 0, ...(result.comparison ? COMPARISON_FORMATS : [])),
    rows: result.datasets.map((d, i) => [
      name(d.datasetId),
      d.rounds.length,
      fixed(d.entropy.mean),
      fixed(d.entropy.std),
      d.rounds.reduce((n, r) => n + r.failures, 0),
      ...(result.comparison ? testCells(comparisonCells(result.comparison), i) : []),
    ]),
    footnotes: result.comparison ? [TEST_ROW_NOTE] : [],
  }),
  start: z.object({ kind: z.literal('topics'), ...startFields(datasets), config: JudgeConfigSchema }),
})
