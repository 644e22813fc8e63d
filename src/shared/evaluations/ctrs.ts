import { z } from 'zod'
import type { Comparison } from './common'
import {
  comparisonCells,
  formatsOf,
  TEST_ROW_NOTE,
  testCells,
  defineEvaluation,
  fixed,
  holmCell,
  MagnetJudgeConfigSchema,
  magnetJudged,
  startFields,
} from './common'

/**
 * The six items of the Cognitive Therapy Rating Scale that MAGneT judges (of the scale's eleven), in its order: three
 * general therapy skills, then three specific to CBT. `id` keys results and UI labels; `metric` is the per-dialogue
 * score's stable English name.
 */
export const CTRS_ITEMS = [
  { id: 'understanding', metric: 'understanding', group: 'general' },
  { id: 'interpersonal', metric: 'interpersonal effectiveness', group: 'general' },
  { id: 'collaboration', metric: 'collaboration', group: 'general' },
  { id: 'guidedDiscovery', metric: 'guided discovery', group: 'cbt' },
  { id: 'keyCognitions', metric: 'focus on key cognitions', group: 'cbt' },
  { id: 'strategy', metric: 'strategy for change', group: 'cbt' },
] as const
export type CtrsItemId = (typeof CTRS_ITEMS)[number]['id']
export const CTRS_ITEM_IDS = CTRS_ITEMS.map((i) => i.id) as CtrsItemId[]

/** The two groups MAGneT reports, each the mean of its three items; `metric` as for the items. */
export const CTRS_GROUPS = [
  { id: 'general', metric: 'general', label: 'General skills' },
  { id: 'cbt', metric: 'CBT-specific', label: 'CBT-specific skills' },
] as const
export type CtrsGroupId = (typeof CTRS_GROUPS)[number]['id']
export const CTRS_GROUP_IDS = CTRS_GROUPS.map((g) => g.id) as CtrsGroupId[]

/** The rating scale: 0–6, described at 0, 2, 4 and 6 (odd scores lie between two descriptions). */
export const CTRS_SCALE = { min: 0, max: 6 } as const

/**
 * The judge's settings with MAGneT's defaults: temperature 0 and three samples (rounds) per dialogue and item, whose
 * mean is the dialogue's score.
 */
export const CtrsConfigSchema = MagnetJudgeConfigSchema
export type CtrsConfig = z.output<typeof CtrsConfigSchema>

/** Mean and sample SD across dialogues (NaN, stored as null, when undefined), and how many dialogues have a value. */
export interface CtrsStat {
  mean: number
  std: number
  n: number
}

export interface CtrsResult {
  datasetId: string
  /** Per item: over dialogues, each dialogue's mean of its successful samples. */
  items: Record<CtrsItemId, CtrsStat>
  /** Per group: over dialogues, each dialogue's mean of the group's items it has. */
  groups: Record<CtrsGroupId, CtrsStat>
  /** Judged units (dialogue × sample × item) without a readable score. */
  failures: number
  /** Calls made to the judge (parse retries included; cached answers cost none). */
  calls: number
}

export type CtrsEvaluationResult = {
  kind: 'ctrs'
  datasets: CtrsResult[]
  /** With two datasets: a t-test per item and per group. */
  comparison: Record<CtrsItemId | CtrsGroupId, Comparison> | null
}

const datasets = { min: 1, max: 2 }

const ITEM_LABELS: Record<CtrsItemId, string> = {
  understanding: 'Understanding',
  interpersonal: 'Interpersonal effectiveness',
  collaboration: 'Collaboration',
  guidedDiscovery: 'Guided discovery',
  keyCognitions: 'Focus on key cognitions and behaviours',
  strategy: 'Strategy for change',
}

/** Which families the Holm-adjusted p values of a two-dataset comparison are taken over. */
export const CTRS_HOLM_NOTE =
  'p (Holm): adjusted by Holm over the six items, and separately over the two group means (results older than the adjustment show none).'

/** t, df, p, p (Holm) and Cohen's d. */
const withHolm = (c: Comparison) => {
  const [t, df, p, d] = comparisonCells(c)
  return [t, df, p, holmCell(c), d]
}

/** Six items of the Cognitive Therapy Rating Scale (MAGneT's selection), each asked of an LLM judge. */
export const ctrs = defineEvaluation<CtrsEvaluationResult>()({
  kind: 'ctrs',
  label: 'CTRS',
  description: 'CBT session quality (6 CTRS items) by an LLM judge (needs --endpoint)',
  ...magnetJudged('dialogue and item'),
  datasets,
  units:
    'item scores 0–6 (mean of the samples per dialogue), means of the general (understanding, interpersonal ' +
    'effectiveness, collaboration) and CBT-specific (guided discovery, focus on key cognitions, strategy for change) items',
  outputs: {
    table: 'Cognitive Therapy Rating Scale (6 items, 0–6)',
    figures: ['item and group means per dataset', 'item means table'],
  },
  // One row per measure and dataset.
  table: (result, name) => {
    const measures = [
      ...CTRS_ITEMS.map((item) => ({
        label: ITEM_LABELS[item.id],
        group: CTRS_GROUPS.find((g) => g.id === item.group)!.label,
        of: (d: (typeof result.datasets)[number]) => d.items[item.id],
        comparison: result.comparison?.[item.id],
      })),
      ...CTRS_GROUPS.map((group) => ({
        label: `${group.label} (mean)`,
        group: group.label,
        of: (d: (typeof result.datasets)[number]) => d.groups[group.id],
        comparison: result.comparison?.[group.id],
      })),
    ]
    return {
      columns: [
        'Measure',
        'Group',
        'Dataset',
        'Mean',
        'SD',
        ...(result.comparison ? ['t', 'df', 'p', 'p (Holm)', "Cohen's d"] : []),
      ],
      formats: formatsOf(3, 3, 3, ...(result.comparison ? ([3, 1, 'p', 'p', 3] as const) : [])),
      rows: measures.flatMap((m) =>
        result.datasets.map((d, i) => [
          m.label,
          m.group,
          name(d.datasetId),
          fixed(m.of(d)?.mean),
          fixed(m.of(d)?.std),
          ...(result.comparison ? testCells(withHolm(m.comparison!), i) : []),
        ]),
      ),
      footnotes: result.comparison ? [TEST_ROW_NOTE, CTRS_HOLM_NOTE] : [],
    }
  },
  start: z.object({ kind: z.literal('ctrs'), ...startFields(datasets), config: CtrsConfigSchema }),
})
