import { agentSampling } from '@shared/agentSettings'
import { clientMethodSettings, type ClientConfig, type ClientKind, type ClientMethodSettings } from '@shared/clients'
import type { Agent } from '../agents'
import { clientPrompt } from '../sessionSetup'
import { dynamicClientEngine } from './dynamic'
import type { ClientEngine, ClientEnvInput } from './engine'
import { staticClientEngine } from './static'

export type { ClientEnv, ClientEnvInput } from './engine'

/** The engines of the client methods in src/shared/clients (the compiler asks for one per method). */
const ENGINES: { [K in ClientKind]: ClientEngine<Extract<ClientMethodSettings, { kind: K }>> } = {
  static: staticClientEngine,
  dynamic: dynamicClientEngine,
}

/**
 * The one factory simulated clients are built with (simulation runs, and anything else that talks to a card's
 * client): the method of `env.config`, its system prompt filled from the client template, the card and the session.
 */
export function createSimulatedClient(env: ClientEnvInput): Agent {
  const settings = clientMethodSettings(env.config)
  const resolved = new Map<string, ReturnType<ClientEnvInput['resolve']>>()
  const resolve = (id: string) => resolved.get(id) ?? resolved.set(id, env.resolve(id)).get(id)!
  const filled = clientPrompt(env.template(env.config.templateId), env.card, env.session)
  const systemPrompt = env.addToPrompt ? env.addToPrompt(filled) : filled
  return (ENGINES[settings.kind] as ClientEngine)({ ...env, resolve, settings, systemPrompt })
}

/** Every endpoint a client configuration calls: the client's, and its method's agents' when set apart. */
export function clientEndpointIds(config: ClientConfig): string[] {
  const settings = clientMethodSettings(config)
  const judge =
    settings.kind === 'dynamic' && settings.update === 'judge' ? [agentSampling(config, settings.judge)] : []
  return [...new Set([config.endpointId, ...judge.map((s) => s.endpointId)])]
}
