import type { ApiClient } from '@shared/api'
import type { AgentOverride } from '@shared/agentSettings'
import {
  COUNSELOR_KINDS,
  counselorConfigFor,
  methodInfo,
  SEED_SESSION_PRESET,
  type CounselorConfig,
  type CounselorKind,
} from '@shared/counselors'
import { WorkbenchError } from '@shared/errors'
import { CLIENT_KINDS, clientConfigFor, type ClientConfig, type ClientKind } from '@shared/clients'
import type { SimulationConfig } from '@shared/simulation'
import { endpointId } from './context'

/** The `simulate` options that choose the counselor method and the session (see registerRunCommands). */
export interface SessionFlags {
  method?: string
  techniqueAgent?: boolean
  cbtPlan?: boolean
  agent?: string[]
  opening?: string
  endToken?: string
  minTurns?: string
  clientTemplate?: string
  preset?: string
  clientMethod?: string
  clientState?: string
}

export const collect = (value: string, previous: string[] = []) => [...previous, value]

const bad = (message: string) => new WorkbenchError('invalid_input', message)

const PRESETS = { 'seed-session': SEED_SESSION_PRESET } as const

/** `--agent <agent>.<field>=<value>` fields and the override key each sets. */
const AGENT_FIELDS = {
  endpoint: 'endpointId',
  temperature: 'temperature',
  'top-p': 'topP',
  'max-tokens': 'maxTokens',
} as const satisfies Record<string, keyof AgentOverride>

/**
 * The counselor configuration the flags ask for: the method's defaults (counselorConfigFor) on the counselor's
 * endpoint and sampling, its switches, and agents set apart. Every value is checked here, before anything is written.
 */
export async function counselorFromFlags(
  api: ApiClient,
  base: CounselorConfig,
  flags: SessionFlags,
): Promise<CounselorConfig> {
  const kind = (flags.method ?? base.kind) as CounselorKind
  if (!COUNSELOR_KINDS.includes(kind))
    throw bad(`--method "${flags.method}": choose one of ${COUNSELOR_KINDS.join(', ')}.`)
  const { endpointId: e, temperature, topP, maxTokens } = base
  const config = counselorConfigFor(kind, { endpointId: e, temperature, topP, maxTokens }) as CounselorConfig &
    Record<string, unknown>
  const info = methodInfo(kind)
  const switches = { techniqueAgent: '--no-technique-agent', cbtPlan: '--no-cbt-plan' } as const
  for (const [key, flag] of Object.entries(switches) as [keyof typeof switches, string][]) {
    if (flags[key] !== false) continue
    if (!(key in info.settings.shape)) throw bad(`${flag}: the ${kind} method has no such switch.`)
    config[key] = false
  }
  const agents: Record<string, AgentOverride> = { ...((config.agents as Record<string, AgentOverride>) ?? {}) }
  for (const spec of flags.agent ?? []) {
    const match = /^([\w-]+)\.([\w-]+)=(.*)$/.exec(spec)
    if (!match) throw bad(`--agent "${spec}": write <agent>.<endpoint|temperature|top-p|max-tokens>=<value>.`)
    const [, agent, field, value] = match
    if (!info.agents.includes(agent))
      throw bad(
        `--agent "${spec}": the ${kind} method has ${info.agents.length ? `the agents ${info.agents.join(', ')}` : 'no agents to set apart'}.`,
      )
    if (!(field in AGENT_FIELDS))
      throw bad(`--agent "${spec}": "${field}" is not a setting; use ${Object.keys(AGENT_FIELDS).join(', ')}.`)
    const key = AGENT_FIELDS[field as keyof typeof AGENT_FIELDS]
    let parsed: string | number
    if (key === 'endpointId') parsed = await endpointId(api, value)
    else {
      parsed = Number(value)
      if (value.trim() === '' || !Number.isFinite(parsed)) throw bad(`--agent "${spec}": "${value}" is not a number.`)
    }
    agents[agent] = { ...agents[agent], [key]: parsed }
  }
  if ('agents' in config) config.agents = agents
  return config
}

/** The session settings the flags ask for: the preset first, then each flag given (the client template by id). */
export function sessionFromFlags(flags: SessionFlags): Partial<SimulationConfig> & { clientTemplateId?: string } {
  const out: Partial<SimulationConfig> & { clientTemplateId?: string } = {}
  if (flags.preset !== undefined) {
    const preset = PRESETS[flags.preset as keyof typeof PRESETS]
    if (!preset) throw bad(`--preset "${flags.preset}": choose one of ${Object.keys(PRESETS).join(', ')}.`)
    Object.assign(out, structuredClone(preset))
  }
  if (flags.opening !== undefined) {
    if (flags.opening !== 'greeting' && flags.opening !== 'seed')
      throw bad(`--opening "${flags.opening}": choose greeting or seed.`)
    out.opening = flags.opening
  }
  if (flags.endToken !== undefined) {
    if (!flags.endToken.trim() || flags.endToken.length > 50)
      throw bad(`--end-token "${flags.endToken}": give a token of 1 to 50 characters.`)
    out.endToken = flags.endToken.trim()
  }
  if (flags.minTurns !== undefined) {
    const n = Number(flags.minTurns)
    if (!/^\d+$/.test(flags.minTurns.trim()) || n > 500)
      throw bad(`--min-turns "${flags.minTurns}": give a whole number from 0 to 500.`)
    out.minTurns = n
  }
  if (flags.clientTemplate !== undefined) out.clientTemplateId = flags.clientTemplate
  return out
}

/** The client template must exist before anything is written (a run pins it when it starts). */
export async function checkClientTemplate(api: ApiClient, id: string): Promise<void> {
  const known = [...new Set((await api.listTemplates()).filter((t) => t.kind === 'client').map((t) => t.id))]
  if (!known.includes(id))
    throw new WorkbenchError(
      'not_found',
      `--client-template "${id}": no client prompt template has this id (there are: ${known.join(', ')}).`,
    )
}

/**
 * The client configuration the flags ask for: the method (`--client-method`, default the paper's static client) over
 * the client's endpoint, sampling and template, and for the dynamic client how its state is updated (`--client-state`).
 */
export function clientFromFlags(base: ClientConfig, flags: SessionFlags): ClientConfig {
  const kind = (flags.clientMethod ?? base.kind) as ClientKind
  if (!CLIENT_KINDS.includes(kind))
    throw bad(`--client-method "${flags.clientMethod}": choose one of ${CLIENT_KINDS.join(', ')}.`)
  const config = clientConfigFor(kind, base)
  if (flags.clientState === undefined) return config
  if (config.kind !== 'dynamic')
    throw bad('--client-state: only the dynamic client keeps a state (add --client-method dynamic).')
  if (flags.clientState !== 'judge' && flags.clientState !== 'rule')
    throw bad(`--client-state "${flags.clientState}": choose judge or rule.`)
  return { ...config, update: flags.clientState }
}
