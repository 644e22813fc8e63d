import { Worker } from 'node:worker_threads'
import { WorkbenchError } from '@shared/errors'
import { planBatches, type BatchBudget } from './embeddingBatches'
import type { EmbedWorkerReply, EmbedWorkerRequest } from './embedWorker'
import { loadLocalModel, type LocalModel, type LocalModelOptions } from './localModel'

export { checkModelFolder, gpuProviders, type EmbeddingDevice } from './localModel'

export interface EmbedderOptions extends LocalModelOptions {
  onProgress?: (progress: { file: string; loaded: number; total: number }) => void
  /** How texts are grouped into model calls (embeddingBatches.ts). */
  budget?: Partial<BatchBudget>
  /** Where the model runs: its own worker thread (default), or this one (tests that watch this thread's fetch). */
  thread?: 'worker' | 'here'
}

/** What an embedding pass reports as it goes. */
export interface EmbedHooks {
  /** After each model call (or endpoint request): how many texts it embedded. */
  onBatch?: (texts: number) => void
  /** A text that was cut at the model's token limit (its index in the texts given). */
  onTruncated?: (index: number) => void
  signal?: AbortSignal
}

export interface Embedder {
  /** The hub id, the model folder's absolute path, or the endpoint's model. */
  modelId: string
  dim: number
  /** Names everything that changes the vectors: the embedding cache's model key. */
  key: string
  /** local: this machine's model; endpoint: an embeddings endpoint. */
  backend: 'local' | 'endpoint'
  /** cpu, a GPU provider (cuda, dml, coreml, webgpu), or the endpoint's base URL. */
  device: string
  /** Why a GPU was asked for but the CPU runs the model; null otherwise. */
  fallback: string | null
  /** Whether `onTruncated` is told (a local model counts tokens; an endpoint cuts on its own and does not say). */
  countsTruncation: boolean
  /** Where a local model cuts texts (the lower of maxTokens and the model's own limit); null for an endpoint. */
  maxTokens: number | null
  embed(texts: string[], hooks?: EmbedHooks): Promise<Float32Array[]>
  dispose(): Promise<void>
}

/**
 * Loads a sentence-embedding model with transformers.js and returns a batch embedder. The model runs in a worker
 * thread on every core; texts are counted in tokens, grouped by length under a token and attention budget (so memory
 * stays near what the longest text needs), and cut at `maxTokens`, each cut text reported. Local folders never touch
 * the network.
 */
export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const { onProgress, budget, thread, ...modelOptions } = options
  const model =
    thread === 'here' ? await loadLocalModel(modelOptions, onProgress) : await workerModel(modelOptions, onProgress)
  return {
    modelId: model.modelId,
    dim: model.dim,
    backend: 'local',
    device: model.device,
    fallback: model.fallback,
    countsTruncation: true,
    maxTokens: model.maxTokens,
    key: JSON.stringify({
      model: model.modelId,
      fingerprint: model.fingerprint ?? undefined,
      pooling: options.pooling,
      normalize: options.normalize,
      maxTokens: options.maxTokens,
      quantized: options.quantized,
    }),
    async embed(texts, hooks = {}) {
      const counts = await model.tokenCounts(texts)
      counts.forEach((n, i) => n > model.maxTokens && hooks.onTruncated?.(i))
      const vectors = new Array<Float32Array>(texts.length)
      for (const batch of planBatches(
        counts.map((n) => Math.min(n, model.maxTokens)),
        budget,
      )) {
        hooks.signal?.throwIfAborted()
        // Cancelling does not wait for a long call: disposing the embedder stops its thread.
        const flat = await untilAborted(model.embedBatch(batch.map((i) => texts[i])), hooks.signal)
        batch.forEach((i, j) => (vectors[i] = flat.slice(j * model.dim, (j + 1) * model.dim)))
        hooks.onBatch?.(batch.length)
      }
      return vectors
    },
    dispose: () => model.dispose(),
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

type AsyncModel = Omit<LocalModel, 'tokenCounts'> & { tokenCounts(texts: string[]): Promise<number[]> | number[] }

/** The model in a worker thread of its own: the same calls, answered by messages. */
async function workerModel(options: LocalModelOptions, onProgress: EmbedderOptions['onProgress']): Promise<AsyncModel> {
  const fromSource = import.meta.url.endsWith('.ts')
  const worker = new Worker(new URL(fromSource ? './embedWorkerFromSource.mjs' : './embedWorker.js', import.meta.url))
  let nextId = 0
  let closed = false
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }
  worker.on('message', (reply: EmbedWorkerReply) => {
    if ('progress' in reply) return onProgress?.(reply.progress)
    const waiting = pending.get(reply.id)
    pending.delete(reply.id)
    if (!waiting) return
    if (reply.ok) waiting.resolve(reply.value)
    else waiting.reject(WorkbenchError.from(reply.error))
  })
  worker.on('error', failAll)
  worker.on('exit', (code) =>
    failAll(new WorkbenchError('internal', `The embedding worker stopped (exit code ${code})`)),
  )
  const ask = <T>(request: DistributiveOmit<EmbedWorkerRequest, 'id'>) =>
    new Promise<T>((resolve, reject) => {
      if (closed) return reject(new WorkbenchError('internal', 'The embedding model was closed'))
      const id = nextId++
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ ...request, id })
    })
  let info: Pick<LocalModel, 'modelId' | 'dim' | 'device' | 'fallback' | 'fingerprint' | 'maxTokens'>
  try {
    info = await ask({ op: 'load', options })
  } catch (error) {
    await worker.terminate()
    throw error
  }
  return {
    ...info,
    tokenCounts: (texts) => ask<number[]>({ op: 'count', texts }),
    embedBatch: (texts) => ask<Float32Array>({ op: 'embed', texts }),
    // Ending the thread frees the model, also in the middle of a call.
    async dispose() {
      closed = true
      worker.removeAllListeners('exit')
      failAll(new WorkbenchError('internal', 'The embedding model was closed'))
      await worker.terminate()
    },
  }
}

/** The promise, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  signal.throwIfAborted()
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
