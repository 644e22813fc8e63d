import type { EffectiveAgent } from '@shared/simulation'
import type { EndpointSecret } from './endpointService'

/**
 * What an agent will actually use: its endpoint's name and model, and each sampling setting it leaves to the endpoint
 * (null) resolved to the endpoint's value. Recorded with runs and arenas; never the key.
 */
export function effectiveAgent(
  endpoint: EndpointSecret,
  s: { temperature: number | null; topP?: number | null; maxTokens: number | null },
): EffectiveAgent {
  return {
    endpointId: endpoint.id,
    endpointName: endpoint.name,
    model: endpoint.model,
    baseURL: endpoint.baseURL,
    temperature: s.temperature ?? endpoint.temperature,
    topP: s.topP ?? endpoint.topP,
    maxTokens: s.maxTokens ?? endpoint.maxTokens,
    currency: endpoint.currency,
  }
}
