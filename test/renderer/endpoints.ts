import type { EndpointView } from '@shared/endpoint'

/** An endpoint as the renderer lists it (never with its key). */
export const endpointView = (id: string, extra: Partial<EndpointView> = {}): EndpointView => ({
  id,
  name: `endpoint ${id}`,
  baseURL: `http://127.0.0.1:9/${id}/v1`,
  model: `model-${id}`,
  hasKey: true,
  temperature: 0.7,
  topP: 1,
  maxTokens: 1024,
  timeoutMs: 60000,
  stream: true,
  firstByteTimeoutMs: 30000,
  idleTimeoutMs: 15000,
  maxConcurrency: 8,
  priceInput: null,
  priceOutput: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
})
