import { z } from 'zod'
import type { Comparison } from './common'
import { defineEvaluation, JUDGE_CLI, JUDGE_DEFAULTS, JudgeConfigSchema, startFields } from './common'

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
  judged: true,
  config: JudgeConfigSchema,
  settings: 'judge',
  defaults: JUDGE_DEFAULTS,
  datasets,
  needsRoleCards: false,
  model: 'judge',
  units: 'Shannon entropy of the topic distribution per round, bits',
  outputs: { table: 'Topic diversity (Shannon entropy, bits)', figures: ['topic counts per category and round'] },
  cli: JUDGE_CLI,
  start: z.object({ kind: z.literal('topics'), ...startFields(datasets), config: JudgeConfigSchema }),
})
