import i18next from 'i18next'
import type { Language } from '@shared/roleCard'
import {
  TrainingExportSchema,
  type TRAINING_EXPORT_LAYOUTS,
  type LaunchTrainingInput,
  type TrainingExportInput,
} from '@shared/training'
import { TrainConfigSchema, type ModelPresetId, type TrainConfig, type TrainConfigInput } from '@shared/trainConfig'
import { getPath } from '../../../lib/dottedPath'
import { dateStamp } from '../../../lib/format'
import { localizeTrainingMessage } from '../trainingMessages'

export type TrainingLayout = (typeof TRAINING_EXPORT_LAYOUTS)[number]
/** 'auto' = what the counselor method of the dataset's run trains on (system-prompt for imports). */
export type SampleStyleChoice = TrainingExportInput['sampleStyle'] & string
/** 'simulated' = the counselor prompt the dialogues were simulated with (sent as undefined). */
export type SystemPromptMode = 'simulated' | 'none' | 'custom'

/** Step 1: which dialogues become samples, and how. */
export interface DataDraft {
  datasetId: string
  sampleStyle: SampleStyleChoice
  layout: TrainingLayout
  systemPromptMode: SystemPromptMode
  customSystemPrompt: string
  perTurnSplit: boolean
  onlyComplete: boolean
  /** null = no minimum. */
  minTurns: number | null
  excludeFlagged: boolean
  language: Language | ''
  /** null = every pool. '' stands for dialogues without a role card. */
  pools: string[] | null
  dedupe: boolean
  validationShare: number
  seed: number
  datasetName: string
  model: ModelPresetId
  /**
   * Train on arena verdicts instead of a dataset: their chosen/rejected pairs (DPO). null: the dataset's dialogues
   * (SFT).
   */
  preferences: ArenaPreferences | null
}

/** Whose arena decisions become preference pairs (as the arena's ratings tab shows them). */
export interface ArenaPreferences {
  arenaIds: string[]
  referee: 'llm' | 'human'
  annotator: string | null
}

/**
 * Step 2: the train YAML as typed. LoRA values are kept while full fine-tuning is chosen, so switching back keeps them.
 */
export interface ConfigDraft {
  model_name_or_path: string
  template: TrainConfig['template']
  finetuning_type: TrainConfig['finetuning_type']
  lora_rank: number
  /** null = LLaMA-Factory's default (twice the rank). */
  lora_alpha: number | null
  learning_rate: number
  lr_scheduler_type: TrainConfig['lr_scheduler_type']
  num_train_epochs: number
  precision: TrainConfig['precision']
  per_device_train_batch_size: number
  gradient_accumulation_steps: number
  cutoff_len: number
  val_size: number
  logging_steps: number
  save_steps: number
  output_dir: string
  dataset_dir: string
  /** '' = no DeepSpeed. */
  deepspeed: string
}

export interface TrainingFormState {
  name: string
  data: DataDraft
  config: ConfigDraft
  profileId: string
}

/** Messages by dotted path: "data.minTurns", "config.learning_rate", "profileId", "name". */
export type TrainingErrors = Record<string, string>

export interface TrainingBinding {
  state: TrainingFormState
  errors: TrainingErrors
  set: (path: string, value: unknown) => void
}

const DEFAULT_LORA = { rank: 8, alpha: 16 } as const

/** "config.learning_rate" → "training-config-learning_rate". */
export const trainingTestId = (path: string) => `training-${path.replace(/\./g, '-')}`

export const defaultJobName = () => i18next.t('training.form.defaultName', { date: dateStamp() })

export function initialData(): DataDraft {
  const defaults = TrainingExportSchema.parse({ datasetId: 'chosen-later' })
  return {
    datasetId: '',
    sampleStyle: defaults.sampleStyle,
    layout: defaults.layout,
    systemPromptMode: 'simulated',
    customSystemPrompt: '',
    perTurnSplit: defaults.perTurnSplit,
    onlyComplete: defaults.onlyComplete,
    minTurns: null,
    excludeFlagged: defaults.excludeFlagged,
    language: '',
    pools: null,
    dedupe: defaults.dedupe,
    validationShare: defaults.validationShare,
    seed: defaults.seed,
    datasetName: defaults.datasetName,
    model: defaults.model,
    preferences: null,
  }
}

