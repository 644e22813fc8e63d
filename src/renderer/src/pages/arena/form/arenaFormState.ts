import i18next from 'i18next'
import type { PromptTemplateView } from '@shared/promptApi'
import {
  LlmRefereeSchema,
  StartArenaSchema,
  type ArenaConfig,
  type Contestant,
  type Referee,
  type StartArenaInput,
} from '@shared/arena'
import type { EndpointView } from '@shared/endpoint'
import { dateStamp } from '../../../lib/format'
import { localizeMessage } from '../../../lib/localizeMessage'
import { SHARED_FIELD_PATHS, startFormErrors, type FormBinding } from '../../simulations/newRun/runFormState'
import { methodFieldPaths } from '../../simulations/newRun/methodForm'
import { TEMPLATE_IDS } from '@shared/templateIds'
import { INTERACTIVE_AGENTS_PRESET, PRESET_LINEUP, RELEASED_ADAPTERS, withAdapter } from '@shared/arenaPresets'

export type ArenaDefaults = Omit<ArenaConfig, 'contestants' | 'client' | 'referee'>
export type LlmRefereeDraft = Extract<Referee, { kind: 'llm' }>
export type HumanRefereeDraft = Extract<Referee, { kind: 'human' }>

/** A contestant as the form edits it: the schema's shape plus a stable key for its row. */
export interface ContestantDraft extends Contestant {
  key: string
}

export interface ArenaFormState {
  name: string
  /** The role-card pool the client plays from; '' = every card. */
  pool: string
  /** A seeded random sample of that many of the pool's cards (the release: 100 held-out cards); null = all. */
  cardSample: number | null
  cardSampleSeed: number
  config: Omit<ArenaConfig, 'contestants'> & { contestants: ContestantDraft[] }
  /** Both referee kinds' settings, so switching back and forth keeps what was entered. */
  referees: { llm: LlmRefereeDraft; human: HumanRefereeDraft }
  /** The focal contestant's row (in every dialogue), or null for every combination; sent as its name. */
  focalKey: string | null
}

/** The focal contestant's position in the list, or null (none chosen, or its row was removed). */
export function focalIndex(state: Pick<ArenaFormState, 'focalKey' | 'config'>): number | null {
  const i = state.config.contestants.findIndex((c) => c.key === state.focalKey)
  return i < 0 ? null : i
}

export type ArenaBinding = FormBinding<ArenaFormState>

export const MAX_CONTESTANTS = 12
const DEFAULT_POOL = 'test'
const DEFAULT_SAMPLE_SEED = 42
const CLIENT_TEMPLATE = TEMPLATE_IDS.client
const COUNSELOR_TEMPLATE = TEMPLATE_IDS.counselor

const templateOf = (templates: PromptTemplateView[], kind: string, preferred: string) => {
  const ids = templates.filter((template) => template.kind === kind).map((template) => template.id)
  return ids.includes(preferred) ? preferred : (ids[0] ?? preferred)
}

let nextKey = 1
export function newContestant(position: number, endpointId: string, templates: PromptTemplateView[]): ContestantDraft {
  return {
    key: `c${nextKey++}`,
    name: i18next.t('arena.form.contestantDefaultName', { n: position }),
    endpointId,
    prompt: { kind: 'template', templateId: templateOf(templates, 'counselor', COUNSELOR_TEMPLATE) },
    temperature: null,
    topP: null,
    maxTokens: null,
  }
}

const defaultArenaName = () => i18next.t('arena.form.defaultName', { date: dateStamp() })

/** The paper's settings, two contestants and an LLM referee, on the first saved endpoint. */
export function initialArenaForm(
  defaults: ArenaDefaults,
  endpoints: EndpointView[],
  templates: PromptTemplateView[],
): ArenaFormState {
  const endpointId = endpoints[0]?.id ?? ''
  const llm: LlmRefereeDraft = { kind: 'llm', ...LlmRefereeSchema.parse({ endpointId: endpointId || '-' }), endpointId }
  return {
    name: defaultArenaName(),
    pool: DEFAULT_POOL,
    cardSample: null,
    cardSampleSeed: DEFAULT_SAMPLE_SEED,
    config: {
      ...defaults,
      contestants: [newContestant(1, endpointId, templates), newContestant(2, endpointId, templates)],
      client: {
        endpointId,
        templateId: templateOf(templates, 'client', CLIENT_TEMPLATE),
        temperature: null,
        topP: null,
        maxTokens: null,
      },
      referee: llm,
    },
    referees: { llm, human: { kind: 'human', allowTie: false, allowBothBad: false, prefetch: false } },
    focalKey: null,
  }
}

