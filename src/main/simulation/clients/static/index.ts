import type { StaticClientSettings } from '@shared/clients/static'
import { clientAgent, type ClientEngine } from '../engine'

/** The paper's client: one system prompt, the history as chat messages, 1 call a turn. */
export const staticClientEngine: ClientEngine<StaticClientSettings> = (env) => clientAgent(env, env.systemPrompt)
