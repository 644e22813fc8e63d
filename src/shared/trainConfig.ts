import { z } from 'zod'

/** The `llamafactory-cli train` configuration: one schema for the form (renderer) and the YAML (main). */

/** LLaMA-Factory chat templates we offer (a subset of its list; extend when a model needs another). */
export const TEMPLATES = [
  'qwen',
  'deepseek',
  'deepseek3',
  'llama3',
  'llama2',
  'mistral',
  'glm4',
  'chatglm3',
  'baichuan2',
  'yi',
  'gemma',
  'default',
] as const
export const LR_SCHEDULERS = [
  'linear',
  'cosine',
  'cosine_with_restarts',
  'polynomial',
  'constant',
  'constant_with_warmup',
] as const
export const PRECISIONS = ['bf16', 'fp16', 'none'] as const

/** LLaMA-Factory's preference losses (sigmoid = the DPO loss). */
export const PREF_LOSSES = ['sigmoid', 'hinge', 'ipo', 'orpo', 'simpo'] as const

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` })
const path = (what: string) =>
  z
    .string({ message: `must be ${what}` })
    .trim()
    .min(1, `must not be empty (${what})`)
const count = z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1')

/** Fields as in the `llamafactory-cli train` YAML, except `precision`, rendered as `bf16: true` / `fp16: true`. */
export const TrainConfigSchema = z
  .object({
    model_name_or_path: path('a Hugging Face hub id or a local model directory'),
    template: z.enum(TEMPLATES, oneOf(TEMPLATES)),
    /** sft: supervised fine-tuning; dpo: preference optimisation on chosen/rejected pairs (arena verdicts). */
    stage: z.enum(['sft', 'dpo'], { message: 'must be "sft" (supervised fine-tuning) or "dpo" (preference pairs)' }),
    /** DPO only: the beta of the preference loss, and which loss (LLaMA-Factory's pref_beta, pref_loss). */
    pref_beta: z.number({ message: 'must be a number' }).positive('must be greater than 0').optional(),
    pref_loss: z.enum(PREF_LOSSES, oneOf(PREF_LOSSES)).optional(),
    finetuning_type: z.enum(['full', 'lora'], oneOf(['full', 'lora'])),
    lora_rank: count.optional(),
    lora_alpha: z.number({ message: 'must be a number' }).positive('must be greater than 0').optional(),
    learning_rate: z
      .number({ message: 'must be a number' })
      .positive('must be greater than 0')
      .max(1, 'must be at most 1'),
    lr_scheduler_type: z.enum(LR_SCHEDULERS, oneOf(LR_SCHEDULERS)),
    num_train_epochs: z.number({ message: 'must be a number' }).positive('must be greater than 0'),
    precision: z.enum(PRECISIONS, oneOf(PRECISIONS)),
    per_device_train_batch_size: count,
    gradient_accumulation_steps: count,
    cutoff_len: count,
    /** Fraction of the dataset LLaMA-Factory holds out for evaluation; 0 = none. */
    val_size: z
      .number({ message: 'must be a number' })
      .min(0, 'must be between 0 and 1 (exclusive)')
      .lt(1, 'must be between 0 and 1 (exclusive)'),
    /** The held-out entry of dataset_info.json, when the export split the data itself. */
    eval_dataset: path('a dataset_info.json entry name').optional(),
    logging_steps: count,
    save_steps: count,
    output_dir: path('a directory'),
    dataset: path('a dataset_info.json entry name'),
    dataset_dir: path('the directory holding dataset_info.json'),
    deepspeed: path('a DeepSpeed JSON config path').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.finetuning_type === 'lora' && c.lora_rank === undefined) {
      ctx.addIssue({ code: 'custom', path: ['lora_rank'], message: 'is required when finetuning_type is lora' })
    }
    for (const key of ['lora_rank', 'lora_alpha'] as const) {
      if (c.finetuning_type === 'full' && c[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'only applies when finetuning_type is lora' })
      }
    }
    for (const key of ['pref_beta', 'pref_loss'] as const) {
      if (c.stage !== 'dpo' && c[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'only applies when stage is dpo' })
    }
    if (c.eval_dataset && c.val_size > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['val_size'],
        message: 'must be 0 when eval_dataset is given (the export already held data out)',
      })
    }
  })
export type TrainConfig = z.output<typeof TrainConfigSchema>
export type TrainConfigInput = z.input<typeof TrainConfigSchema>

export const MODEL_PRESETS = {
  'qwen2-7b-instruct': { model_name_or_path: 'Qwen/Qwen2-7B-Instruct', template: 'qwen' },
  'deepseek-llm-7b-chat': { model_name_or_path: 'deepseek-ai/deepseek-llm-7b-chat', template: 'deepseek' },
} as const satisfies Record<string, Pick<TrainConfig, 'model_name_or_path' | 'template'>>
export type ModelPresetId = keyof typeof MODEL_PRESETS

/**
 * The paper's hyperparameters (full fine-tuning, 1e-5, cosine, 2 epochs, bf16, batch 1 × accumulation 2, val_size
 * 0.001).
 */
export const PAPER_HYPERPARAMETERS = {
  stage: 'sft',
  finetuning_type: 'full',
  learning_rate: 1e-5,
  lr_scheduler_type: 'cosine',
  num_train_epochs: 2,
  precision: 'bf16',
  per_device_train_batch_size: 1,
  gradient_accumulation_steps: 2,
  val_size: 0.001,
} as const satisfies Partial<TrainConfig>

/**
 * Preference training on arena verdicts (not in the paper): DPO's sigmoid loss with beta 0.1 (LLaMA-Factory's
 * defaults), LoRA rank 8 at 5e-6 for 1 epoch — a small, cautious step from the fine-tuned counselor.
 */
export const DPO_HYPERPARAMETERS = {
  stage: 'dpo',
  finetuning_type: 'lora',
  lora_rank: 8,
  pref_beta: 0.1,
  pref_loss: 'sigmoid',
  learning_rate: 5e-6,
  lr_scheduler_type: 'cosine',
  num_train_epochs: 1,
  precision: 'bf16',
  per_device_train_batch_size: 1,
  gradient_accumulation_steps: 8,
  val_size: 0,
} as const satisfies Partial<TrainConfig>

/** Not from the paper: long counseling dialogues need a generous cutoff; logging/saving cadence is ours. */
export const DEFAULT_RUN_SETTINGS = { cutoff_len: 4096, logging_steps: 10, save_steps: 500 } as const
