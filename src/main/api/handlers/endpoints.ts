import type { ApiHandlers } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { EventBus } from '../../events'
import { checkPool } from '../../llm/checkConnection'
import type { EndpointService } from '../../llm/endpointService'
import type { LlmGateway } from '../../llm/gateway'

export function endpointHandlers(
  endpoints: EndpointService,
  events: EventBus,
  gateway: Pick<LlmGateway, 'health'>,
): Pick<ApiHandlers, 'listEndpoints' | 'saveEndpoint' | 'deleteEndpoint' | 'testEndpoint' | 'endpointHealth'> {
  return {
    endpointHealth: () =>
      endpoints.list().flatMap((e) => {
        const health = gateway.health(e.id)
        if (!health) return []
        const { endpointId, state, lastError, waiting, replicas } = health
        return [{ endpointId, state, lastError, waiting, replicas }]
      }),
    listEndpoints: () => endpoints.list(),
    saveEndpoint: (input) => {
      const saved = endpoints.save(input)
      events.emit('endpoints.changed', {})
      return saved
    },
    deleteEndpoint: ({ id }) => {
      const deleted = endpoints.delete(id)
      events.emit('endpoints.changed', {})
      return { deleted }
    },
    testEndpoint: async ({ id, draft }) => {
      if (!id && !draft) throw new WorkbenchError('invalid_input', { key: 'endpoints.giveTarget' })
      if (!draft) {
        const saved = endpoints.resolve(id!)
        return checkPool(saved, saved.replicas ?? [])
      }
      const { apiKey, replicas } = endpoints.resolveDraft(draft, id)
      return checkPool({ ...draft, apiKey }, replicas)
    },
  }
}
