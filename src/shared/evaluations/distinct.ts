import { z } from 'zod'
import {
  ABSOLUTE_PATH,
  defineEvaluation,
  definedOptions,
  fixed,
  formatsOf,
  startFields,
  type TableBody,
} from './common'

export const DISTINCT_SPEAKERS = ['counselor', 'client', 'both'] as const
export const DISTINCT_TOKENIZERS = ['words', 'tokenizer-json'] as const
/** V for EAD at word level unless the config gives one (words have no fixed vocabulary). */
export const DISTINCT_WORD_VOCABULARY = 100_000
export const DISTINCT_MAX_N = 3

export const DistinctConfigSchema = z
  .object({
    /** Whose messages: MAGneT reports the counselor's. */
    speaker: z.enum(DISTINCT_SPEAKERS).default('counselor'),
    /** Distinct-1..maxN. */
    maxN: z.number().int().min(1).max(DISTINCT_MAX_N).default(DISTINCT_MAX_N),
    /** 'words': the workbench's segmenters (jieba for Chinese); 'tokenizer-json': a Hugging Face tokenizer.json. */
    tokenizer: z.enum(DISTINCT_TOKENIZERS).default('words'),
    /** tokenizer-json: the absolute path of a local folder holding tokenizer.json (checked before the job starts). */
    tokenizerPath: z.string().trim().max(1000).default(''),
    lowercase: z.boolean().default(true),
    /** V for EAD; null: the tokenizer's vocabulary size, or DISTINCT_WORD_VOCABULARY for words. */
    vocabularySize: z.number().int().min(1).nullable().default(null),
  })
  .superRefine((config, ctx) => {
    if (config.tokenizer === 'tokenizer-json' && !ABSOLUTE_PATH.test(config.tokenizerPath))
      ctx.addIssue({
        code: 'custom',
        path: ['tokenizerPath'],
        message: 'must be the absolute path of a local folder holding tokenizer.json',
      })
  })
export type DistinctConfig = z.output<typeof DistinctConfigSchema>

/** One dataset's lexical diversity: n-grams within each dialogue, pooled over the dataset. */
export interface DistinctDatasetResult {
  datasetId: string
  dialogues: number
  /** Tokens of the chosen speaker(s) (= unigram occurrences). */
  tokens: number
  /** n = 1..maxN: occurrences, different n-grams, and their ratio (null without any n-gram of that length). */
  ngrams: { n: number; total: number; unique: number; distinct: number | null }[]
  /** Expectation-adjusted distinct (null without tokens). */
  ead: number | null
}

export type DistinctEvaluationResult = {
  kind: 'distinct'
  /** V used for EAD, and where it came from. */
  vocabulary: { size: number; source: 'tokenizer' | 'option' | 'default' }
  datasets: DistinctDatasetResult[]
}

/** One row per dataset: dialogues, tokens, Distinct-n, different n-grams, EAD. */
export function distinctTable(result: DistinctEvaluationResult, name: (id: string) => string): TableBody {
  const ns = result.datasets[0]?.ngrams.map((g) => g.n) ?? [1, 2, 3]
  return {
    columns: [
      'Dataset',
      'Dialogues',
      'Tokens',
      ...ns.map((n) => `Distinct-${n}`),
      ...ns.map((n) => `Unique ${n}-grams`),
      'EAD',
    ],
    formats: formatsOf(1, 0, 0, ...ns.map(() => 4), ...ns.map(() => 0), 4),
    rows: result.datasets.map((d) => [
      name(d.datasetId),
      d.dialogues,
      d.tokens,
      ...d.ngrams.map((g) => fixed(g.distinct, 4)),
      ...d.ngrams.map((g) => g.unique),
      fixed(d.ead, 4),
    ]),
  }
}

const datasets = { min: 1, max: 8 }

/** Distinct-1/2/3 and EAD of one speaker's (or both speakers') words, up to 8 datasets side by side. */
export const distinct = defineEvaluation<DistinctEvaluationResult>()({
  kind: 'distinct',
  label: 'distinct-n',
  description: 'lexical diversity: Distinct-1/2/3 and EAD of counselor or client utterances (up to 8 datasets)',
  judged: false,
  config: DistinctConfigSchema,
  settings: 'distinct',
  defaults: DistinctConfigSchema.parse({}),
  datasets,
  needsRoleCards: false,
  model: null,
  units:
    'Distinct-n: different n-grams / n-gram occurrences (0–1), n-grams taken within each dialogue (running on from ' +
    'one message into the next) and pooled over the dataset; EAD: different tokens / the number expected among N ' +
    'tokens drawn uniformly from a vocabulary of V (V: the tokenizer’s vocabulary size with tokenizer.json; for ' +
    `words ${DISTINCT_WORD_VOCABULARY.toLocaleString('en')} unless set, not the corpus’s own vocabulary, which is ` +
    'the numerator)',
  outputs: {
    table: 'Lexical diversity (Distinct-n and EAD)',
    figures: ['bar chart of Distinct-1/2/3 and EAD per dataset'],
  },
  cli: {
    options: [
      { flags: '--speaker <who>', description: 'distinct: counselor (default), client or both' },
      { flags: '--max-n <n>', description: 'distinct: longest n-gram, 1–3 (default 3)', parse: 'number' },
      {
        flags: '--tokenizer-json <folder>',
        description: 'distinct: count the tokens of a Hugging Face tokenizer.json in this folder (absolute path)',
      },
      { flags: '--keep-case', description: 'distinct: do not lower-case the text' },
      {
        flags: '--vocabulary-size <V>',
        description: `distinct: V for EAD (default: the tokenizer's, or ${DISTINCT_WORD_VOCABULARY} for words)`,
        parse: 'number',
      },
    ],
    config: (o) => ({
      ...definedOptions({ speaker: o.speaker, maxN: o.maxN, vocabularySize: o.vocabularySize }),
      ...(o.tokenizerJson ? { tokenizer: 'tokenizer-json', tokenizerPath: o.tokenizerJson } : {}),
      ...(o.keepCase ? { lowercase: false } : {}),
    }),
  },
  table: distinctTable,
  start: z.object({
    kind: z.literal('distinct'),
    ...startFields(datasets),
    config: DistinctConfigSchema.default(DistinctConfigSchema.parse({})),
  }),
})
