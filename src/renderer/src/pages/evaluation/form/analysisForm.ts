import i18next from 'i18next'
import type { z } from 'zod'
import type { EndpointView } from '@shared/endpoint'
import type { PathBinding } from '../../../lib/dottedPath'
import {
  EmbeddingConfigSchema,
  JudgeConfigSchema,
  OverlapConfigSchema,
  StartEvaluationSchema,
  type EvaluationKind,
  type StartEvaluationInput,
} from '@shared/evaluation'
import { localizeMessage } from '../../../lib/localizeMessage'

export type OverlapConfig = z.output<typeof OverlapConfigSchema>
export type EmbeddingConfig = z.output<typeof EmbeddingConfigSchema>
export type JudgeConfig = z.output<typeof JudgeConfigSchema>

/** The paper's settings: the schemas' defaults (a judge has no default endpoint: the user chooses one). */
const OVERLAP_DEFAULTS: OverlapConfig = OverlapConfigSchema.parse({})
const EMBEDDING_DEFAULTS: EmbeddingConfig = EmbeddingConfigSchema.parse({})
const JUDGE_DEFAULTS: JudgeConfig = { ...JudgeConfigSchema.parse({ endpointId: 'chosen-later' }), endpointId: '' }

/** Statistics compare up to 8 datasets side by side; the other analyses one dataset, or two against each other. */
export const MAX_DATASETS: Record<EvaluationKind, number> = { stats: 8, overlap: 2, embedding: 2, topics: 2, wai: 2 }

export type ConfigKey = 'overlap' | 'embedding' | 'judge'
export const configKeyOf = (kind: EvaluationKind): ConfigKey | null =>
  kind === 'overlap'
    ? 'overlap'
    : kind === 'embedding'
      ? 'embedding'
      : kind === 'topics' || kind === 'wai'
        ? 'judge'
        : null
export const isJudged = (kind: EvaluationKind): kind is 'topics' | 'wai' => kind === 'topics' || kind === 'wai'

export interface AnalysisFormState {
  kind: EvaluationKind
  name: string
  /** In the order chosen: the first is A, the second B in a comparison. */
  datasetIds: string[]
  configs: { overlap: OverlapConfig; embedding: EmbeddingConfig; judge: JudgeConfig }
}

/** Messages by path: "datasetIds", "name", "config.temperature". */
export type AnalysisErrors = Record<string, string>

/** The form as its fields see it: the chosen kind's settings at "config" (set through "config.<field>"). */
export interface AnalysisBinding extends PathBinding {
  state: AnalysisFormState & { config: Record<string, unknown> | null }
  errors: AnalysisErrors
}

export function initialState(endpoints: EndpointView[]): AnalysisFormState {
  return {
    kind: 'stats',
    name: '',
    datasetIds: [],
    configs: {
      overlap: OVERLAP_DEFAULTS,
      embedding: EMBEDDING_DEFAULTS,
      judge: { ...JUDGE_DEFAULTS, endpointId: endpoints[0]?.id ?? '' },
    },
  }
}

/** Keeps the chosen endpoint while it is saved, else the first one (or none). */
export function withEndpoint(state: AnalysisFormState, endpoints: EndpointView[]): AnalysisFormState {
  const current = state.configs.judge.endpointId
  const next = endpoints.some((e) => e.id === current) ? current : (endpoints[0]?.id ?? '')
  return next === current
    ? state
    : { ...state, configs: { ...state.configs, judge: { ...state.configs.judge, endpointId: next } } }
}

export function currentConfig(state: AnalysisFormState): Record<string, unknown> | null {
  const key = configKeyOf(state.kind)
  return key ? (state.configs[key] as Record<string, unknown>) : null
}

export function isDefaultConfig(state: AnalysisFormState): boolean {
  const key = configKeyOf(state.kind)
  if (!key) return true
  const defaults =
    key === 'overlap'
      ? OVERLAP_DEFAULTS
      : key === 'embedding'
        ? EMBEDDING_DEFAULTS
        : { ...JUDGE_DEFAULTS, endpointId: state.configs.judge.endpointId }
  return JSON.stringify(state.configs[key]) === JSON.stringify(defaults)
}

export function resetConfig(state: AnalysisFormState): AnalysisFormState {
  const key = configKeyOf(state.kind)
  if (!key) return state
  const defaults =
    key === 'overlap'
      ? OVERLAP_DEFAULTS
      : key === 'embedding'
        ? EMBEDDING_DEFAULTS
        : { ...JUDGE_DEFAULTS, endpointId: state.configs.judge.endpointId }
  return { ...state, configs: { ...state.configs, [key]: defaults } }
}

export function toInput(state: AnalysisFormState): StartEvaluationInput {
  const base = { name: state.name.trim(), datasetIds: state.datasetIds }
  switch (state.kind) {
    case 'stats':
      return { kind: 'stats', ...base }
    case 'overlap':
      return { kind: 'overlap', ...base, config: state.configs.overlap }
    case 'embedding':
      return {
        kind: 'embedding',
        ...base,
        config: { ...state.configs.embedding, model: state.configs.embedding.model.trim() },
      }
    case 'topics':
    case 'wai':
      return { kind: state.kind, ...base, config: state.configs.judge }
  }
}

/** Checks the form the way the server will, so problems show next to their fields before anything is sent. */
export function validate(state: AnalysisFormState): AnalysisErrors {
  const errors: AnalysisErrors = {}
  const max = MAX_DATASETS[state.kind]
  if (state.datasetIds.length === 0) errors.datasetIds = i18next.t('analysisForm.chooseDataset')
  else if (state.datasetIds.length > max) errors.datasetIds = i18next.t('analysisForm.tooManyDatasets', { max })
  const parsed = StartEvaluationSchema.safeParse(toInput(state))
  if (!parsed.success) {
    const config = currentConfig(state)
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.').replace(/^datasetIds\.\d+$/, 'datasetIds')
      if (errors[path]) continue
      const field = path.replace(/^config\./, '')
      const value = config?.[field]
      if (field === 'endpointId') errors[path] = i18next.t('analysisForm.chooseEndpoint')
      else
        errors[path] =
          typeof value === 'number' && Number.isNaN(value)
            ? i18next.t('validation.number')
            : localizeMessage(issue.message)
    }
  }
  return errors
}

/** Every field the form shows, for placing the server's messages. */
export const ANALYSIS_FIELD_PATHS = [
  'name',
  'datasetIds',
  ...[
    'removeStopWords',
    'test',
    'seed',
    'model',
    'pooling',
    'normalize',
    'maxTokens',
    'quantized',
    'endpointId',
    'temperature',
    'rounds',
    'parseRetries',
    'cache',
  ].map((f) => `config.${f}`),
]

/** "config.temperature" → "analysis-temperature". */
export const analysisTestId = (path: string) => `analysis-${path.replace(/^config\./, '')}`
