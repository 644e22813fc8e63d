import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { LaunchTrainingSchema } from '@shared/training'
import { dpoPreset, renderTrainYaml, paperPreset } from '../../../src/main/training/trainConfig'
import { setPath } from '../../../src/renderer/src/lib/dottedPath'
import {
  CONFIG_FIELD_PATHS,
  DATA_FIELD_PATHS,
  configDraftFrom,
  initialData,
  preferenceTrainingState,
  stepOf,
  toConfigInput,
  toExportInput,
  toLaunchInput,
  validateLaunch,
  type TrainingFormState,
} from '../../../src/renderer/src/pages/training/form/trainingFormState'
import { en, useUiStrings } from '../i18n'

beforeAll(() => useUiStrings('en'))

/**
 * The form as a user leaves it ready to launch: the server's paper preset (trainingConfigDefaults), a dataset, a
 * server, a name.
 */
function readyForm(): TrainingFormState {
  const preset = paperPreset('qwen2-7b-instruct', {
    dataset: 'simpsy',
    dataset_dir: 'data',
    output_dir: 'saves/simpsy-counselor',
  })
  return {
    name: 'Qwen2 on pilot dialogues',
    data: { ...initialData(), datasetId: 'ds-1' },
    config: configDraftFrom(preset),
    profileId: 'gpu-box',
  }
}

/** The YAML the live preview shows (renderTrainingConfig renders toConfigInput on the server), read back. */
const yamlOf = (state: TrainingFormState) => parse(renderTrainYaml(toConfigInput(state))) as Record<string, unknown>

describe('the training form', () => {
  it('ready with the paper preset: nothing to report, and the YAML holds the paper’s values', () => {
    const state = readyForm()
    expect(validateLaunch(state)).toEqual({})
    expect(yamlOf(state)).toMatchObject({
      model_name_or_path: 'Qwen/Qwen2-7B-Instruct',
      stage: 'sft',
      finetuning_type: 'full',
      template: 'qwen',
      learning_rate: 1e-5,
      lr_scheduler_type: 'cosine',
      num_train_epochs: 2,
      bf16: true,
      per_device_train_batch_size: 1,
      gradient_accumulation_steps: 2,
      val_size: 0.001,
      dataset: 'simpsy',
    })
  })

  it('puts the values as typed into the YAML, as numbers where LLaMA-Factory wants numbers', () => {
    let state = readyForm()
    for (const [path, value] of [
      ['config.model_name_or_path', 'deepseek-ai/deepseek-llm-7b-chat'],
      ['config.template', 'deepseek'],
      ['config.learning_rate', 2e-7],
      ['config.num_train_epochs', 3.5],
      ['config.cutoff_len', 2048],
      ['config.precision', 'fp16'],
      ['config.deepspeed', '  ds_z3.json  '],
      ['data.datasetName', 'pilot_v2'],
    ] as const) {
      state = setPath(state, path, value)
    }
    const yaml = renderTrainYaml(toConfigInput(state))
    // A small rate is written so PyYAML reads a float (1e-7 would be a string to it).
    expect(yaml).toMatch(/^learning_rate: 2\.0e-7$/m)
    expect(yamlOf(state)).toMatchObject({
      model_name_or_path: 'deepseek-ai/deepseek-llm-7b-chat',
      template: 'deepseek',
      learning_rate: 2e-7,
      num_train_epochs: 3.5,
      cutoff_len: 2048,
      fp16: true,
      deepspeed: 'ds_z3.json',
      dataset: 'pilot_v2',
    })
    expect(yamlOf(state).bf16).toBeUndefined()
  })

  it('writes LoRA settings only for LoRA, and keeps them while full fine-tuning is chosen in between', () => {
    const full = readyForm()
    expect(yamlOf(full)).not.toHaveProperty('lora_rank')
    const lora = setPath(setPath(full, 'config.finetuning_type', 'lora'), 'config.lora_rank', 16)
    expect(yamlOf(lora)).toMatchObject({ finetuning_type: 'lora', lora_rank: 16, lora_alpha: 16, lora_target: 'all' })
    const back = setPath(setPath(lora, 'config.finetuning_type', 'full'), 'config.finetuning_type', 'lora')
    expect(back.config.lora_rank).toBe(16)
    expect(validateLaunch(back)).toEqual({})
  })

  it('when the export holds dialogues out, LLaMA-Factory evaluates on that file and does not split again', () => {
    const state = setPath(readyForm(), 'data.validationShare', 0.1)
    expect(yamlOf(state)).toMatchObject({ dataset: 'simpsy', eval_dataset: 'simpsy_validation', val_size: 0 })
    expect(toExportInput(state).validationShare).toBe(0.1)
  })

  it('sends the system prompt choice as the server reads it', () => {
    const state = readyForm()
    expect(toExportInput(state).systemPrompt).toBeUndefined()
    expect(toExportInput(setPath(state, 'data.systemPromptMode', 'none')).systemPrompt).toBeNull()
    const custom = setPath(
      setPath(state, 'data.systemPromptMode', 'custom'),
      'data.customSystemPrompt',
      'You are a counselor.',
    )
    expect(toExportInput(custom).systemPrompt).toBe('You are a counselor.')
  })

  it('before launch, names what is missing at its field: dataset, name, server, a custom prompt, a pool', () => {
    let state: TrainingFormState = { ...readyForm(), name: '   ', profileId: '' }
    state = setPath(state, 'data.datasetId', '')
    state = setPath(state, 'data.systemPromptMode', 'custom')
    state = setPath(state, 'data.pools', [])
    expect(validateLaunch(state)).toEqual({
      'data.datasetId': en.training.data.chooseDataset,
      'data.customSystemPrompt': en.training.data.customPromptEmpty,
      'data.pools': en.training.data.noPoolChosen,
      name: en.training.form.nameEmpty,
      profileId: en.training.server.chooseProfile,
    })
  })

  it('places a bad hyperparameter at its box, in the form’s words, on the step that shows it', () => {
    let state = setPath(readyForm(), 'config.learning_rate', Number.NaN)
    state = setPath(state, 'config.gradient_accumulation_steps', 0)
    state = setPath(state, 'config.val_size', 1)
    state = setPath(state, 'data.datasetName', 'my data!')
    const errors = validateLaunch(state)
    expect(errors).toEqual({
      'config.learning_rate': en.validation.number,
      'config.gradient_accumulation_steps': en.training.validation.atLeastOne,
      'config.val_size': en.training.validation.betweenZeroAndOne,
      'data.datasetName': en.training.validation.datasetNameChars,
    })
    for (const path of Object.keys(errors)) expect([...DATA_FIELD_PATHS, ...CONFIG_FIELD_PATHS]).toContain(path)
    expect(stepOf('data.datasetName')).toBe('data')
    expect(stepOf('config.val_size')).toBe('config')
    expect(stepOf('profileId')).toBe('server')
    expect(stepOf('name')).toBe('launch')
    // Holding out more than half the dialogues is refused; the YAML's own val_size is then not asked for.
    expect(validateLaunch(setPath(state, 'data.validationShare', 0.9))).toMatchObject({
      'data.validationShare': en.training.validation.atMostHalf,
    })
    expect(validateLaunch(setPath(state, 'data.validationShare', 0.9))['config.val_size']).toBeUndefined()
  })

  it('launches with the name trimmed, the chosen server, the export and the YAML’s configuration', () => {
    const state = { ...readyForm(), name: '  Run 1  ' }
    const input = toLaunchInput(state)
    expect(input).toMatchObject({
      name: 'Run 1',
      profileId: 'gpu-box',
      export: { datasetId: 'ds-1', outputDir: 'saves/simpsy-counselor' },
    })
    expect(input.config).toEqual(toConfigInput(state))
  })
})

