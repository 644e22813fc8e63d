import { z } from 'zod'
import type { ExportedFile } from './api'
import { method } from './apiMethod'
import { LANGUAGES } from './roleCard'
import type { TrainingSummary } from './training'

/** The training part of the API contract (spread into `api` in api.ts). */
export const trainingApi = {
  /**
   * LLaMA-Factory training files for a dataset: data (and validation) JSON,
   * dataset_info.json and a train YAML with the paper's hyperparameters.
   * `systemPrompt` undefined = the counselor prompt the dialogues were simulated with.
   */
  exportTrainingData: method(
    z.object({
      datasetId: z.string(),
      layout: z.enum(['messages', 'sharegpt']).default('messages'),
      systemPrompt: z.string().nullable().optional(),
      perTurnSplit: z.boolean().default(false),
      onlyComplete: z.boolean().default(true),
      minTurns: z.number().int().min(0).optional(),
      excludeFlagged: z.boolean().default(true),
      language: z.enum(LANGUAGES).optional(),
      pools: z.array(z.string()).optional(),
      dedupe: z.boolean().default(true),
      validationShare: z.number().min(0).max(0.5).default(0),
      seed: z.number().int().default(42),
      datasetName: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('simpsy'),
      model: z.enum(['qwen2-7b-instruct', 'deepseek-llm-7b-chat']).default('qwen2-7b-instruct'),
      outputDir: z.string().min(1).default('saves/simpsy-counselor'),
    }),
  ).returns<{ files: ExportedFile[]; summary: TrainingSummary }>(),
} as const
