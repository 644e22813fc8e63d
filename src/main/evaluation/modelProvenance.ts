import type { EndpointService } from '../llm/endpointService'

/**
 * The model behind an evaluation, as its tables' provenance names it: the embedding
 * model, or the judge endpoint (name, model, address and id; never its key).
 */
export function modelProvenance(endpoints: EndpointService) {
  return (config: unknown): string | undefined => {
    const c = (config ?? {}) as { endpointId?: string; model?: string }
    if (c.model) return `embedding model ${c.model}`
    const endpoint = c.endpointId ? endpoints.list().find((e) => e.id === c.endpointId) : undefined
    return endpoint
      ? `judge ${endpoint.name}: ${endpoint.model} at ${endpoint.baseURL} (endpoint ${endpoint.id})`
      : undefined
  }
}
