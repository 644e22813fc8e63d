import type { ClientConfig, ClientMethodSettings } from '@shared/clients'
import type { Language, RoleCardData } from '@shared/roleCard'
import type { RefinementRule, SimulationConfig } from '@shared/simulation'
import type { EndpointSecret } from '../../llm/endpointService'
import type { LlmGateway } from '../../llm/gateway'
import { llmAgent, type Agent } from '../agents'

/** Everything a client method's engine gets for one session. */
export interface ClientEnv<S extends ClientMethodSettings = ClientMethodSettings> {
  gateway: LlmGateway
  resolve: (endpointId: string) => EndpointSecret
  /** The client's configuration: endpoint, sampling, prompt template and method settings. */
  config: ClientConfig
  /** The method's own settings (taken out of `config` by the factory). */
  settings: S
  /** The pinned (or, outside a run, the current) text of a template by id, in the session's language. */
  template: (templateId: string) => string
  /** The client's system prompt: its template filled with the card and the session settings (by the factory). */
  systemPrompt: string
  card: RoleCardData
  language: Language
  /** What the client template is filled with besides the card. */
  session: Pick<SimulationConfig, 'maxTurns' | 'minTurns' | 'endToken'>
  /** The run's refinement of client replies. */
  refinement: {
    rule: RefinementRule
    maxResamples: number
    onExhausted: 'keep_best_and_flag' | 'fail_dialogue'
  }
  /** The run's seed: a method's random draws (resistance behaviours) are seeded from it and `drawKey`. */
  seed: number
  /** Keys the draws of one session (a run: the card and sample), so a resumed or repeated session draws the same. */
  drawKey: string
}

/**
 * What a caller gives the factory (the method's settings and the system prompt are derived from `config`), and what
 * the caller adds to that prompt (a follow-up session: the notes of the case so far).
 */
export type ClientEnvInput = Omit<ClientEnv, 'settings' | 'systemPrompt'> & { addToPrompt?: (prompt: string) => string }

/** A method's engine: builds the client of one session. */
export type ClientEngine<S extends ClientMethodSettings = ClientMethodSettings> = (env: ClientEnv<S>) => Agent

/** The client's own reply call: its endpoint and sampling, the run's refinement of client replies, this prompt. */
export const clientAgent = (env: ClientEnv, systemPrompt: string): Agent =>
  llmAgent(env.gateway, {
    speaker: 'client',
    endpoint: env.resolve(env.config.endpointId),
    temperature: env.config.temperature,
    topP: env.config.topP,
    maxTokens: env.config.maxTokens,
    ...env.refinement,
    systemPrompt,
  })
