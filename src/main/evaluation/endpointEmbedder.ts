import type { EndpointSecret } from '../llm/endpointService'
import type { LlmGateway } from '../llm/gateway'
import type { Embedder } from './embeddings'

export interface EndpointEmbedderOptions {
  /** Scale each vector to unit length here (servers differ in whether they do). */
  normalize: boolean
  /** Texts per request (default 32). */
  batchSize?: number
  /** The evaluation the calls belong to (the call log's job id). */
  jobId?: string | null
  signal?: AbortSignal
}

/**
 * Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint (TEI, vLLM, Infinity, OpenAI) through the LLM
 * gateway, so requests get the endpoint's concurrency, replicas, retries and call log like chat calls. The cache key
 * names the endpoint's address and model: its vectors never mix with a local model's or another server's. A first
 * request with one text checks the endpoint and learns the dimension before any dialogue is read.
 */
export async function createEndpointEmbedder(
  gateway: LlmGateway,
  endpoint: EndpointSecret,
  options: EndpointEmbedderOptions,
): Promise<Embedder> {
  const batchSize = Math.max(1, options.batchSize ?? 32)
  const call = (input: string[], signal?: AbortSignal) =>
    gateway.embeddings({
      endpoint,
      input,
      purpose: 'embedding',
      jobId: options.jobId ?? null,
      signal: signal ?? options.signal,
    })
  const probe = await call(['dimension probe'])
  const dim = probe.vectors[0].length
  const shape = (v: Float32Array) => {
    if (v.length !== dim)
      throw new Error(`${endpoint.name} answered a vector of ${v.length} numbers, earlier ones had ${dim}`)
    return options.normalize ? unit(v) : v
  }
  return {
    modelId: endpoint.model,
    dim,
    backend: 'endpoint',
    device: endpoint.baseURL,
    fallback: null,
    countsTruncation: false,
    maxTokens: null,
    key: JSON.stringify({
      endpoint: endpoint.baseURL.replace(/\/+$/, ''),
      model: endpoint.model,
      normalize: options.normalize,
    }),
    async embed(texts, hooks = {}) {
      const vectors = new Array<Float32Array>(texts.length)
      const requests: Promise<void>[] = []
      // One failure (or the caller's cancel) withdraws the requests still waiting or in flight.
      const stop = new AbortController()
      const signal = hooks.signal ? AbortSignal.any([hooks.signal, stop.signal]) : stop.signal
      // All requests at once: the gateway holds them to the endpoint's concurrency.
      for (let start = 0; start < texts.length; start += batchSize) {
        const input = texts.slice(start, start + batchSize)
        requests.push(
          call(input, signal).then((result) => {
            result.vectors.forEach((v, j) => (vectors[start + j] = shape(v)))
            hooks.onBatch?.(input.length)
          }),
        )
      }
      try {
        await Promise.all(requests)
      } catch (error) {
        stop.abort()
        await Promise.allSettled(requests)
        throw error
      }
      return vectors
    },
    dispose: async () => undefined,
  }
}

function unit(v: Float32Array): Float32Array {
  let sum = 0
  for (const x of v) sum += x * x
  const norm = Math.sqrt(sum)
  if (norm === 0) return v
  return v.map((x) => x / norm)
}
