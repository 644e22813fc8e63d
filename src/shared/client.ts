import type { ApiClient } from './api'
import { WorkbenchError, type Envelope } from './errors'

/** A typed client over any transport that carries envelopes (IPC, HTTP, an in-process dispatcher). */
export function createClient(call: (method: string, input: unknown) => Promise<Envelope>): ApiClient {
  return new Proxy({} as ApiClient, {
    get: (_target, method) => {
      if (typeof method !== 'string' || method === 'then') return undefined
      return async (input?: unknown) => {
        const envelope = await call(method, input ?? {})
        if (envelope.ok) return envelope.value
        throw WorkbenchError.from(envelope.error)
      }
    },
  })
}
