import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { TrainConfigSchema, type TrainConfigInput } from '@shared/trainConfig'
import { describeZodError } from '../../src/main/api/dispatch'
import { paperPreset, renderTrainYaml } from '../../src/main/training/trainConfig'

const paths = { dataset: 'simpsy', dataset_dir: 'data', output_dir: 'saves/qwen2-7b/full/sft' }

describe('paper preset', () => {
  it('renders YAML that parses back to the paper settings', () => {
    const yaml = renderTrainYaml(paperPreset('qwen2-7b-instruct', paths))
    expect(parse(yaml)).toEqual({
      model_name_or_path: 'Qwen/Qwen2-7B-Instruct',
      stage: 'sft',
      do_train: true,
      finetuning_type: 'full',
      dataset: 'simpsy',
      dataset_dir: 'data',
      template: 'qwen',
      cutoff_len: 4096,
      output_dir: 'saves/qwen2-7b/full/sft',
      logging_steps: 10,
      save_steps: 500,
      per_device_train_batch_size: 1,
      gradient_accumulation_steps: 2,
      learning_rate: 1e-5,
      num_train_epochs: 2,
      lr_scheduler_type: 'cosine',
      bf16: true,
      val_size: 0.001,
      eval_strategy: 'steps',
      eval_steps: 500,
      per_device_eval_batch_size: 1,
    })
  })

  it('uses the deepseek hub id and template, and a deepspeed path when given', () => {
    const parsed = parse(
      renderTrainYaml(paperPreset('deepseek-llm-7b-chat', { ...paths, deepspeed: 'ds_z3_config.json' })),
    )
    expect(parsed).toMatchObject({
      model_name_or_path: 'deepseek-ai/deepseek-llm-7b-chat',
      template: 'deepseek',
      deepspeed: 'ds_z3_config.json',
    })
  })

  it('writes small learning rates as floats PyYAML can read (1.0e-7, not 1e-7)', () => {
    const yaml = renderTrainYaml({ ...paperPreset('qwen2-7b-instruct', paths), learning_rate: 1e-7 })
    expect(yaml).toMatch(/^learning_rate: 1\.0e-7$/m)
    expect(parse(yaml).learning_rate).toBe(1e-7)
  })

  it('renders lora settings and fp16, and no bf16/fp16 key for precision none', () => {
    const lora = parse(
      renderTrainYaml({
        ...paperPreset('qwen2-7b-instruct', paths),
        finetuning_type: 'lora',
        lora_rank: 8,
        lora_alpha: 16,
        precision: 'fp16',
      }),
    )
    expect(lora).toMatchObject({ finetuning_type: 'lora', lora_rank: 8, lora_alpha: 16, fp16: true })
    expect(lora).not.toHaveProperty('bf16')
    const none = parse(renderTrainYaml({ ...paperPreset('qwen2-7b-instruct', paths), precision: 'none' }))
    expect(none).not.toHaveProperty('bf16')
    expect(none).not.toHaveProperty('fp16')
  })
})

describe('invalid configs', () => {
  const base: TrainConfigInput = paperPreset('qwen2-7b-instruct', paths)
  // As the API reports them (dispatch's describeZodError), one message per field.
  const errors = (input: unknown) => {
    const result = TrainConfigSchema.safeParse(input)
    if (result.success) throw new Error('expected the config to be rejected')
    return describeZodError(result.error).split('; ')
  }

  it('accepts the preset', () => {
    expect(TrainConfigSchema.safeParse(base).success).toBe(true)
  })

  it('names the field for a negative learning rate', () => {
    expect(errors({ ...base, learning_rate: -1e-5 })).toEqual(['learning_rate: must be greater than 0'])
  })

  it('names lora_rank when lora has no rank', () => {
    expect(errors({ ...base, finetuning_type: 'lora' })).toEqual([
      'lora_rank: is required when finetuning_type is lora',
    ])
  })

  it('names the template and lists the known ones', () => {
    const [message] = errors({ ...base, template: 'qwen9000' })
    expect(message).toMatch(/^template: must be one of qwen, deepseek,/)
  })

  it('names missing fields, unknown keys, and conflicting val_size/eval_dataset', () => {
    const { output_dir: _omit, ...rest } = base
    expect(errors(rest)).toEqual([expect.stringMatching(/^output_dir: /)])
    expect(errors({ ...base, lerning_rate: 1 })).toEqual([expect.stringContaining('lerning_rate')])
    expect(errors({ ...base, eval_dataset: 'simpsy_validation' })).toEqual([
      expect.stringMatching(/^val_size: must be 0 when eval_dataset/),
    ])
    expect(() => renderTrainYaml({ ...base, stage: 'ppo' as 'sft' })).toThrow(/stage/)
    expect(errors({ ...base, pref_beta: 0.2 })).toEqual([
      expect.stringMatching(/^pref_beta: only applies when stage is dpo/),
    ])
  })

  it('renders a DPO stage with its preference loss and beta', () => {
    const yaml = renderTrainYaml({ ...base, stage: 'dpo', pref_beta: 0.2, pref_loss: 'ipo' })
    expect(yaml).toMatch(/^stage: dpo$/m)
    expect(yaml).toMatch(/^pref_beta: 0.2$/m)
    expect(yaml).toMatch(/^pref_loss: ipo$/m)
    expect(renderTrainYaml(base)).not.toMatch(/pref_/)
  })
})
