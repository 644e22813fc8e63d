import i18next from 'i18next'
import type { EndpointView } from '@shared/endpoint'
import type { PathBinding } from '../../../lib/dottedPath'
import {
  EVALUATION_KINDS,
  EVALUATIONS,
  StartEvaluationSchema,
  type EvaluationKind,
  type SettingsGroup,
  type StartEvaluationInput,
} from '@shared/evaluation'
import { localizeMessage } from '../../../lib/localizeMessage'

type Settings = Record<string, unknown>

/** The settings panel a kind shows (kinds sharing one share what the user typed: topics and WAI), or none. */
export const configKeyOf = (kind: EvaluationKind): SettingsGroup | null => EVALUATIONS[kind].settings
/** Asked of an LLM judge: the form shows its cost before it starts, and needs an endpoint. */
export const isJudged = (kind: EvaluationKind): boolean => EVALUATIONS[kind].judged
/** How many datasets the kind compares (statistics: up to 8; the others one, or two against each other). */
export const maxDatasets = (kind: EvaluationKind): number => EVALUATIONS[kind].datasets.max

/**
 * The paper's settings of each panel: the descriptors' defaults, merged over the kinds that share it (WAI adds its item
 * scoring to the judge's settings). A judge has no default endpoint: '' until chosen.
 */
const DEFAULTS = EVALUATION_KINDS.reduce(
  (all, kind) => {
    const { settings, defaults } = EVALUATIONS[kind]
    if (settings && defaults) all[settings as SettingsGroup] = { ...all[settings as SettingsGroup], ...defaults }
    return all
  },
  {} as Record<SettingsGroup, Settings>,
)
/** Panels whose settings name a judge endpoint (kept across kinds and resets, like the user's choice). */
const JUDGE_GROUPS = new Set(EVALUATION_KINDS.filter(isJudged).map((kind) => EVALUATIONS[kind].settings))

export interface AnalysisFormState {
  kind: EvaluationKind
  name: string
  /** In the order chosen: the first is A, the second B in a comparison. */
  datasetIds: string[]
  /** Each settings panel's values, by group ('overlap', 'embedding', 'judge'). */
  configs: Record<SettingsGroup, Settings>
  /** Also read flagged and unfinished dialogues (default: complete ones only). */
  allDialogues?: boolean
}

/** Messages by path: "datasetIds", "name", "config.temperature". */
export type AnalysisErrors = Record<string, string>

/** The form as its fields see it: the chosen kind's settings at "config" (set through "config.<field>"). */
export interface AnalysisBinding extends PathBinding {
  state: AnalysisFormState & { config: Record<string, unknown> | null }
  errors: AnalysisErrors
}

const mapGroups = (f: (group: SettingsGroup, settings: Settings) => Settings) =>
  Object.fromEntries(
    (Object.keys(DEFAULTS) as SettingsGroup[]).map((group) => [group, f(group, DEFAULTS[group])]),
  ) as Record<SettingsGroup, Settings>

export function initialState(endpoints: EndpointView[]): AnalysisFormState {
  return {
    kind: EVALUATION_KINDS[0],
    name: '',
    datasetIds: [],
    configs: mapGroups((group, defaults) =>
      JUDGE_GROUPS.has(group) ? { ...defaults, endpointId: endpoints[0]?.id ?? '' } : defaults,
    ),
  }
}

/** Keeps the chosen endpoint while it is saved, else the first one (or none). */
export function withEndpoint(state: AnalysisFormState, endpoints: EndpointView[]): AnalysisFormState {
  let configs = state.configs
  for (const group of JUDGE_GROUPS) {
    if (!group) continue
    const current = configs[group].endpointId
    const next = endpoints.some((e) => e.id === current) ? current : (endpoints[0]?.id ?? '')
    if (next !== current) configs = { ...configs, [group]: { ...configs[group], endpointId: next } }
  }
  return configs === state.configs ? state : { ...state, configs }
}

