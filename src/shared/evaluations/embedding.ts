import { z } from 'zod'
import {
  ABSOLUTE_PATH,
  defineEvaluation,
  definedOptions,
  MODEL_HUB_ID,
  SEED_OPTION,
  startFields,
  T_TESTS,
  TEST_OPTION,
  testOf,
  CARD_TEXT_OPTION,
  CARD_TEXTS,
  cardTextOf,
} from './common'
import { fidelityTable, type FidelityResult } from './overlap'

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
  /** R: the card as the client saw it (new analyses) or its field values (analyses stored before the choice). */
  cardText: z.enum(CARD_TEXTS).default('field-values'),
})

/** The settings a new embedding analysis starts with: R is the card as the client saw it. */
export const EmbeddingStartConfigSchema = EmbeddingConfigSchema.extend({
  cardText: z.enum(CARD_TEXTS).default('as-seen'),
})

export type EmbeddingEvaluationResult = { kind: 'embedding'; datasets: FidelityResult[] }

const datasets = { min: 1, max: 2 }

/** Cosine similarity of the embeddings of client utterances and their own role card, against a deranged card. */
export const embedding = defineEvaluation<EmbeddingEvaluationResult>()({
  kind: 'embedding',
  label: 'embedding',
  description: 'embedding cosine similarity of client utterances with their role card, against a random mapping',
  judged: false,
  config: EmbeddingConfigSchema,
  settings: 'embedding',
  defaults: EmbeddingStartConfigSchema.parse({}),
  datasets,
  needsRoleCards: true,
  model: 'embedding',
  units: 'cosine similarity (−1–1)',
  outputs: {
    table: 'Cosine similarity between role card and client utterances',
    figures: ['histogram of mapping vs random'],
  },
  cli: {
    options: [
      {
        flags: '--model <id or folder>',
        description: 'embedding model: hub id or absolute path of a local folder (default Xenova/bge-m3)',
      },
      { flags: '--quantized', description: 'embedding model: 8-bit weights' },
      CARD_TEXT_OPTION,
      TEST_OPTION,
      SEED_OPTION,
    ],
    config: (o) => ({
      test: testOf(o),
      cardText: cardTextOf(o),
      ...definedOptions({ model: o.model, quantized: o.quantized, seed: o.seed }),
    }),
  },
  table: fidelityTable,
  start: z.object({
    kind: z.literal('embedding'),
    ...startFields(datasets),
    config: EmbeddingStartConfigSchema.default(EmbeddingStartConfigSchema.parse({})),
  }),
})
