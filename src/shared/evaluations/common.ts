import { z } from 'zod'
import { sampleTake } from '../sample'

export const T_TESTS = ['welch', 'student'] as const
export type TTestKind = (typeof T_TESTS)[number]

/** Two-sample comparison: means, spread, two-tailed t-test, Cohen's d (pooled SD). */
export interface Comparison {
  test: TTestKind
  a: { n: number; mean: number; std: number }
  b: { n: number; mean: number; std: number }
  t: number
  df: number
  p: number
  cohensD: number
  /** p adjusted by Holm over the family of tests it belongs to (a table's items); its table names the family. */
  pHolm?: number
}

/**
 * A model hub id: [owner/]name, each part letters, digits, _ . - (not starting or ending with . or -,
 * no "--" or ".."), as the hub itself allows. "../.." is not one.
 */
export const MODEL_HUB_ID = /^(?!.*(?:--|\.\.))(?:\w(?:[\w.-]*\w)?\/)?\w(?:[\w.-]*\w)?$/
/** An absolute path on POSIX or Windows. */
export const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/

/**
 * Which dialogues a judged analysis asks about: all (the default), a number or a fraction of each dataset, chosen by a
 * seeded ranking of the dialogues' seed records, so two datasets made from the same cards keep the same ones (and stay
 * paired) and the same seed chooses the same sample again.
 */
export const JudgeSampleSchema = z.object({
  sampleSize: z.number().int().min(1).nullable().default(null),
  sampleFraction: z.number().gt(0).max(1).nullable().default(null),
  sampleSeed: z.number().int().default(42),
})
export type JudgeSample = z.output<typeof JudgeSampleSchema>

/** How many of a dataset's `n` dialogues a sample takes (all without one; at least one of a non-empty dataset). */
export function sampleCount(sample: Partial<JudgeSample> | null, n: number): number {
  return sampleTake(sample && { size: sample.sampleSize, fraction: sample.sampleFraction }, n)
}

/**
 * How a judge's requests are sent: 'live' (the paper's way, one call per unit as the job goes) or 'batch' (an
 * OpenAI-style batch: uploaded as a JSONL file, answered by the provider within its window, usually at half price).
 */
export const JUDGE_DELIVERIES = ['live', 'batch'] as const
export type JudgeDelivery = (typeof JUDGE_DELIVERIES)[number]
/** What a batch answer costs relative to a live one (OpenAI's batch discount is 50%). */
export const DEFAULT_BATCH_PRICE_FACTOR = 0.5

/** The settings every LLM-judged analysis shares: its judge endpoint (chosen by the user) and how it asks. */
export const JudgeConfigSchema = z.object({
  ...JudgeSampleSchema.shape,
  endpointId: z.string().min(1, 'choose a model endpoint'),
  temperature: z.number().min(0).max(2).default(0.7),
  rounds: z.number().int().min(1).max(20).default(3),
  /** Retries of an unparseable or out-of-range answer before it is recorded as a failure. */
  parseRetries: z.number().int().min(0).max(10).default(2),
  /** Reuse identical judge requests' answers from earlier jobs. */
  cache: z.boolean().default(true),
  test: z.enum(T_TESTS).default('welch'),
  /** Live calls (the paper's) or one provider batch; recorded with the analysis. */
  delivery: z.enum(JUDGE_DELIVERIES).default('live'),
  /** Batch price relative to live, for the estimate and the logged cost of batch answers. */
  batchPriceFactor: z.number().min(0).max(1).default(DEFAULT_BATCH_PRICE_FACTOR),
})

/**
 * Which dialogues an analysis reads: 'complete' (the default) leaves out flagged dialogues (a reply kept although it
 * broke the refinement rules) and those that did not end by a rule (failed, cancelled, still running), as the paper
 * accepts only replies that pass; 'all' reads every dialogue. Tables say how many were left out.
 */
export const ANALYSIS_DIALOGUES = ['complete', 'all'] as const
export type AnalysisDialogues = (typeof ANALYSIS_DIALOGUES)[number]

/** The start input's fields every kind has: a name, its datasets within the kind's limits, which dialogues it reads. */
export const startFields = (datasets: DatasetLimits) => ({
  name: z.string().max(200).default(''),
  datasetIds: z.array(z.string()).min(datasets.min).max(datasets.max),
  dialogues: z.enum(ANALYSIS_DIALOGUES).default('complete'),
})

export interface DatasetLimits {
  min: number
  /** 2 for "one dataset, or two against each other". */
  max: number
}

/** A CLI option of `evaluate <kind>` (commander flags), read into the kind's config by `cli.config`. */
export interface CliOption {
  flags: string
  description: string
  /** Parses the option's text (numbers); none for flags and strings. */
  parse?: 'number'
}

/** The parsed options of `evaluate <kind>`, by commander's camel-cased names. */
export type CliOptions = Record<string, unknown>

/** Leaves out options the user did not give, so the config schema's defaults apply. */
export const definedOptions = (x: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined))