/** The chosen kind's settings: the fields of its config among its panel's (a shared panel holds other kinds' too). */
export function currentConfig(state: AnalysisFormState): Record<string, unknown> | null {
  const key = configKeyOf(state.kind)
  if (!key) return null
  const fields = Object.keys(EVALUATIONS[state.kind].config?.shape ?? {})
  return Object.fromEntries(Object.entries(state.configs[key]).filter(([field]) => fields.includes(field)))
}

/** The panel's defaults, keeping the endpoint the user chose. */
function defaultsOf(state: AnalysisFormState, key: SettingsGroup): Settings {
  return JUDGE_GROUPS.has(key) ? { ...DEFAULTS[key], endpointId: state.configs[key].endpointId } : DEFAULTS[key]
}

export function isDefaultConfig(state: AnalysisFormState): boolean {
  const key = configKeyOf(state.kind)
  if (!key) return true
  return JSON.stringify(state.configs[key]) === JSON.stringify(defaultsOf(state, key))
}

/**
 * Sets one field of the chosen kind's settings ("config.rounds"). The judge endpoint is one choice for every judged
 * panel: picked for WAI, it is also CTRS's and PANAS's.
 */
export function setConfigField(state: AnalysisFormState, path: string, value: unknown): AnalysisFormState {
  const key = configKeyOf(state.kind)
  if (!key) return state
  const field = path.replace(/^config\./, '')
  const groups = field === 'endpointId' && JUDGE_GROUPS.has(key) ? [...JUDGE_GROUPS] : [key]
  const configs = { ...state.configs }
  for (const group of groups) if (group) configs[group] = { ...configs[group], [field]: value }
  return { ...state, configs }
}

export function resetConfig(state: AnalysisFormState): AnalysisFormState {
  const key = configKeyOf(state.kind)
  if (!key) return state
  return { ...state, configs: { ...state.configs, [key]: defaultsOf(state, key) } }
}

/** The start input: the chosen kind's settings only, their text trimmed (a model path typed with spaces). */
export function toInput(state: AnalysisFormState): StartEvaluationInput {
  const base = {
    name: state.name.trim(),
    datasetIds: state.datasetIds,
    dialogues: state.allDialogues ? ('all' as const) : ('complete' as const),
  }
  const config = currentConfig(state)
  if (!config) return { kind: state.kind, ...base } as StartEvaluationInput
  const trimmed = Object.fromEntries(
    Object.entries(config).map(([field, value]) => [field, typeof value === 'string' ? value.trim() : value]),
  )
  return { kind: state.kind, ...base, config: trimmed } as StartEvaluationInput
}

/** Checks the form the way the server will, so problems show next to their fields before anything is sent. */
export function validate(state: AnalysisFormState): AnalysisErrors {
  const errors: AnalysisErrors = {}
  const max = maxDatasets(state.kind)
  if (state.datasetIds.length === 0) errors.datasetIds = i18next.t('analysisForm.chooseDataset')
  else if (state.datasetIds.length > max) errors.datasetIds = i18next.t('analysisForm.tooManyDatasets', { max })
  const chosen = currentConfig(state)
  // Settings that name a backend (the embedding panel's) need its endpoint when it is one.
  if (chosen?.backend === 'endpoint' && !chosen.endpointId)
    errors['config.endpointId'] = i18next.t('analysisForm.chooseEmbeddingEndpoint')
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

/** Every field the form shows, for placing the server's messages: every kind's settings. */
export const ANALYSIS_FIELD_PATHS = [
  'name',
  'datasetIds',
  ...new Set(
    EVALUATION_KINDS.flatMap((kind) => Object.keys(EVALUATIONS[kind].config?.shape ?? {}).map((f) => `config.${f}`)),
  ),
]

/** "config.temperature" → "analysis-temperature". */
export const analysisTestId = (path: string) => `analysis-${path.replace(/^config\./, '')}`
