import { stringify, type Tags } from 'yaml'
import {
  DEFAULT_RUN_SETTINGS,
  DPO_HYPERPARAMETERS,
  MODEL_PRESETS,
  PAPER_HYPERPARAMETERS,
  TrainConfigSchema,
  type ModelPresetId,
  type TrainConfig,
  type TrainConfigInput,
} from '@shared/trainConfig'

type RunPaths = Pick<TrainConfig, 'dataset' | 'dataset_dir' | 'output_dir'>

export function paperPreset(model: ModelPresetId, settings: RunPaths & Partial<TrainConfigInput>): TrainConfig {
  return TrainConfigSchema.parse({
    ...MODEL_PRESETS[model],
    ...PAPER_HYPERPARAMETERS,
    ...DEFAULT_RUN_SETTINGS,
    ...settings,
  })
}

/** Preference training on arena verdicts (DPO_HYPERPARAMETERS) for a model. */
export function dpoPreset(model: ModelPresetId, settings: RunPaths & Partial<TrainConfigInput>): TrainConfig {
  return TrainConfigSchema.parse({
    ...MODEL_PRESETS[model],
    ...DPO_HYPERPARAMETERS,
    ...DEFAULT_RUN_SETTINGS,
    ...settings,
  })
}

// PyYAML (YAML 1.1) reads `1e-7` as a string; `1.0e-7` is a float.
const pyYamlFloats = (tags: Tags): Tags =>
  tags.map((t) => {
    if (typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:float' || t.format || !t.stringify) return t
    const base = t.stringify.bind(t)
    const stringify: typeof base = (...args) => base(...args).replace(/^(-?\d+)e/, '$1.0e')
    return { ...t, stringify } as typeof t
  })

/** The YAML for `llamafactory-cli train`, validated first, in LLaMA-Factory's example order. */
export function renderTrainYaml(config: TrainConfigInput): string {
  const c = TrainConfigSchema.parse(config)
  const out = {
    model_name_or_path: c.model_name_or_path,
    stage: c.stage,
    do_train: true,
    finetuning_type: c.finetuning_type,
    ...(c.finetuning_type === 'lora' ? { lora_rank: c.lora_rank, lora_alpha: c.lora_alpha, lora_target: 'all' } : {}),
    ...(c.stage === 'dpo' ? { pref_beta: c.pref_beta ?? 0.1, pref_loss: c.pref_loss ?? 'sigmoid' } : {}),
    deepspeed: c.deepspeed,
    dataset: c.dataset,
    dataset_dir: c.dataset_dir,
    template: c.template,
    cutoff_len: c.cutoff_len,
    output_dir: c.output_dir,
    logging_steps: c.logging_steps,
    save_steps: c.save_steps,
    per_device_train_batch_size: c.per_device_train_batch_size,
    gradient_accumulation_steps: c.gradient_accumulation_steps,
    learning_rate: c.learning_rate,
    num_train_epochs: c.num_train_epochs,
    lr_scheduler_type: c.lr_scheduler_type,
    ...(c.precision === 'none' ? {} : { [c.precision]: true }),
    val_size: c.val_size,
    eval_dataset: c.eval_dataset,
    ...(c.val_size > 0 || c.eval_dataset
      ? { eval_strategy: 'steps', eval_steps: c.save_steps, per_device_eval_batch_size: 1 }
      : {}),
  }
  const defined = Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined))
  return stringify(defined, { customTags: pyYamlFloats })
}
