import type { StaticClientSettings } from '@shared/clients/static'
import { llmAgent } from '../../agents'
import type { ClientEngine } from '../engine'

/** The paper's client: one system prompt, the history as chat messages, 1 call a turn. */
export const staticClientEngine: ClientEngine<StaticClientSettings> = (env) =>
  llmAgent(env.gateway, {
    speaker: 'client',
    endpoint: env.resolve(env.config.endpointId),
    temperature: env.config.temperature,
    topP: env.config.topP,
    maxTokens: env.config.maxTokens,
    ...env.refinement,
    systemPrompt: env.systemPrompt,
  })