/**
 * One kind of evaluation: everything the job runner, API, CLI, form, result view, tables and provenance need to know
 * about it. `R` is the stored result (only its type: results are stored as JSON, never migrated).
 */
export interface EvaluationInfo<K extends string = string> {
  kind: K
  /** English, for the CLI help and messages ("statistics", "WAI"); the UI's labels are in i18n, keyed by kind. */
  label: string
  /** One line of CLI help. */
  description: string
  /**
   * Asked of an LLM judge: the config holds the judge's `endpointId` (JudgeConfigSchema's fields), the job makes model
   * calls, the form and CLI show an estimate of calls and cost before it starts, cancelling keeps cached answers, and
   * failures list the judge's raw answers.
   */
  judged: boolean
  /** Its settings (zod, with the paper's defaults), or null when it has none. */
  config: z.ZodObject | null
  /**
   * The new-analysis form's settings group: kinds with the same group share the settings panel and what the user
   * typed in it (topics and WAI: 'judge'). Null without settings.
   */
  settings: string | null
  /** The form's starting settings (a judge's endpoint is chosen by the user: ''). */
  defaults: Record<string, unknown> | null
  datasets: DatasetLimits
  /** Reads each dialogue's role card (dialogues without one are skipped and counted). */
  needsRoleCards: boolean
  /** Which model its config names, for provenance: `model` (embedding model) or `endpointId` (judge). */
  model: 'embedding' | 'judge' | null
  /** What its numbers measure, in what unit. */
  units: string
  /** What it produces: its result table's title (the exports) and the figures the result view draws. */
  outputs: { table: string; figures: readonly string[] }
  /** `evaluate <kind>`: its own options, and the config they give (judged kinds: without endpointId). */
  cli: { options: readonly CliOption[]; config(o: CliOptions): Record<string, unknown> | undefined }
}

/**
 * How a column's numbers are written in Markdown and LaTeX: that many decimals for every number of the column,
 * 'p' for p values (3 decimals, "< 0.001" below), 'text' for labels. CSV keeps the numbers as stored.
 */
export type ColumnFormat = number | 'p' | 'text'

/** A result table's columns and rows (English: exports read the same in any UI language). */
export interface TableBody {
  columns: string[]
  rows: (string | number | null)[][]
  /** One per column; without it the exports take the most decimals a column's numbers have. */
  formats?: ColumnFormat[]
  /** Notes that travel with the table into every export (which correction, over which family). */
  footnotes?: string[]
}

/** A number rounded for a table (empty when missing). */
export const fixed = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits))
const pValue = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3))
/** t, df, p and Cohen's d of a comparison, as table cells. */
export const COMPARISON_FORMATS: ColumnFormat[] = [3, 1, 'p', 3]
export const comparisonCells = (c: Comparison) => [fixed(c.t), fixed(c.df, 1), pValue(c.p), fixed(c.cohensD)]

/** p of a comparison adjusted by Holm, as a table cell. */
export const holmCell = (c: Comparison) => (c.pHolm === undefined ? null : pValue(c.pHolm))

/** Where a two-dataset table with one row per measure and dataset puts its test. */
export const TEST_ROW_NOTE =
  "t, df, p and d compare the two datasets; they stand in the first dataset's row of each measure."

/** The test's cells in the first dataset's row of a measure, empty cells (drawn as dashes) in the others. */
export const testCells = (cells: (string | number | null)[], row: number) => (row === 0 ? cells : cells.map(() => null))

/** The formats of a table whose first `labels` columns are text and the rest given. */
export const formatsOf = (labels: number, ...rest: ColumnFormat[]): ColumnFormat[] => [
  ...Array<ColumnFormat>(labels).fill('text'),
  ...rest,
]

/** The options every kind with a t-test shares. */
export const TEST_OPTION: CliOption = { flags: '--student', description: "Student's t-test instead of Welch's" }
export const SEED_OPTION: CliOption = {
  flags: '--seed <n>',
  description: 'seed of the random-mapping control',
  parse: 'number',
}
export const testOf = (o: CliOptions) => (o.student ? 'student' : 'welch')

/** The form's starting settings of a judged kind: the schema's defaults, the endpoint left for the user. */
export const JUDGE_DEFAULTS = { ...JudgeConfigSchema.parse({ endpointId: 'chosen-later' }), endpointId: '' }

/** The delivery options of every judged kind (JudgeConfigSchema's delivery and batchPriceFactor). */
export const DELIVERY_OPTIONS: CliOption[] = [
  { flags: '--batch', description: "send the judge's requests as one provider batch (files + batches API)" },
  {
    flags: '--batch-price-factor <f>',
    description: 'batch price relative to live calls, for the estimate and cost (default 0.5)',
    parse: 'number',
  },
]
const deliveryConfig = (o: CliOptions) =>
  definedOptions({ delivery: o.batch ? 'batch' : undefined, batchPriceFactor: o.batchPriceFactor })

