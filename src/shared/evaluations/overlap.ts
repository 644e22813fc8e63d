import { z } from 'zod'
import type { Comparison, TableBody } from './common'
import {
  COMPARISON_FORMATS,
  comparisonCells,
  formatsOf,
  defineEvaluation,
  fixed,
  SEED_OPTION,
  startFields,
  T_TESTS,
  TEST_OPTION,
  testOf,
  definedOptions,
  CARD_TEXT_OPTION,
  CARD_TEXTS,
  cardTextOf,
} from './common'

export const OverlapConfigSchema = z.object({
  /** R: the card as the client saw it (new analyses) or its field values (analyses stored before the choice). */
  cardText: z.enum(CARD_TEXTS).default('field-values'),
  removeStopWords: z.boolean().default(false),
  test: z.enum(T_TESTS).default('welch'),
  /** Seed of the random-mapping control (a derangement: no dialogue keeps its own card). */
  seed: z.number().int().default(42),
})

/** The settings a new overlap analysis starts with: R is the card as the client saw it. */
export const OverlapStartConfigSchema = OverlapConfigSchema.extend({ cardText: z.enum(CARD_TEXTS).default('as-seen') })

/** Overlap or cosine similarity: one value per dialogue for its own card and for a deranged card. */
export interface FidelityResult {
  datasetId: string
  mapping: number[]
  random: number[]
  comparison: Comparison
  /** Dialogues without a role card are left out (counted here). */
  skipped: number
}

/** Mapping against random per dataset: the table of overlap and embedding. */
export const fidelityTable = (result: { datasets: FidelityResult[] }, name: (id: string) => string): TableBody => ({
  columns: [
    'Dataset',
    'Mapping mean',
    'Mapping SD',
    'Random mean',
    'Random SD',
    'n',
    't',
    'df',
    'p',
    "Cohen's d",
    'Skipped',
  ],
  formats: formatsOf(1, 3, 3, 3, 3, 0, ...COMPARISON_FORMATS, 0),
  rows: result.datasets.map((d) => [
    name(d.datasetId),
    fixed(d.comparison.a.mean),
    fixed(d.comparison.a.std),
    fixed(d.comparison.b.mean),
    fixed(d.comparison.b.std),
    d.comparison.a.n,
    ...comparisonCells(d.comparison),
    d.skipped,
  ]),
})

export type OverlapEvaluationResult = { kind: 'overlap'; datasets: FidelityResult[] }

const datasets = { min: 1, max: 2 }

/** Vocabulary overlap of client utterances with their own role card, against a deranged card. */
export const overlap = defineEvaluation<OverlapEvaluationResult>()({
  kind: 'overlap',
  label: 'overlap',
  description: 'vocabulary overlap of client utterances with their role card, against a random mapping',
  judged: false,
  config: OverlapConfigSchema,
  settings: 'overlap',
  defaults: OverlapStartConfigSchema.parse({}),
  datasets,
  needsRoleCards: true,
  model: null,
  units: 'share of the role card’s words the client uses (0–1)',
  outputs: {
    table: 'Vocabulary overlap between role card and client utterances',
    figures: ['histogram of mapping vs random'],
  },
  cli: {
    options: [
      { flags: '--stop-words', description: 'overlap: remove stop words' },
      CARD_TEXT_OPTION,
      TEST_OPTION,
      SEED_OPTION,
    ],
    config: (o) => ({
      test: testOf(o),
      removeStopWords: Boolean(o.stopWords),
      cardText: cardTextOf(o),
      ...definedOptions({ seed: o.seed }),
    }),
  },
  table: fidelityTable,
  start: z.object({
    kind: z.literal('overlap'),
    ...startFields(datasets),
    config: OverlapStartConfigSchema.default(OverlapStartConfigSchema.parse({})),
  }),
})
