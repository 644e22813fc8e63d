import { z } from 'zod'
import type { Comparison } from './common'
import {
  COMPARISON_FORMATS,
  comparisonCells,
  defineEvaluation,
  fixed,
  formatsOf,
  JUDGED,
  JudgeConfigSchema,
  startFields,
  TEST_ROW_NOTE,
  testCells,
} from './common'

/** The per-dialogue metrics a client-consistency analysis stores (ctx.score), stable English names. */
export const CONSISTENCY_METRICS = ['contradictions', 'contradiction rate', 'fast recovery'] as const

/** The judge's settings, as WAI and topics have them (the form's 'judge' group). */
export const ConsistencyConfigSchema = JudgeConfigSchema
export type ConsistencyConfig = z.output<typeof ConsistencyConfigSchema>

export interface ConsistencyResult {
  datasetId: string
  /** Per dialogue: contradicting client turns / client turns (mean over readable rounds); mean, SD over dialogues. */
  contradictionRate: { mean: number; std: number; perDialogue: number[] }
  /** Mean over dialogues of the share of a dialogue's readable rounds naming at least one contradiction. */
  anyContradiction: number
  /** Mean over dialogues of the share of a dialogue's readable rounds answering that the client recovers too fast. */
  fastRecovery: number
  /** Dialogues with at least one readable answer. */
  n: number
  /** Dialogues skipped for lack of a role card. */
  skipped: number
  /** Judge calls (dialogue × round) recorded as failures. */
  failures: number
  calls: number
}

export type ConsistencyEvaluationResult = {
  kind: 'consistency'
  datasets: ConsistencyResult[]
  /** Contradiction rate per dialogue, dataset A against B. */
  comparison: Comparison | null
}

const datasets = { min: 1, max: 2 }

/** Whether the simulated client stays consistent with its role card and itself, by an LLM judge. */
export const consistency = defineEvaluation<ConsistencyEvaluationResult>()({
  kind: 'consistency',
  label: 'client consistency',
  description: 'client contradictions and implausibly fast recovery by an LLM judge (needs --endpoint)',
  ...JUDGED,
  needsRoleCards: true,
  datasets,
  units:
    'per dialogue and round the judge lists the client turns contradicting the role card or an earlier client turn ' +
    'and says whether the client improves implausibly fast (yes/no); contradiction rate = contradicting client turns / ' +
    'client turns; per dialogue the mean over `rounds`; shares are means over dialogues',
  outputs: {
    table: 'Client consistency with the role card',
    figures: ['consistency table per dataset'],
  },
  table: (result, name) => ({
    columns: [
      'Dataset',
      'Contradiction rate',
      'SD',
      'Any contradiction',
      'Fast recovery',
      'n',
      'Failures',
      ...(result.comparison ? ['t', 'df', 'p', "Cohen's d"] : []),
    ],
    formats: formatsOf(1, 3, 3, 3, 3, 0, 0, ...(result.comparison ? COMPARISON_FORMATS : [])),
    rows: result.datasets.map((d, i) => [
      name(d.datasetId),
      fixed(d.contradictionRate.mean),
      fixed(d.contradictionRate.std),
      fixed(d.anyContradiction),
      fixed(d.fastRecovery),
      d.n,
      d.failures,
      ...(result.comparison ? testCells(comparisonCells(result.comparison), i) : []),
    ]),
    footnotes: result.comparison ? [`${TEST_ROW_NOTE} The test compares the contradiction rate per dialogue.`] : [],
  }),
  start: z.object({ kind: z.literal('consistency'), ...startFields(datasets), config: ConsistencyConfigSchema }),
})
