import { z } from 'zod'
import type { Comparison } from './common'
import {
  COMPARISON_FORMATS,
  comparisonCells,
  defineEvaluation,
  fixed,
  formatsOf,
  MagnetJudgeConfigSchema,
  magnetJudged,
  startFields,
  TEST_ROW_NOTE,
  testCells,
} from './common'

/** The 20 feelings of the PANAS, by polarity, as stable English ids (MAGneT's wording). */
export const PANAS_FEELINGS = {
  positive: [
    'interested',
    'excited',
    'strong',
    'enthusiastic',
    'proud',
    'alert',
    'inspired',
    'determined',
    'attentive',
    'active',
  ],
  negative: [
    'distressed',
    'upset',
    'guilty',
    'scared',
    'hostile',
    'irritable',
    'ashamed',
    'nervous',
    'jittery',
    'afraid',
  ],
} as const
export type PanasPolarity = keyof typeof PANAS_FEELINGS
export const PANAS_POLARITIES = Object.keys(PANAS_FEELINGS) as PanasPolarity[]
export type PanasFeeling = (typeof PANAS_FEELINGS)[PanasPolarity][number]
export const PANAS_FEELING_IDS: readonly PanasFeeling[] = [...PANAS_FEELINGS.positive, ...PANAS_FEELINGS.negative]
/** Before (the role card alone) and after (the card and the session). */
export const PANAS_PHASES = ['before', 'after'] as const
export type PanasPhase = (typeof PANAS_PHASES)[number]
/** The card's attitude toward counseling (CACTUS / MAGneT seeds), 'unknown' for a card without one of the three. */
export const PANAS_ATTITUDES = ['positive', 'neutral', 'negative', 'unknown'] as const
export type PanasAttitude = (typeof PANAS_ATTITUDES)[number]

/**
 * The judge's settings with MAGneT's defaults: temperature 0 and 3 samples (`rounds`). MAGneT's release keeps only the
 * first of its 3 samples; we average all `rounds` samples (the units say so).
 */
export const PanasConfigSchema = MagnetJudgeConfigSchema
export type PanasConfig = z.output<typeof PanasConfigSchema>

/** A group's mean score before and after (1–5) and its change (after − before), over its dialogues. */
export interface PanasGroup {
  /** Dialogues with a readable before and after. */
  n: number
  before: number
  after: number
  change: { mean: number; std: number }
}

export interface PanasResult {
  datasetId: string
  /** Per feeling: mean over dialogues of its mean over samples, before and after. */
  feelings: Record<PanasFeeling, { before: number; after: number }>
  /** Per polarity, over all judged dialogues: before, after and change, with each dialogue's change for the t-test. */
  polarities: Record<PanasPolarity, PanasGroup & { perDialogue: number[] }>
  /** The same per the card's attitude, for the attitudes present in the dataset. */
  attitudes: Partial<Record<PanasAttitude, Record<PanasPolarity, PanasGroup>>>
  /** Dialogues judged (they have a role card), and dialogues skipped for lack of one. */
  dialogues: number
  skipped: number
  failures: number
  calls: number
}

export type PanasEvaluationResult = {
  kind: 'panas'
  datasets: PanasResult[]
  /** Each polarity's per-dialogue change, dataset A against B. */
  comparison: Record<PanasPolarity, Comparison> | null
}

const datasets = { min: 1, max: 2 }

const cap = (s: string) => s[0].toUpperCase() + s.slice(1)

/** Positive and negative affect (PANAS) of the client before and after the session, by an LLM judge, as in MAGneT. */
export const panas = defineEvaluation<PanasEvaluationResult>()({
  kind: 'panas',
  label: 'PANAS',
  description: 'client affect before and after the session (PANAS) by an LLM judge (needs --endpoint)',
  ...magnetJudged('dialogue and phase'),
  needsRoleCards: true,
  datasets,
  units:
    'PANAS feelings 1–5 (10 positive, 10 negative); before from the role card alone, after from the card and the ' +
    'session; per polarity the mean over its 10 feelings of (after − before); each dialogue is the mean of `rounds` ' +
    'samples (MAGneT: temperature 0, 3 samples, of which its release uses only the first)',
  outputs: {
    table: 'Client affect before and after the session (PANAS)',
    figures: ['change per polarity by attitude group'],
  },
  // One row per polarity, attitude group and dataset; the test only for all clients of a polarity.
  table: (result, name) => {
    const present = PANAS_ATTITUDES.filter((a) => result.datasets.some((d) => d.attitudes[a]))
    const groups = ['all', ...present] as const
    return {
      columns: [
        'Polarity',
        'Attitude',
        'Dataset',
        'Before',
        'After',
        'Change',
        'Change SD',
        'n',
        ...(result.comparison ? ['t', 'df', 'p', "Cohen's d"] : []),
      ],
      formats: formatsOf(3, 3, 3, 3, 3, 0, ...(result.comparison ? COMPARISON_FORMATS : [])),
      rows: PANAS_POLARITIES.flatMap((p) =>
        groups.flatMap((g) =>
          result.datasets.map((d, i) => {
            const group = g === 'all' ? d.polarities[p] : d.attitudes[g]?.[p]
            const tested =
              result.comparison && g === 'all' ? comparisonCells(result.comparison[p]) : [null, null, null, null]
            return [
              cap(p),
              cap(g),
              name(d.datasetId),
              ...(group
                ? [fixed(group.before), fixed(group.after), fixed(group.change.mean), fixed(group.change.std), group.n]
                : [null, null, null, null, 0]),
              ...(result.comparison ? testCells(tested, i) : []),
            ]
          }),
        ),
      ),
      footnotes: result.comparison
        ? [`${TEST_ROW_NOTE} The test is run for all clients of a polarity, not per attitude group.`]
        : [],
    }
  },
  start: z.object({ kind: z.literal('panas'), ...startFields(datasets), config: PanasConfigSchema }),
})
