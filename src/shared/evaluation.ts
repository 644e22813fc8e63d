import { z } from 'zod'

/** The analyses of the Interactive Agents paper, each a resumable, cached job. */
export const EVALUATION_KINDS = ['stats', 'overlap', 'embedding', 'topics', 'wai'] as const
export type EvaluationKind = (typeof EVALUATION_KINDS)[number]

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
}

export const OverlapConfigSchema = z.object({
  removeStopWords: z.boolean().default(false),
  test: z.enum(T_TESTS).default('welch'),
  /** Seed of the random-mapping control (a derangement: no dialogue keeps its own card). */
  seed: z.number().int().default(42),
})

/**
 * A model hub id: [owner/]name, each part letters, digits, _ . - (not starting or ending with . or -,
 * no "--" or ".."), as the hub itself allows. "../.." is not one.
 */
export const MODEL_HUB_ID = /^(?!.*(?:--|\.\.))(?:\w(?:[\w.-]*\w)?\/)?\w(?:[\w.-]*\w)?$/
/** An absolute path on POSIX or Windows. */
export const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/

export const EmbeddingConfigSchema = z.object({
  /** A hub id (downloaded on first use into the workspace's model folder) or a local folder path. */
  // Xenova/bge-m3 is the ONNX export of BAAI/bge-m3 that transformers.js loads (fp32 + external weights, q8).
  model: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .refine(
      (m) => MODEL_HUB_ID.test(m) || ABSOLUTE_PATH.test(m),
      'must be a model hub id such as BAAI/bge-m3 or the absolute path of a model folder',
    )
    .default('Xenova/bge-m3'),
  pooling: z.enum(['cls', 'mean']).default('cls'),
  normalize: z.boolean().default(true),
  maxTokens: z.number().int().min(16).max(32768).default(8192),
  quantized: z.boolean().default(false),
  test: z.enum(T_TESTS).default('welch'),
  seed: z.number().int().default(42),
})

export const JudgeConfigSchema = z.object({
  endpointId: z.string().min(1, 'choose a model endpoint'),
  temperature: z.number().min(0).max(2).default(0.7),
  rounds: z.number().int().min(1).max(20).default(3),
  /** Retries of an unparseable or out-of-range answer before it is recorded as a failure. */
  parseRetries: z.number().int().min(0).max(10).default(2),
  /** Reuse identical judge requests' answers from earlier jobs. */
  cache: z.boolean().default(true),
  test: z.enum(T_TESTS).default('welch'),
})

export const StartEvaluationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stats'),
    name: z.string().max(200).default(''),
    datasetIds: z.array(z.string()).min(1).max(8),
  }),
  z.object({
    kind: z.literal('overlap'),
    name: z.string().max(200).default(''),
    datasetIds: z.array(z.string()).min(1).max(2),
    config: OverlapConfigSchema.default(OverlapConfigSchema.parse({})),
  }),
  z.object({
    kind: z.literal('embedding'),
    name: z.string().max(200).default(''),
    datasetIds: z.array(z.string()).min(1).max(2),
    config: EmbeddingConfigSchema.default(EmbeddingConfigSchema.parse({})),
  }),
  z.object({
    kind: z.literal('topics'),
    name: z.string().max(200).default(''),
    datasetIds: z.array(z.string()).min(1).max(2),
    config: JudgeConfigSchema,
  }),
  z.object({
    kind: z.literal('wai'),
    name: z.string().max(200).default(''),
    datasetIds: z.array(z.string()).min(1).max(2),
    config: JudgeConfigSchema,
  }),
])
export type StartEvaluationInput = z.input<typeof StartEvaluationSchema>

/** The paper's Table 1, per dataset. Words are counted for English only. */
export interface DatasetStatistics {
  datasetId: string
  name: string
  conversations: number
  avgTurns: number
  clientUtterances: number
  counselorUtterances: number
  avgClientChars: number
  avgCounselorChars: number
  avgClientWords: number | null
  avgCounselorWords: number | null
}

/** Overlap or cosine similarity: one value per dialogue for its own card and for a deranged card. */
export interface FidelityResult {
  datasetId: string
  mapping: number[]
  random: number[]
  comparison: Comparison
  /** Dialogues without a role card are left out (counted here). */
  skipped: number
}

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

export const WAI_FACTORS = { goal: [4, 6, 10, 11], task: [1, 2, 8, 12], bond: [3, 5, 7, 9] } as const
export const WAI_REVERSED = [4, 10] as const
export interface WaiResult {
  datasetId: string
  /** Mean (over rounds, then dialogues) of each item 1..12 after reverse scoring. */
  items: Record<number, number>
  factors: Record<keyof typeof WAI_FACTORS, { mean: number; std: number; perDialogue: number[] }>
  failures: number
  calls: number
}

export type EvaluationResult =
  | { kind: 'stats'; datasets: DatasetStatistics[] }
  | { kind: 'overlap' | 'embedding'; datasets: FidelityResult[] }
  | { kind: 'topics'; datasets: TopicResult[]; comparison: Comparison | null }
  | { kind: 'wai'; datasets: WaiResult[]; comparison: Record<keyof typeof WAI_FACTORS, Comparison> | null }

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
