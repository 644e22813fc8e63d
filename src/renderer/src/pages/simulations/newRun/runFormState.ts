import i18next from 'i18next'
import type { EndpointView } from '@shared/endpoint'
import type { CardSample, CardSelectionInput, Language, RoleCardQuery } from '@shared/roleCard'
import { sampleTake } from '@shared/sample'
import { StartRunSchema, type SimulationConfig, type StartRunInput } from '@shared/simulation'
import { getPath } from '../../../lib/dottedPath'
import { methodFieldPaths } from './methodForm'
import { dateStamp } from '../../../lib/format'
import { localizeMessage } from '../../../lib/localizeMessage'

export interface CardFilters {
  text: string
  language: Language | ''
  pool: string
  tag: string
  source: string
}

/** A seeded sample of the matching cards: off, or a number or a fraction of them with a seed. */
export interface CardSampleFields {
  enabled: boolean
  by: 'size' | 'fraction'
  size: number
  fraction: number
  seed: number
}

/** The run's cards: the filters (and a sample of what they match), or exact cards chosen on the Role cards page. */
export interface RunCards extends CardFilters {
  sample: CardSampleFields
  /** The cards chosen on the Role cards page ("Simulate selected"); null = by the filters. */
  ids: string[] | null
}

export interface RunFormState {
  name: string
  cards: RunCards
  config: SimulationConfig
}

/** Validation messages by dotted path ("config.maxTurns"); "cards" for the card selection. */
export type FormErrors = Record<string, string>

/**
 * A form's state, errors and setter; each section names the part of the state it reads (the arena form shares them).
 */
export interface FormBinding<S = RunFormState> {
  state: S
  errors: FormErrors
  set: (path: string, value: unknown) => void
}

const AGENT_FIELDS = ['endpointId', 'temperature', 'topP', 'maxTokens', 'templateId']
const RULE_FIELDS = [
  'enabled',
  'maxChars.zh',
  'maxChars.en',
  'maxWords.zh',
  'maxWords.en',
  'noLineBreaks',
  'noEnumeration',
]
/**
 * The fields of the parts the arena form shares with the run form: name, cards, the client agent, dialogue rules,
 * refinement and execution.
 */
export const SHARED_FIELD_PATHS = [
  'name',
  'cards',
  ...AGENT_FIELDS.map((f) => `config.client.${f}`),
  'config.maxTurns',
  'config.greeting.zh',
  'config.greeting.en',
  'config.termination.zh',
  'config.termination.en',
  ...RULE_FIELDS.map((f) => `config.refinement.counselor.${f}`),
  ...RULE_FIELDS.map((f) => `config.refinement.client.${f}`),
  'config.refinement.maxResamples',
  'config.refinement.onExhausted',
  'config.seed',
  'config.concurrency',
]
/** The client method's fields (ClientSection). */
const CLIENT_FIELD_PATHS = [
  'config.client.kind',
  'config.client.update',
  'config.client.initial.trust',
  'config.client.initial.emotion',
  'config.client.initial.stage',
  'config.client.judge.endpointId',
  'config.client.judge.temperature',
]
/** Every field the form shows, for placing the server's messages. */
export const RUN_FIELD_PATHS = [
  ...SHARED_FIELD_PATHS,
  ...AGENT_FIELDS.map((f) => `config.counselor.${f}`),
  ...methodFieldPaths('config.counselor'),
  ...CLIENT_FIELD_PATHS,
  'config.opening',
  'config.endToken',
  'config.minTurns',
  'config.samplesPerCard',
  'config.sessionsPerCard',
  'cards.sample.size',
  'cards.sample.fraction',
  'cards.sample.seed',
]

export const NO_CARD_FILTERS: CardFilters = { text: '', language: '', pool: '', tag: '', source: '' }
export const NO_RUN_CARDS: RunCards = {
  ...NO_CARD_FILTERS,
  sample: { enabled: false, by: 'size', size: 20, fraction: 0.1, seed: 42 },
  ids: null,
}

/** The sample the fields ask for, or undefined when sampling is off. */
export function sampleOf(fields: CardSampleFields): CardSample | undefined {
  if (!fields.enabled) return undefined
  return fields.by === 'size'
    ? { size: fields.size, seed: fields.seed }
    : { fraction: fields.fraction, seed: fields.seed }
}

/** How many cards the run takes of `matching` (all, a sample, or the chosen ones). */
export function selectedCount(cards: RunCards, matching: number | null): number | null {
  if (cards.ids) return cards.ids.length
  if (matching === null) return null
  const sample = sampleOf(cards.sample)
  return sample ? sampleTake(sample, matching) : matching
}

/** "config.client.temperature" → "run-client-temperature". */
export const testIdFor = (path: string) => `run-${path.replace(/^config\./, '').replace(/\./g, '-')}`

export const defaultRunName = () => i18next.t('runForm.defaultName', { date: dateStamp() })

/** The paper's defaults with real endpoints: kept when still saved, else the first one (or none). */
export function withEndpoints(config: SimulationConfig, endpoints: EndpointView[]): SimulationConfig {
  const pick = (id: string) => (endpoints.some((e) => e.id === id) ? id : (endpoints[0]?.id ?? ''))
  const client = pick(config.client.endpointId)
  const counselor = pick(config.counselor.endpointId)
  if (client === config.client.endpointId && counselor === config.counselor.endpointId) return config
  return {
    ...config,
    client: { ...config.client, endpointId: client },
    counselor: { ...config.counselor, endpointId: counselor },
  }
}

export function toQuery(filters: CardFilters): RoleCardQuery {
  return {
    text: filters.text.trim(),
    language: filters.language || undefined,
    pool: filters.pool || undefined,
    tag: filters.tag || undefined,
    source: filters.source || undefined,
  }
}

export function toCardSelection(cards: RunCards): CardSelectionInput {
  if (cards.ids) return { ids: cards.ids }
  const sample = sampleOf(cards.sample)
  return { query: toQuery(cards), ...(sample && { sample }) }
}

export function toInput(state: RunFormState): StartRunInput {
  return { name: state.name, cards: toCardSelection(state.cards), config: state.config }
}

/**
 * A start form's problems (run or arena) by field path: the schema's issues (a box that is not a number says so),
 * and closing phrases missing in a language (none is fine when the client ends sessions with an end token, as in the
 * CACTUS/MAGneT session settings). `place` moves an issue's path to the field that shows it.
 */
export function startFormErrors(
  state: { config: Pick<SimulationConfig, 'termination'> & { endToken?: string | null } },
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  localize: (message: string) => string,
  place = (path: string) => path,
): FormErrors {
  const errors: FormErrors = {}
  for (const issue of issues) {
    const path = place(issue.path.join('.'))
    if (errors[path]) continue
    const value = getPath(state, path)
    errors[path] =
      typeof value === 'number' && Number.isNaN(value) ? i18next.t('validation.number') : localize(issue.message)
  }
  for (const language of ['zh', 'en'] as const) {
    if (state.config.termination[language].length === 0 && !state.config.endToken)
      errors[`config.termination.${language}`] ??= i18next.t('runForm.terminationEmpty')
  }
  return errors
}

/** Checks the form the way the server will, so problems show next to their fields before anything is sent. */
export function validate(state: RunFormState, matchingCards: number | null): FormErrors {
  const parsed = StartRunSchema.safeParse(toInput(state))
  const errors = startFormErrors(state, parsed.success ? [] : parsed.error.issues, localizeMessage)
  if (matchingCards === 0 && !state.cards.ids) errors.cards = i18next.t('runForm.noCardsMatch')
  return errors
}