describe('the training form on arena preferences', () => {
  const preferences = { arenaIds: ['arena-1'], referee: 'human' as const, annotator: 'Dr. Li' }
  const dpo = dpoPreset('qwen2-7b-instruct', {
    dataset: 'simpsy_dpo',
    dataset_dir: 'data',
    output_dir: 'saves/simpsy-counselor-dpo',
  })

  it('launches on the pairs with the DPO preset: a stage: dpo YAML, no dataset needed', () => {
    const state = { ...preferenceTrainingState(preferences, dpo), profileId: 'gpu-box' }
    expect(validateLaunch(state)).toEqual({})
    const input = toLaunchInput(state)
    expect(input.export).toBeUndefined()
    expect(input.preferences).toEqual({
      ...preferences,
      systemPrompt: null,
      model: 'qwen2-7b-instruct',
      datasetName: 'simpsy_dpo',
      outputDir: 'saves/simpsy-counselor-dpo',
    })
    // What launchTraining accepts, and the YAML it writes from the form.
    expect(LaunchTrainingSchema.safeParse(input).success).toBe(true)
    expect(yamlOf(state)).toMatchObject({
      stage: 'dpo',
      pref_beta: 0.1,
      pref_loss: 'sigmoid',
      finetuning_type: 'lora',
      dataset: 'simpsy_dpo',
      learning_rate: 5e-6,
    })
  })

  it('sends a written system prompt, and goes back to a dataset (SFT) when asked', () => {
    let state = { ...preferenceTrainingState(preferences, dpo), profileId: 'gpu-box' }
    state = setPath(
      setPath(state, 'data.systemPromptMode', 'custom'),
      'data.customSystemPrompt',
      'You are a counselor.',
    )
    expect(toLaunchInput(state).preferences?.systemPrompt).toBe('You are a counselor.')
    state = setPath(state, 'data.preferences', null)
    expect(validateLaunch(state)['data.datasetId']).toBe(en.training.data.chooseDataset)
    expect(toConfigInput(state).stage).toBe('sft')
  })
})