/**
 * A new form that trains on an arena's preference pairs: the DPO preset (trainingConfigDefaults with stage dpo), the
 * preference export's dataset name, no system prompt unless one is written.
 */
export function preferenceTrainingState(preferences: ArenaPreferences, dpo: TrainConfig): TrainingFormState {
  return {
    name: i18next.t('training.form.preferenceName', { date: dateStamp() }),
    data: { ...initialData(), preferences, datasetName: dpo.dataset, systemPromptMode: 'none' },
    config: configDraftFrom(dpo),
    profileId: '',
  }
}

/** The arena preference export a launch on preferences sends (launchTraining's `preferences`). */
export function toPreferenceInput(state: TrainingFormState): NonNullable<LaunchTrainingInput['preferences']> | null {
  const { data } = state
  if (!data.preferences) return null
  return {
    ...data.preferences,
    systemPrompt: data.systemPromptMode === 'custom' ? data.customSystemPrompt : null,
    model: data.model,
    datasetName: data.datasetName,
    outputDir: state.config.output_dir,
  }
}

/**
 * The train YAML's values the form edits as they are (LoRA, DeepSpeed and what the data step decides are handled
 * apart).
 */
const PLAIN_KEYS = [
  'model_name_or_path',
  'template',
  'finetuning_type',
  'learning_rate',
  'lr_scheduler_type',
  'num_train_epochs',
  'precision',
  'per_device_train_batch_size',
  'gradient_accumulation_steps',
  'cutoff_len',
  'val_size',
  'logging_steps',
  'save_steps',
  'output_dir',
  'dataset_dir',
] as const satisfies readonly (keyof ConfigDraft & keyof TrainConfig)[]
type PlainValues = Pick<ConfigDraft, (typeof PLAIN_KEYS)[number]>
const plainValues = (from: PlainValues): PlainValues =>
  Object.fromEntries(PLAIN_KEYS.map((key) => [key, from[key]])) as PlainValues

/** The server's preset (trainingConfigDefaults) as a form draft. */
export function configDraftFrom(config: TrainConfig, previous?: ConfigDraft): ConfigDraft {
  return {
    ...plainValues(config),
    lora_rank: config.lora_rank ?? previous?.lora_rank ?? DEFAULT_LORA.rank,
    lora_alpha: config.lora_alpha ?? previous?.lora_alpha ?? DEFAULT_LORA.alpha,
    deepspeed: config.deepspeed ?? '',
  }
}

/**
 * True when the export holds dialogues out itself: LLaMA-Factory then evaluates on that file instead of splitting
 * again.
 */
export const holdsOutValidation = (data: DataDraft) => data.validationShare > 0

function systemPromptInput(data: DataDraft): string | null | undefined {
  if (data.systemPromptMode === 'simulated') return undefined
  if (data.systemPromptMode === 'none') return null
  return data.customSystemPrompt
}

export function toExportInput(state: TrainingFormState): TrainingExportInput {
  const { data } = state
  return {
    datasetId: data.datasetId,
    sampleStyle: data.sampleStyle,
    layout: data.layout,
    systemPrompt: systemPromptInput(data),
    perTurnSplit: data.perTurnSplit,
    onlyComplete: data.onlyComplete,
    minTurns: data.minTurns ?? undefined,
    excludeFlagged: data.excludeFlagged,
    language: data.language || undefined,
    pools: data.pools ?? undefined,
    dedupe: data.dedupe,
    validationShare: data.validationShare,
    seed: data.seed,
    datasetName: data.datasetName,
    model: data.model,
    outputDir: state.config.output_dir,
  }
}

export function toConfigInput(state: TrainingFormState): TrainConfigInput {
  const { config, data } = state
  const lora = config.finetuning_type === 'lora'
  const holdOut = holdsOutValidation(data)
  const input: TrainConfigInput = {
    ...plainValues(config),
    // Preference pairs train with DPO (LLaMA-Factory's defaults for beta and loss), dialogues with SFT.
    stage: data.preferences ? 'dpo' : 'sft',
    val_size: holdOut ? 0 : config.val_size,
    dataset: data.datasetName,
  }
  if (lora) {
    input.lora_rank = config.lora_rank
    if (config.lora_alpha !== null) input.lora_alpha = config.lora_alpha
  }
  if (holdOut) input.eval_dataset = `${data.datasetName}_validation`
  if (config.deepspeed.trim()) input.deepspeed = config.deepspeed.trim()
  return input
}

