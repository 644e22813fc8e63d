import { ENDPOINT_DEFAULTS, type EndpointView } from '@shared/endpoint'

/** An endpoint as the renderer lists it (never with its key). */
export const endpointView = (id: string, extra: Partial<EndpointView> = {}): EndpointView => ({
  id,
  kind: 'api',
  local: null,
  name: `endpoint ${id}`,
  baseURL: `http://127.0.0.1:9/${id}/v1`,
  model: `model-${id}`,
  hasKey: true,
  ...ENDPOINT_DEFAULTS,
  replicas: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
})