/** Back to the paper's settings, keeping the name, the contestants and the chosen endpoints. */
export function resetToDefaults(state: ArenaFormState, defaults: ArenaDefaults): ArenaFormState {
  const { llm } = withReferee(state, 'llm').referees
  const fresh: LlmRefereeDraft = {
    kind: 'llm',
    ...LlmRefereeSchema.parse({ endpointId: llm.endpointId || '-' }),
    endpointId: llm.endpointId,
  }
  const config = {
    ...state.config,
    ...defaults,
    client: { ...state.config.client, temperature: null, topP: null, maxTokens: null },
  }
  return {
    ...state,
    pool: DEFAULT_POOL,
    cardSample: null,
    cardSampleSeed: DEFAULT_SAMPLE_SEED,
    config: { ...config, referee: fresh },
    referees: { llm: fresh, human: { kind: 'human', allowTie: false, allowBothBad: false, prefetch: false } },
    focalKey: null,
  }
}

/** Settings that differ from a fresh form's, ignoring name, contestants and endpoints (to enable "Reset"). */
export function differsFromDefaults(state: ArenaFormState, defaults: ArenaDefaults): boolean {
  const shape = (s: ArenaFormState) => {
    const { contestants: _contestants, client, referee, ...rest } = s.config
    return JSON.stringify({
      pool: s.pool,
      sample: [s.cardSample, s.cardSampleSeed],
      focal: s.focalKey !== null,
      rest,
      client: { ...client, endpointId: '' },
      referee: { ...referee, endpointId: '' },
    })
  }
  return shape(state) !== shape(resetToDefaults(state, defaults))
}

/**
 * The Interactive Agents (2024) arena: the model under test and the four released baselines, each called the way the
 * release called it (rows already there keep their endpoints), the first one in every dialogue, k = 3, an answer-only
 * LLM referee at temperature 1.0 with 10 tokens, and the client limited to 100 tokens.
 */
export function withInteractiveAgentsPreset(state: ArenaFormState, templates: PromptTemplateView[]): ArenaFormState {
  const p = INTERACTIVE_AGENTS_PRESET
  const current = state.config.contestants
  const contestants = PRESET_LINEUP.map((id, i) => {
    const row = current[i] ?? newContestant(i + 1, current.at(-1)?.endpointId ?? '', templates)
    return { ...withAdapter(row, id), name: RELEASED_ADAPTERS[id].name }
  })
  const llm: LlmRefereeDraft = { ...withReferee(state, 'llm').config.referee, ...p.referee } as LlmRefereeDraft
  return {
    ...state,
    focalKey: contestants[0].key,
    referees: { ...state.referees, llm },
    config: {
      ...state.config,
      k: p.k,
      contestants,
      referee: llm,
      client: { ...state.config.client, maxTokens: p.clientMaxTokens },
    },
  }
}

/** Switches the referee kind; the other kind's settings are kept for a switch back. */
export function withReferee(state: ArenaFormState, kind: Referee['kind']): ArenaFormState {
  const referees = { ...state.referees, [state.config.referee.kind]: state.config.referee }
  return { ...state, referees, config: { ...state.config, referee: referees[kind] } }
}

