import { EVALUATIONS, type EvaluationKind } from '@shared/evaluation'
import { plural } from '@shared/plural'
import type { EndpointService } from '../llm/endpointService'

/**
 * The model behind an evaluation, as its tables' provenance names it: the embedding model, or the judge endpoint
 * (name, model, address and id; never its key), as the kind's descriptor says its config names one. Given the
 * analysis's id, a judge endpoint with replicas also names the base URLs that answered its calls, with their counts.
 */
export function modelProvenance(
  endpoints: EndpointService,
  replies: (jobId: string) => { replica: string; calls: number }[] = () => [],
) {
  return (kind: EvaluationKind, config: unknown, jobId?: string): string | undefined => {
    const c = (config ?? {}) as { endpointId?: string; model?: string; backend?: string; cardSource?: string }
    const model = EVALUATIONS[kind]?.model
    if (model === 'embedding') {
      const proxy = c.cardSource === 'first-client-turn' ? "; card text: the client's first turn (a proxy card)" : ''
      if (c.backend !== 'endpoint') return c.model ? `embedding model ${c.model}${proxy}` : undefined
      const endpoint = endpoints.list().find((e) => e.id === c.endpointId)
      return endpoint
        ? `embeddings endpoint ${endpoint.name}: ${endpoint.model} at ${endpoint.baseURL} (endpoint ${endpoint.id})${proxy}`
        : undefined
    }
    if (model !== 'judge') return undefined
    const endpoint = c.endpointId ? endpoints.list().find((e) => e.id === c.endpointId) : undefined
    if (!endpoint) return undefined
    const line = `judge ${endpoint.name}: ${endpoint.model} at ${endpoint.baseURL} (endpoint ${endpoint.id})`
    const answered = jobId ? replies(jobId) : []
    const elsewhere = answered.length > 1 || (answered.length === 1 && answered[0].replica !== endpoint.baseURL)
    return elsewhere
      ? `${line}; answered by ${answered.map((r) => `${r.replica} (${plural(r.calls, 'call', 'calls')})`).join(', ')}`
      : line
  }
}
