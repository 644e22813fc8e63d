import { z } from 'zod'
import { byId, method, none } from './apiMethod'
import {
  EndpointInputSchema,
  EndpointSaveSchema,
  type ConnectionCheck,
  type EndpointLiveView,
  type EndpointView,
} from './endpoint'

/** The model-endpoint part of the API contract (spread into `api` in api.ts). */
export const endpointApi = {
  listEndpoints: method(none).returns<EndpointView[]>(),
  saveEndpoint: method(EndpointSaveSchema).returns<EndpointView>(),
  deleteEndpoint: method(byId).returns<{ deleted: boolean }>(),
  /** Test a saved endpoint (by id) or an unsaved draft (which may reuse a saved key by id). */
  testEndpoint: method(
    z.object({ id: z.string().optional(), draft: EndpointInputSchema.optional() }),
  ).returns<ConnectionCheck>(),
  /** Each saved endpoint this process has called: up or down, and its base URLs' effective concurrency now. */
  endpointHealth: method(none).returns<EndpointLiveView[]>(),
} as const
