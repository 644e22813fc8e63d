import { EVALUATIONS, type EvaluationKind } from '@shared/evaluation'
import type { EndpointService } from '../llm/endpointService'

/**
 * The model behind an evaluation, as its tables' provenance names it: the embedding model, or the judge endpoint
 * (name, model, address and id; never its key), as the kind's descriptor says its config names one.
 */
export function modelProvenance(endpoints: EndpointService) {
  return (kind: EvaluationKind, config: unknown): string | undefined => {
    const c = (config ?? {}) as { endpointId?: string; model?: string }
    const model = EVALUATIONS[kind]?.model
    if (model === 'embedding') return c.model ? `embedding model ${c.model}` : undefined
    if (model !== 'judge') return undefined
    const endpoint = c.endpointId ? endpoints.list().find((e) => e.id === c.endpointId) : undefined
    return endpoint
      ? `judge ${endpoint.name}: ${endpoint.model} at ${endpoint.baseURL} (endpoint ${endpoint.id})`
      : undefined
  }
}
