import { z } from 'zod'
import { AgentSettingsSchema } from '../agentSettings'
import { dynamicClient, dynamicClientSettings } from './dynamic'
import type { ClientMethodInfo } from './method'
import { staticClient, staticClientSettings } from './static'

export type { ClientMethodInfo } from './method'

/**
 * The registry of client methods. Adding one: its contract file here (settings schema, templates, calls), one line
 * in each list below, and its engine folder under src/main/simulation/clients (docs/client-methods.md).
 */
export const CLIENT_SETTINGS = [staticClientSettings, dynamicClientSettings] as const
export const CLIENT_METHODS = { static: staticClient, dynamic: dynamicClient } as const

export const ClientMethodSettingsSchema = z.discriminatedUnion('kind', CLIENT_SETTINGS)
export type ClientMethodSettings = z.output<typeof ClientMethodSettingsSchema>
export type ClientKind = ClientMethodSettings['kind']
export const CLIENT_KINDS = Object.keys(CLIENT_METHODS) as ClientKind[]
/** The paper's client, the default. */
export const DEFAULT_CLIENT_KIND: ClientKind = 'static'

/**
 * A run's client: the method and its settings, the endpoint and sampling, and the client prompt template. A client
 * configuration that names no method (every run stored before client methods existed) is the static client.
 */
export const ClientConfigSchema = z.preprocess(
  (value) =>
    value && typeof value === 'object' && !('kind' in value) ? { ...value, kind: DEFAULT_CLIENT_KIND } : value,
  z.discriminatedUnion(
    'kind',
    CLIENT_SETTINGS.map((s) => AgentSettingsSchema.extend(s.shape)) as unknown as [
      ReturnType<typeof AgentSettingsSchema.extend<typeof staticClientSettings.shape>>,
      ReturnType<typeof AgentSettingsSchema.extend<typeof dynamicClientSettings.shape>>,
    ],
  ),
)
export type ClientConfig = z.output<typeof ClientConfigSchema>
export type ClientConfigInput = z.input<typeof ClientConfigSchema>

export function clientMethodInfo<K extends ClientKind>(
  kind: K,
): ClientMethodInfo<Extract<ClientMethodSettings, { kind: K }>> {
  return CLIENT_METHODS[kind] as unknown as ClientMethodInfo<Extract<ClientMethodSettings, { kind: K }>>
}

/** The method's settings out of a client configuration (endpoint, sampling and template left out). */
export function clientMethodSettings(config: ClientConfig | ClientMethodSettings): ClientMethodSettings {
  const {
    endpointId: _e,
    temperature: _t,
    topP: _p,
    maxTokens: _m,
    templateId: _i,
    ...rest
  } = config as Record<string, unknown>
  return { kind: DEFAULT_CLIENT_KIND, ...rest } as ClientMethodSettings
}

/** The built-in templates (by role) a client configuration's method uses besides its client template. */
export const clientMethodTemplates = (settings: ClientMethodSettings): Record<string, string> =>
  (CLIENT_METHODS[settings.kind] as ClientMethodInfo).templates(settings)

/** Every template a client configuration pins: its client template first, then its method's. */
export const clientTemplateIds = (config: ClientConfig): string[] => [
  ...new Set([config.templateId, ...Object.values(clientMethodTemplates(clientMethodSettings(config)))]),
]

/** A method's own settings at their defaults. */
export const clientSettingsDefaults = (kind: ClientKind): ClientMethodSettings =>
  CLIENT_METHODS[kind].settings.parse({ kind }) as ClientMethodSettings

/**
 * A client of this method with its default settings over the given agent settings (endpoint, sampling, template):
 * the other method's settings are dropped. Not validated here (startRun does).
 */
export const clientConfigFor = (
  kind: ClientKind,
  agent: Pick<ClientConfig, 'endpointId' | 'temperature' | 'topP' | 'maxTokens' | 'templateId'>,
): ClientConfig => {
  const { endpointId, temperature, topP, maxTokens, templateId } = agent
  return { endpointId, temperature, topP, maxTokens, templateId, ...clientSettingsDefaults(kind) } as ClientConfig
}

/** LLM calls a client configuration makes per client turn. */
export const clientCallsPerTurn = (config: ClientConfig | ClientMethodSettings): number => {
  const settings = clientMethodSettings(config)
  return (CLIENT_METHODS[settings.kind] as ClientMethodInfo).callsPerTurn(settings)
}
