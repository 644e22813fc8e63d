import OpenAI from 'openai'
import pLimit, { type LimitFunction } from 'p-limit'
import type { EndpointSecret } from './endpointService'
import { keepAliveFetch } from './keepAliveFetch'

/** Returned by `run` when the caller cancelled while the task was still queued for a slot. */
export const SKIPPED = Symbol('skipped')

const MAX_CLIENTS = 64

/**
 * What the gateway keeps per endpoint: one SDK client per (baseURL, key), so
 * keep-alive connections are reused, and one concurrency limiter per endpoint id.
 */
export function endpointPool() {
  const clients = new Map<string, OpenAI>()
  const limiters = new Map<string, LimitFunction>()
  const active = new Map<string, number>()

  function client(endpoint: EndpointSecret): OpenAI {
    const key = `${endpoint.baseURL}\n${endpoint.apiKey}`
    let found = clients.get(key)
    if (!found) {
      if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!)
      found = new OpenAI({
        baseURL: endpoint.baseURL,
        // Local servers (vLLM, Ollama) accept any key; the SDK insists on one.
        apiKey: endpoint.apiKey || 'no-key',
        maxRetries: 0,
        fetch: keepAliveFetch,
        // Not from the environment: the endpoint says everything that is sent.
        organization: null,
        project: null,
      })
      clients.set(key, found)
    }
    return found
  }

  function limiter(endpoint: EndpointSecret): LimitFunction {
    let found = limiters.get(endpoint.id)
    // Calls already queued on the old limiter finish there; new calls obey the new limit.
    if (!found || found.concurrency !== endpoint.maxConcurrency) {
      found = pLimit(endpoint.maxConcurrency)
      limiters.set(endpoint.id, found)
    }
    return found
  }

  /** Runs `task` once the endpoint has a free slot; a wait for a slot ends early on cancel. */
  function run<T>(
    endpoint: EndpointSecret,
    signal: AbortSignal | undefined,
    task: () => Promise<T>,
  ): Promise<T | typeof SKIPPED> {
    const id = endpoint.id
    const queued = limiter(endpoint)(async () => {
      if (signal?.aborted) return SKIPPED
      active.set(id, (active.get(id) ?? 0) + 1)
      try {
        return await task()
      } finally {
        active.set(id, active.get(id)! - 1)
      }
    })
    return signal ? untilAborted(queued, signal) : queued
  }

  return { client, run, inFlight: (endpointId: string) => active.get(endpointId) ?? 0 }
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {})
    return Promise.reject(signal.reason)
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
    )
  })
}
