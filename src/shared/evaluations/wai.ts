import { z } from 'zod'
import type { Comparison } from './common'
import {
  COMPARISON_FORMATS,
  comparisonCells,
  formatsOf,
  TEST_ROW_NOTE,
  testCells,
  defineEvaluation,
  fixed,
  JUDGE_CLI,
  JUDGE_DEFAULTS,
  JUDGED,
  JudgeConfigSchema,
  startFields,
} from './common'

export const WAI_FACTORS = { goal: [4, 6, 10, 11], task: [1, 2, 8, 12], bond: [3, 5, 7, 9] } as const
export const WAI_REVERSED = [4, 10] as const

export const WAI_ITEM_SCORINGS = ['reverse-scored', 'as-rated'] as const

/** The judge's settings, and how the negatively worded items 4 and 10 are scored. */
export const WaiConfigSchema = JudgeConfigSchema.extend({
  /**
   * 'reverse-scored' (the WAI observer short form, the default): 8 − x before the means. 'as-rated': the judge's number
   * as it is, which is how MAGneT reports WAI; tables say which.
   */
  itemScoring: z.enum(WAI_ITEM_SCORINGS).default('reverse-scored'),
})
export type WaiConfig = z.output<typeof WaiConfigSchema>
export interface WaiResult {
  datasetId: string
  /** Mean (over rounds, then dialogues) of each item 1..12 after reverse scoring. */
  items: Record<number, number>
  factors: Record<keyof typeof WAI_FACTORS, { mean: number; std: number; perDialogue: number[] }>
  failures: number
  calls: number
}

export type WaiEvaluationResult = {
  kind: 'wai'
  /** How items 4 and 10 entered the means (absent in results stored before the setting: reverse-scored). */
  itemScoring?: WaiConfig['itemScoring']
  datasets: WaiResult[]
  comparison: Record<keyof typeof WAI_FACTORS, Comparison> | null
}

const datasets = { min: 1, max: 2 }

/** The observer short form of the Working Alliance Inventory, each item asked of an LLM judge. */
export const wai = defineEvaluation<WaiEvaluationResult>()({
  kind: 'wai',
  label: 'WAI',
  description: 'working-alliance (WAI) scores by an LLM judge (needs --endpoint)',
  ...JUDGED,
  datasets,
  units:
    'item scores 1–7 (items 4 and 10 reverse-scored, or as rated: itemScoring), factor means of goal, task and bond',
  outputs: {
    table: 'Working Alliance Inventory (observer short form)',
    figures: ['factor means per dataset', 'item means table'],
  },
  // One row per factor and dataset: four columns of statistics however many datasets there are.
  table: (result, name) => ({
    columns: ['Factor', 'Dataset', 'Mean', 'SD', ...(result.comparison ? ['t', 'df', 'p', "Cohen's d"] : [])],
    formats: formatsOf(2, 3, 3, ...(result.comparison ? COMPARISON_FORMATS : [])),
    rows: (Object.keys(WAI_FACTORS) as (keyof typeof WAI_FACTORS)[]).flatMap((f) =>
      result.datasets.map((d, i) => [
        f[0].toUpperCase() + f.slice(1),
        name(d.datasetId),
        fixed(d.factors[f].mean),
        fixed(d.factors[f].std),
        ...(result.comparison ? testCells(comparisonCells(result.comparison[f]), i) : []),
      ]),
    ),
    footnotes: result.comparison ? [TEST_ROW_NOTE] : [],
  }),
  config: WaiConfigSchema,
  defaults: { ...JUDGE_DEFAULTS, itemScoring: 'reverse-scored' },
  cli: {
    options: [
      ...JUDGE_CLI.options,
      { flags: '--as-rated', description: 'items 4 and 10 as the judge rated them (MAGneT), not reverse-scored' },
    ],
    config: (o) => ({ ...JUDGE_CLI.config(o), ...(o.asRated ? { itemScoring: 'as-rated' } : {}) }),
  },
  start: z.object({ kind: z.literal('wai'), ...startFields(datasets), config: WaiConfigSchema }),
})