/** The sample options of every judged kind (JudgeSampleSchema's fields). */
export const SAMPLE_OPTIONS: CliOption[] = [
  {
    flags: '--sample-size <n>',
    description: 'judge a seeded random sample of n dialogues per dataset',
    parse: 'number',
  },
  {
    flags: '--sample-fraction <f>',
    description: 'judge a seeded random fraction (0–1] of each dataset',
    parse: 'number',
  },
  { flags: '--sample-seed <n>', description: 'seed of the sample (default 42)', parse: 'number' },
  ...DELIVERY_OPTIONS,
]
export const sampleConfig = (o: CliOptions) => ({
  ...definedOptions({ sampleSize: o.sampleSize, sampleFraction: o.sampleFraction, sampleSeed: o.sampleSeed }),
  ...deliveryConfig(o),
})

export const JUDGE_CLI = {
  options: [
    { flags: '--rounds <n>', description: 'judge rounds (default 3)', parse: 'number' },
    { flags: '--temperature <t>', description: 'judge temperature (default 0.7)', parse: 'number' },
    ...SAMPLE_OPTIONS,
    TEST_OPTION,
  ],
  config: (o: CliOptions) => ({
    test: testOf(o),
    ...definedOptions({ rounds: o.rounds, temperature: o.temperature }),
    ...sampleConfig(o),
  }),
} satisfies EvaluationInfo['cli']

/** What every kind scored by an LLM judge has in common: its config, form group, defaults, model and CLI options. */
export const JUDGED = {
  judged: true,
  config: JudgeConfigSchema,
  settings: 'judge',
  defaults: JUDGE_DEFAULTS,
  needsRoleCards: false,
  model: 'judge',
  cli: JUDGE_CLI,
} as const

/**
 * A kind's descriptor with its start input (`start`, a zod object with `kind: z.literal(kind)`), its result table
 * (`table`) and, as a type only, its stored result `R`. Curried so the result type is given and the rest inferred:
 * `defineEvaluation<WaiEvaluationResult>()({ kind: 'wai', ... })`.
 */
export const defineEvaluation =
  <R extends { kind: string }>() =>
  <
    const I extends EvaluationInfo<R['kind']> & {
      start: z.ZodObject
      /** Its result table (title: `outputs.table`), for the CSV / Markdown / LaTeX exports and the CLI. */
      table(result: R, datasetName: (id: string) => string): TableBody
    },
  >(
    info: I,
  ) =>
    info as I & { readonly result?: R }

/**
 * One per-dialogue result of an analysis: a number (an item's mean over rounds, an overlap, a distinct count) or a
 * label (a round's topic). Metric names are short, stable and English ('bond', 'item 4', 'mapping', 'round 2'); the UI
 * translates the ones it knows.
 */
export interface DialogueScore {
  datasetId: string
  dialogueId: string
  metric: string
  value: number | null
  label?: string | null
}

/** MAGneT's judge settings (CTRS, PANAS): temperature 0 and three samples (rounds), averaged. */
export const MagnetJudgeConfigSchema = JudgeConfigSchema.extend({
  temperature: JudgeConfigSchema.shape.temperature.unwrap().default(0),
  rounds: JudgeConfigSchema.shape.rounds.unwrap().default(3),
})

/**
 * What the kinds judged as MAGneT judges have in common: their own form group ('cbtJudge', whose defaults differ from
 * the Interactive Agents judge's 0.7), its config and defaults, and CLI options saying what a sample is (`samplesOf`).
 */
export const magnetJudged = (samplesOf: string) =>
  ({
    ...JUDGED,
    settings: 'cbtJudge',
    config: MagnetJudgeConfigSchema,
    defaults: { ...MagnetJudgeConfigSchema.parse({ endpointId: 'chosen-later' }), endpointId: '' },
    cli: {
      options: [
        { flags: '--rounds <n>', description: `samples per ${samplesOf} (default 3)`, parse: 'number' },
        { flags: '--temperature <t>', description: 'judge temperature (default 0)', parse: 'number' },
        ...SAMPLE_OPTIONS,
        TEST_OPTION,
      ],
      config: (o: CliOptions) => ({
        test: testOf(o),
        ...definedOptions({ rounds: o.rounds, temperature: o.temperature }),
        ...sampleConfig(o),
      }),
    },
  }) as const

/**
 * The card text R that client fidelity (overlap, cosine) compares with: 'as-seen', the card as the client prompt
 * rendered it (the paper compares with the role card the client was given; the default), or 'field-values', the
 * values of its fields without labels. Neither holds an attitude instruction. Analyses stored before the choice used
 * field values: reading their settings gives that; starting one gives 'as-seen'.
 */
export const CARD_TEXTS = ['as-seen', 'field-values'] as const
export type CardTextKind = (typeof CARD_TEXTS)[number]
export const CARD_TEXT_OPTION: CliOption = {
  flags: '--field-values',
  description: "compare with the card's field values only, not the card as the client saw it",
}
export const cardTextOf = (o: CliOptions): CardTextKind => (o.fieldValues ? 'field-values' : 'as-seen')