export function toLaunchInput(state: TrainingFormState): LaunchTrainingInput {
  const preferences = toPreferenceInput(state)
  return {
    name: state.name.trim(),
    profileId: state.profileId,
    ...(preferences ? { preferences } : { export: toExportInput(state) }),
    config: toConfigInput(state),
  }
}

/** Where an export field lives in the form ("minTurns" → "data.minTurns"; outputDir is edited in the configuration). */
export function exportFieldPath(field: string): string {
  if (field === 'outputDir') return 'config.output_dir'
  if (field === 'systemPrompt') return 'data.customSystemPrompt'
  return `data.${field}`
}
/** Config fields the form derives from the data step. */
export function configFieldPath(field: string): string {
  if (field === 'dataset' || field === 'eval_dataset') return 'data.datasetName'
  return `config.${field}`
}

const numberMessage = (value: unknown) =>
  typeof value === 'number' && Number.isNaN(value) ? i18next.t('validation.number') : null

/** Step 1 problems, checked the way the server will. `strict` also reports what is merely not chosen yet. */
function validateData(state: TrainingFormState, strict: boolean): TrainingErrors {
  const errors: TrainingErrors = {}
  // Arena preferences need no dataset (their pairs are checked by the server at launch).
  const parsed = state.data.preferences
    ? TrainingExportSchema.safeParse({ ...toExportInput(state), datasetId: 'arena' })
    : TrainingExportSchema.safeParse(toExportInput(state))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '')
      const path = exportFieldPath(field)
      if (errors[path] || path.startsWith('config.')) continue
      if (field === 'datasetId') {
        if (strict) errors[path] = i18next.t('training.data.chooseDataset')
        continue
      }
      errors[path] = numberMessage(getPath(state, path)) ?? localizeTrainingMessage(issue.message)
    }
  }
  if (state.data.systemPromptMode === 'custom' && !state.data.customSystemPrompt.trim())
    errors['data.customSystemPrompt'] = i18next.t('training.data.customPromptEmpty')
  if (state.data.pools !== null && state.data.pools.length === 0)
    errors['data.pools'] = i18next.t('training.data.noPoolChosen')
  return errors
}

/** Step 2 problems, checked locally (the live YAML preview asks the server too). */
function validateConfig(state: TrainingFormState): TrainingErrors {
  const errors: TrainingErrors = {}
  const parsed = TrainConfigSchema.safeParse(toConfigInput(state))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = configFieldPath(String(issue.path[0] ?? ''))
      if (errors[path]) continue
      errors[path] = numberMessage(getPath(state, path)) ?? localizeTrainingMessage(issue.message)
    }
  }
  return errors
}

export function validateLaunch(state: TrainingFormState): TrainingErrors {
  const errors: TrainingErrors = { ...validateData(state, true), ...validateConfig(state) }
  if (!state.name.trim()) errors.name = i18next.t('training.form.nameEmpty')
  if (!state.profileId) errors.profileId = i18next.t('training.server.chooseProfile')
  return errors
}

/** Every field the form shows, for placing the server's messages. */
export const DATA_FIELD_PATHS = [
  'data.datasetId',
  'data.layout',
  'data.customSystemPrompt',
  'data.minTurns',
  'data.language',
  'data.pools',
  'data.validationShare',
  'data.seed',
  'data.datasetName',
  'data.model',
]
export const CONFIG_FIELD_PATHS = [
  'config.model_name_or_path',
  'config.template',
  'config.finetuning_type',
  'config.lora_rank',
  'config.lora_alpha',
  'config.learning_rate',
  'config.lr_scheduler_type',
  'config.num_train_epochs',
  'config.precision',
  'config.per_device_train_batch_size',
  'config.gradient_accumulation_steps',
  'config.cutoff_len',
  'config.val_size',
  'config.logging_steps',
  'config.save_steps',
  'config.output_dir',
  'config.dataset_dir',
  'config.deepspeed',
]

export type StepId = 'data' | 'config' | 'server' | 'launch'
export const STEPS: StepId[] = ['data', 'config', 'server', 'launch']

/** Which step shows a field, for the problem counts on the step buttons. */
export function stepOf(path: string): StepId {
  if (path.startsWith('data.')) return 'data'
  if (path.startsWith('config.')) return 'config'
  if (path === 'profileId') return 'server'
  return 'launch'
}
