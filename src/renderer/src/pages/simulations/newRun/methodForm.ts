import { clientCallsPerTurn, type ClientConfig } from '@shared/clients'
import type { AgentOverride, Sampling } from '@shared/agentSettings'
import {
  COUNSELOR_METHODS,
  counselorConfigFor,
  methodCalls,
  methodSettings,
  SEED_SESSION_PRESET,
  type CounselorConfig,
  type CounselorKind,
  type MethodSettings,
} from '@shared/counselors'
import { MAGNET_AGENTS } from '@shared/counselors/magnet'
import type { SimulationConfig } from '@shared/simulation'

export const SAMPLING_KEYS = ['endpointId', 'temperature', 'topP', 'maxTokens'] as const
export type SamplingKey = (typeof SAMPLING_KEYS)[number]

/** The agents the form lets a method set apart (CACTUS: its plan step; its counselor is the counselor above). */
export function overridableAgents(kind: CounselorKind): readonly string[] {
  return kind === 'cactus' ? ['plan'] : COUNSELOR_METHODS[kind].agents
}

/** Method settings the form remembers per kind, so switching back brings them back. */
export type MethodMemory = Partial<Record<CounselorKind, MethodSettings>>

/**
 * The counselor with another method: its endpoint and sampling stay, the method's settings are the ones last used
 * with it in this form (else its defaults).
 */
export function switchMethod(
  current: CounselorConfig,
  kind: CounselorKind,
  memory: MethodMemory = {},
): CounselorConfig {
  const sampling = {
    endpointId: current.endpointId,
    temperature: current.temperature,
    topP: current.topP,
    maxTokens: current.maxTokens,
  }
  const remembered = memory[kind]
  return remembered ? ({ ...remembered, ...sampling } as CounselorConfig) : counselorConfigFor(kind, sampling)
}

/** A method's settings in an arena contestant: absent for three-stage (the contestant's prompt is its method). */
export function contestantMethod(kind: CounselorKind, memory: MethodMemory = {}): MethodSettings | undefined {
  if (kind === 'three-stage') return undefined
  return memory[kind] ?? (COUNSELOR_METHODS[kind].settings.parse({ kind }) as MethodSettings)
}

/**
 * An agent's overrides with one field set (a value) or given back to the counselor (undefined); an agent with no
 * field left is dropped.
 */
export function withAgentField(
  agents: Partial<Record<string, AgentOverride>>,
  agent: string,
  key: SamplingKey,
  value: string | number | null | undefined,
): Partial<Record<string, AgentOverride>> {
  const next: AgentOverride = { ...agents[agent] }
  if (value === undefined || value === '') delete next[key]
  else Object.assign(next, { [key]: value })
  const rest = { ...agents }
  delete rest[agent]
  return Object.keys(next).length > 0 ? { ...rest, [agent]: next } : rest
}

/** The MAGneT release's technique agent: temperature 0 (its other settings stay). */
export function withReleaseSettings(agents: Partial<Record<string, AgentOverride>>) {
  return withAgentField(agents, 'technique', 'temperature', 0)
}
export const hasReleaseSettings = (agents: Partial<Record<string, AgentOverride>>) =>
  agents.technique?.temperature === 0

/** The settings the agent calls with and where each comes from (its own or the counselor's). */
export function effectiveAgent(base: Sampling, override: AgentOverride | undefined) {
  return Object.fromEntries(
    SAMPLING_KEYS.map((key) => {
      const own = override !== undefined && override[key] !== undefined
      return [key, { value: own ? override[key]! : base[key], inherited: !own }]
    }),
  ) as { [K in SamplingKey]: { value: Sampling[K]; inherited: boolean } }
}

/** The CACTUS and MAGneT releases' session: seed opening, [/END], 20 to 21 turns, no closing phrases, their client. */
export function withSeedSession(config: SimulationConfig): SimulationConfig {
  const { clientTemplateId, termination, ...session } = SEED_SESSION_PRESET
  return {
    ...config,
    ...session,
    termination: { zh: [...termination.zh], en: [...termination.en] },
    client: { ...config.client, templateId: clientTemplateId },
  }
}

export function hasSeedSession(config: SimulationConfig): boolean {
  const p = SEED_SESSION_PRESET
  return (
    config.opening === p.opening &&
    config.endToken === p.endToken &&
    config.minTurns === p.minTurns &&
    config.maxTurns === p.maxTurns &&
    config.termination.zh.length === 0 &&
    config.termination.en.length === 0 &&
    config.client.templateId === p.clientTemplateId
  )
}

export interface CallEstimate {
  perSession: number
  perTurn: number
  /** Counselor turns the method writes (a seed opening's first counselor line is the seed's). */
  counselorTurns: number
  /** Client replies written by the model (the greeting and a seed's client line are not). */
  clientCalls: number
  total: number
}

/**
 * LLM calls one dialogue makes at most (no resamples, no early end): the method's calls once per session and per
 * counselor turn, and the client's replies. A greeting session has T counselor turns and T − 1 client replies; a seed
 * session opens with one line each, then T − 1 of each.
 */
export function callsPerDialogue(
  config: Pick<SimulationConfig, 'maxTurns' | 'opening'> & {
    counselor: CounselorConfig | MethodSettings
    client?: ClientConfig
  },
): CallEstimate {
  const calls = methodCalls(methodSettings(config.counselor))
  const turns = Number.isFinite(config.maxTurns) ? Math.max(0, Math.floor(config.maxTurns)) : 0
  const counselorTurns = config.opening === 'seed' ? Math.max(0, turns - 1) : turns
  // The dynamic client's judge call makes two a turn.
  const clientCalls = Math.max(0, turns - 1) * (config.client ? clientCallsPerTurn(config.client) : 1)
  return {
    perSession: calls.perSession,
    perTurn: calls.perTurn,
    counselorTurns,
    clientCalls,
    total: calls.perSession + counselorTurns * calls.perTurn + clientCalls,
  }
}

const METHOD_FLAG_FIELDS = [
  'kind',
  'templateId',
  'techniqueAgent',
  'cbtPlan',
  'cleanDrafts',
  'clientLabel',
  'counselorLabel',
  'cue',
  'wrapper',
  'template',
  'stopAtClientLabel',
]
/** Every field of a method's settings at `base` ("config.counselor"), for placing the server's messages. */
export function methodFieldPaths(base: string): string[] {
  return [
    ...METHOD_FLAG_FIELDS.map((f) => `${base}.${f}`),
    ...MAGNET_AGENTS.flatMap((agent) => SAMPLING_KEYS.map((key) => `${base}.agents.${agent}.${key}`)),
    ...SAMPLING_KEYS.map((key) => `${base}.agents.counselor.${key}`),
  ]
}
