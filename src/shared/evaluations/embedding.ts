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

export const EMBEDDING_BACKENDS = ['local', 'endpoint'] as const
export const EMBEDDING_DEVICES = ['cpu', 'gpu'] as const
export const CARD_SOURCES = ['role-card', 'card-by-id', 'first-client-turn'] as const
export type CardSource = (typeof CARD_SOURCES)[number]

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
  /** local: the model above on this machine; endpoint: an OpenAI-compatible /v1/embeddings endpoint (endpointId). */
  backend: z.enum(EMBEDDING_BACKENDS).default('local'),
  /** The embeddings endpoint (backend 'endpoint'): its model names the vectors. */
  endpointId: z.string().default(''),
  /** Texts per endpoint request. */
  batchSize: z.number().int().min(1).max(2048).default(32),
  /** Local model: the CPU, or the machine's GPU where the runtime offers one (else the CPU, noted in the result). */
  device: z.enum(EMBEDDING_DEVICES).default('cpu'),
  /**
   * The card text of each dialogue: its role card; a workspace role card whose id an imported dialogue names
   * (cardIdField); or the client's first turn, used as a proxy card and compared with the client's later turns. The
   * result says which.
   */
  cardSource: z.enum(CARD_SOURCES).default('role-card'),
  /**
   * card-by-id: the field of each imported dialogue whose value is the id of a workspace role card (externalId: the
   * corpus's own id column, e.g. SmileChat's `id`; or another field kept with the dialogue).
   */
  cardIdField: z.string().trim().min(1).max(200).default('externalId'),
})

/** The settings a new embedding analysis starts with: R is the card as the client saw it. */
export const EmbeddingStartConfigSchema = EmbeddingConfigSchema.extend({
  cardText: z.enum(CARD_TEXTS).default('as-seen'),
})

/** How the vectors were made, kept with the result. */
export interface EmbeddingRunInfo {
  backend: (typeof EMBEDDING_BACKENDS)[number]
  /** The local model's id or folder, or the endpoint's model. */
  model: string
  /** cpu or a GPU provider (local), the endpoint's base URL (endpoint). */
  device: string
  /** A GPU was asked for but not available: each provider tried, and why it failed. */
  fallback: string | null
  /** Texts cut at the model's token limit, counted once each. */
  truncated: number
  /** That limit: maxTokens, or the model's own when lower (local models; absent for endpoints). */
  maxTokens?: number
  /** Texts whose cut is not known (an endpoint cuts on its own and does not say). */
  truncationUnknown: number
  /** Distinct texts embedded. */
  texts: number
  cardSource: CardSource
}

export type EmbeddingEvaluationResult = {
  kind: 'embedding'
  datasets: FidelityResult[]
  /** Absent in results stored before it was recorded. */
  run?: EmbeddingRunInfo
}

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
      {
        flags: '--embeddings-endpoint <name>',
        description: 'embed with this /v1/embeddings endpoint (a saved endpoint) instead of a local model',
      },
      { flags: '--gpu', description: "local model: the machine's GPU where available (else the CPU, noted)" },
      {
        flags: '--card-id-field <field>',
        description:
          "corpora without role cards: the dialogue field naming a workspace role card's id (e.g. externalId)",
      },
      {
        flags: '--first-client-turn',
        description: "corpora without role cards: the client's first turn as a proxy card (labelled as such)",
      },
      CARD_TEXT_OPTION,
      TEST_OPTION,
      SEED_OPTION,
    ],
    config: (o) => ({
      test: testOf(o),
      cardText: cardTextOf(o),
      ...definedOptions({ model: o.model, quantized: o.quantized, seed: o.seed }),
      ...(typeof o.embeddingsEndpoint === 'string' ? { backend: 'endpoint', endpointId: o.embeddingsEndpoint } : {}),
      ...(o.gpu ? { device: 'gpu' } : {}),
      ...(typeof o.cardIdField === 'string' ? { cardSource: 'card-by-id', cardIdField: o.cardIdField } : {}),
      ...(o.firstClientTurn ? { cardSource: 'first-client-turn' } : {}),
    }),
  },
  table: fidelityTable,
  start: z.object({
    kind: z.literal('embedding'),
    ...startFields(datasets),
    config: EmbeddingStartConfigSchema.default(EmbeddingStartConfigSchema.parse({})),
  }),
})