/** Endpoints that are still saved are kept; a missing one becomes the first saved endpoint (or none). */
export function withEndpoints(state: ArenaFormState, endpoints: EndpointView[]): ArenaFormState {
  const pick = (id: string) => (endpoints.some((e) => e.id === id) ? id : (endpoints[0]?.id ?? ''))
  const { config, referees } = state
  const referee =
    config.referee.kind === 'llm' ? { ...config.referee, endpointId: pick(config.referee.endpointId) } : config.referee
  return {
    ...state,
    config: {
      ...config,
      client: { ...config.client, endpointId: pick(config.client.endpointId) },
      contestants: config.contestants.map((c) => ({ ...c, endpointId: pick(c.endpointId) })),
      referee,
    },
    referees: { ...referees, llm: { ...referees.llm, endpointId: pick(referees.llm.endpointId) } },
  }
}

export function toInput(state: ArenaFormState): StartArenaInput {
  const pool = state.pool.trim()
  const focal = focalIndex(state)
  return {
    name: state.name,
    cards: {
      query: pool ? { pool } : {},
      ...(state.cardSample !== null && { sample: { size: state.cardSample, seed: state.cardSampleSeed } }),
    },
    config: {
      ...state.config,
      focal: focal === null ? null : state.config.contestants[focal].name,
      contestants: state.config.contestants.map(({ key: _key, ...contestant }) => contestant),
    },
  }
}

const CONTESTANT_FIELDS = [
  'name',
  'endpointId',
  'prompt',
  'prompt.templateId',
  'prompt.text',
  'temperature',
  'topP',
  'maxTokens',
]
const REFEREE_FIELDS = [
  'endpointId',
  'variant',
  'temperature',
  'answerMode',
  'maxTokens',
  'parseRetries',
  'positionSwap',
  'allowTie',
  'allowBothBad',
]

/** Every field the form shows, for placing the server's messages (contestant fields by row). */
export function arenaFieldPaths(contestants: number): string[] {
  return [
    ...SHARED_FIELD_PATHS,
    'config.contestants',
    ...Array.from({ length: contestants }, (_, i) => [
      ...CONTESTANT_FIELDS.map((f) => `config.contestants.${i}.${f}`),
      ...methodFieldPaths(`config.contestants.${i}.method`),
    ]).flat(),
    'config.k',
    'config.focal',
    'config.dialoguesPerCombination',
    ...REFEREE_FIELDS.map((f) => `config.referee.${f}`),
  ]
}

/** Checks the form the way the server will, so problems show next to their fields before anything is sent. */
export function validate(state: ArenaFormState, matchingCards: number | null): ArenaBinding['errors'] {
  const parsed = StartArenaSchema.safeParse(toInput(state))
  const errors = startFormErrors(state, parsed.success ? [] : parsed.error.issues, localizeArenaMessage, (path) =>
    path.replace(/^cards\..*/, 'cards'),
  )
  if (matchingCards === 0) errors.cards = i18next.t('arena.form.noCardsMatch')
  return errors
}

/** The arena schema's own messages in the UI language (the shared ones through localizeMessage). */
const ARENA_MESSAGES: [RegExp, string, (m: RegExpMatchArray) => Record<string, string>][] = [
  [/^give the contestant a name$/, 'arena.form.messages.contestantName', () => ({})],
  [/^choose a model endpoint$/, 'arena.form.messages.endpoint', () => ({})],
  [/^choose a referee endpoint$/, 'arena.form.messages.refereeEndpoint', () => ({})],
  [/^an arena needs at least two contestants$/, 'arena.form.messages.twoContestants', () => ({})],
  [
    /^k = (\d+) needs at least \d+ contestants \(there are (\d+)\)$/,
    'arena.form.messages.kTooLarge',
    (m) => ({ k: m[1], n: m[2] }),
  ],
  [
    /^"(.*)" is used twice: contestant names must differ$/,
    'arena.form.messages.duplicateName',
    (m) => ({ name: m[1] }),
  ],
  [/^is reserved for votes \(tie, both_bad\): choose another name$/, 'arena.form.messages.reservedName', () => ({})],
  // zod's own message for the arena name's min(1)
  [/^Too small: expected string to have >=1 characters?$/, 'validation.notEmpty', () => ({})],
]

function localizeArenaMessage(message: string): string {
  for (const [pattern, key, values] of ARENA_MESSAGES) {
    const match = message.match(pattern)
    if (match) return i18next.t(key, values(match))
  }
  return localizeMessage(message)
}
