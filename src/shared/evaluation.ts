import type { EvaluationKind, EvaluationResult, WAI_FACTORS } from './evaluations'

/**
 * The analyses of the Interactive Agents paper and later work, each a resumable, cached job. Each kind is described
 * once, in src/shared/evaluations (the registry: EVALUATIONS); this module re-exports it.
 */
export * from './evaluations'

export interface EvaluationSummary {
  id: string
  kind: EvaluationKind
  name: string
  datasetIds: string[]
  config: unknown
  status: 'running' | 'paused' | 'completed' | 'failed' | 'cancelled'
  progress: { done: number; total: number; failures: number }
  result: EvaluationResult | null
  error: string | null
  createdAt: string
  finishedAt: string | null
}

/** Before a judge job: what it will cost. */
export interface JudgeEstimate {
  calls: number
  promptTokens: number
  completionTokens: number
  cost: number | null
  cached: number
}

/** Labels the UI shows for topic ids and WAI item numbers, in both languages. */
export interface EvaluationVocabulary {
  taxonomyVersion: string
  topics: { id: string; category: string; zh: string; en: string }[]
  categories: { id: string; zh: string; en: string }[]
  waiItems: { number: number; factor: keyof typeof WAI_FACTORS; reversed: boolean; zh: string; en: string }[]
}
