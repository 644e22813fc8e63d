import { parentPort } from 'node:worker_threads'
import { WorkbenchError, type ErrorInfo } from '@shared/errors'
import { loadLocalModel, type LocalModel, type LocalModelOptions } from './localModel'

/** Requests to the embedding worker; each reply carries the request's id. */
export type EmbedWorkerRequest =
  | { id: number; op: 'load'; options: LocalModelOptions }
  | { id: number; op: 'count'; texts: string[] }
  | { id: number; op: 'embed'; texts: string[] }

export type EmbedWorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ErrorInfo }
  /** Download progress while loading (no reply yet). */
  | { id: number; progress: { file: string; loaded: number; total: number } }

/**
 * The embedding model's own thread: ONNX Runtime runs its calls on every core there, and the main process (which in
 * Electron also serves the window) only plans batches and stores vectors.
 */
let model: LocalModel | null = null

parentPort!.on('message', async (request: EmbedWorkerRequest) => {
  const { id } = request
  try {
    let value: unknown
    if (request.op === 'load') {
      model = await loadLocalModel(request.options, (progress) => parentPort!.postMessage({ id, progress }))
      const { modelId, dim, device, fallback, fingerprint, maxTokens } = model
      value = { modelId, dim, device, fallback, fingerprint, maxTokens }
    } else if (request.op === 'count') value = model!.tokenCounts(request.texts)
    else {
      const vectors = await model!.embedBatch(request.texts)
      parentPort!.postMessage({ id, ok: true, value: vectors }, [vectors.buffer as ArrayBuffer])
      return
    }
    parentPort!.postMessage({ id, ok: true, value })
  } catch (e) {
    const error: ErrorInfo =
      e instanceof WorkbenchError
        ? e.toInfo()
        : { code: 'internal', message: e instanceof Error ? e.message : String(e) }
    parentPort!.postMessage({ id, ok: false, error })
  }
})
