import { z } from 'zod'
import type { AnalysisDialogues, EvaluationKind, EvaluationResult, WAI_FACTORS } from './evaluations'

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
  progress: { done: number; total: number; failures: number; rate?: ProgressRate }
  /** Null in listEvaluations (see hasResult): getEvaluation returns it. */
  result: EvaluationResult | null
  /** Whether it has a result (listEvaluations leaves results out); always set by the API. */
  hasResult?: boolean
  error: string | null
  createdAt: string
  finishedAt: string | null
  /** Which dialogues it reads ('all' for analyses from before the choice existed). */
  dialogues: AnalysisDialogues
  /** With 'complete': per dataset, the dialogues left out (flagged; failed, cancelled or unfinished). */
  leftOut: { datasetId: string; flagged: number; unfinished: number }[]
  /** What a judged analysis has spent so far (its logged calls), in its endpoint's currency; null for the others. */
  spent: EvaluationSpent | null
  /** A judge sent as provider batches: each batch's state (absent or empty for live delivery). */
  batches?: JudgeBatchView[]
}

/** What importing a batch output file did: its lines, answers stored, answers the cache had, lines without one. */
export interface BatchImportReport {
  lines: number
  stored: number
  already: number
  failed: number
}

/** One provider batch of a judged analysis, as the progress shows it. */
export interface JudgeBatchView {
  id: string
  /** The provider's batch id (null while it is being uploaded). */
  remoteId: string | null
  /** 'submitting', then the provider's: validating, in_progress, finalizing, completed, expired, cancelled, failed. */
  status: string
  total: number
  completed: number
  failed: number
  /** Its answers were stored (failed lines asked again live). */
  imported: boolean
}

/** How fast a running job goes (units per second) and the seconds left at that speed; null: not known yet. */
export interface ProgressRate {
  perSecond: number | null
  etaSeconds: number | null
}

export interface EvaluationSpent {
  calls: number
  promptTokens: number
  completionTokens: number
  /** Null when the endpoint has no prices. */
  cost: number | null
  currency: string | null
}

/** Before a judge job: what it will cost. */
export interface JudgeEstimate {
  calls: number
  promptTokens: number
  completionTokens: number
  cost: number | null
  /** The cost sent as one batch (`cost` × the batch price factor); null when the endpoint has no prices. */
  batchCost?: number | null
  /**
   * Answers already in the cache (not among `calls`); null when not counted: finding them builds every request, which
   * is done only for small sets (EXACT_CACHE_LIMIT dialogues), so `calls` may include answers the cache has.
   */
  cached: number | null
}

/** Up to this many dialogues an estimate builds each request to count cached answers; beyond, it only sizes them. */
export const EXACT_CACHE_LIMIT = 2000

/** Labels the UI shows for topic ids and WAI item numbers, in both languages. */
export interface EvaluationVocabulary {
  taxonomyVersion: string
  topics: { id: string; category: string; zh: string; en: string }[]
  categories: { id: string; zh: string; en: string }[]
  waiItems: { number: number; factor: keyof typeof WAI_FACTORS; reversed: boolean; zh: string; en: string }[]
}

export const EvaluationScoresQuerySchema = z.object({
  id: z.string(),
  /** The metric to sort and cut by (default: the analysis's first). */
  metric: z.string().optional(),
  datasetId: z.string().optional(),
  /** Keep the dialogues with this label of the metric (a round's topic). */
  label: z.string().optional(),
  /** Keep values in [min, max] of the sort metric (a histogram bin). */
  min: z.number().optional(),
  max: z.number().optional(),
  /** Keep the dialogues that are this session of their case (a follow-up run's session index). */
  sessionIndex: z.number().int().min(1).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.number().int().min(1).max(10000).default(100),
  offset: z.number().int().min(0).default(0),
})
export type EvaluationScoresQuery = z.input<typeof EvaluationScoresQuerySchema>

/** One dialogue's results in one analysis: numbers by metric, and labels (a round's topic) by metric. */
export interface DialogueScoreRow {
  dialogueId: string
  datasetId: string
  /** Its id in the file it was imported from, when it has one. */
  sourceId: string | null
  position: number
  title: string
  values: Record<string, number | null>
  labels: Record<string, string>
}

export interface EvaluationScoresPage {
  /** Every metric the analysis stored, in its order. */
  metrics: string[]
  /** The metric sorted and cut by. */
  metric: string | null
  total: number
  items: DialogueScoreRow[]
}

/** What the transcript shows of a dialogue's results. */
export interface DialogueScores {
  analyses: {
    evaluationId: string
    name: string
    kind: EvaluationKind
    values: Record<string, number | null>
    labels: Record<string, string>
    /** The judge's answers behind the numbers (judged kinds), in the order asked. */
    answers: {
      round: number
      item: string
      value: number | null
      label: string | null
      raw: string | null
      status: 'ok' | 'failed'
      error: string | null
    }[]
  }[]
}

/** Which dialogues an analysis read, and what it left out: a provenance line of its tables and figures. */
export function dialoguesLine(
  e: Pick<EvaluationSummary, 'dialogues' | 'leftOut'>,
  datasetName: (id: string) => string,
): string {
  if (e.dialogues === 'all') return 'dialogues: all (flagged and unfinished ones included)'
  const out = e.leftOut.map((l) => `${datasetName(l.datasetId)}: ${l.flagged} flagged, ${l.unfinished} unfinished`)
  return `dialogues: complete only (ended by a rule, none flagged); left out: ${out.join('; ') || 'none'}`
}
