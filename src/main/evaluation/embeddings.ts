import { existsSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import type { env as TransformersEnv, FeatureExtractionPipeline, ProgressInfo } from '@huggingface/transformers'
import { WorkbenchError, type KeyedMessage } from '@shared/errors'
import { MODEL_HUB_ID } from '@shared/evaluation'

export interface EmbedderOptions {
  /** A hub id (e.g. BAAI/bge-m3), downloaded into `modelsDir` on first use, or an absolute path to a model folder. */
  model: string
  modelsDir: string
  pooling: 'cls' | 'mean'
  normalize: boolean
  maxTokens: number
  quantized: boolean
  /** Never download: a hub id must already be in `modelsDir`. */
  localOnly?: boolean
  onProgress?: (progress: { file: string; loaded: number; total: number }) => void
  /** Texts per model call. Default 16. */
  batchSize?: number
}

export interface Embedder {
  /** The hub id, or the model folder's absolute path. */
  modelId: string
  dim: number
  /** Names everything that changes the vectors: the embedding cache's model key. */
  key: string
  embed(texts: string[]): Promise<Float32Array[]>
  dispose(): Promise<void>
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json']
const onnxFile = (quantized: boolean) => (quantized ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx')
const HUB_UNREACHABLE =
  'Cannot reach the model hub: download the model on another machine and set the local folder in Settings.'

/**
 * Loads a sentence-embedding model with transformers.js (ONNX Runtime on the
 * CPU) and returns a batch embedder. Local folders never touch the network.
 */
export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const local = isAbsolute(options.model)
  if (!local && !MODEL_HUB_ID.test(options.model)) {
    throw new WorkbenchError('invalid_input', { key: 'evaluations.modelId', params: { model: options.model } })
  }
  const folder = local ? resolve(options.model) : join(options.modelsDir, ...options.model.split('/'))
  const modelFile = onnxFile(options.quantized)
  if (local) checkModelFolder(folder, options.quantized)
  else if (options.localOnly) {
    checkFolder(folder, modelFile, { key: 'evaluations.modelNotDownloaded', params: { model: options.model, folder } })
  }

  const modelId = local ? folder : options.model
  const extractor = await loadPipeline(modelId, folder, local, options)
  // truncation: true cuts at the tokenizer's model_max_length; lower it to maxTokens.
  const tokenizerConfig = extractor.tokenizer.config as { model_max_length?: number }
  tokenizerConfig.model_max_length = Math.min(tokenizerConfig.model_max_length ?? Infinity, options.maxTokens)

  const batchSize = Math.max(1, options.batchSize ?? 16)
  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const output = await extractor(texts, { pooling: options.pooling, normalize: options.normalize })
    const [rows, dim] = output.dims
    const data = output.data as Float32Array
    return Array.from({ length: rows }, (_, i) => data.slice(i * dim, (i + 1) * dim))
  }
  let dim: number
  try {
    dim = (await run(['dimension probe']))[0].length
  } catch (error) {
    await extractor.dispose()
    throw new WorkbenchError(
      'internal',
      `The embedding model ${modelId} loaded but could not embed a text: ${(error as Error).message}`,
    )
  }

  const fingerprint = local ? fileFingerprint(join(folder, modelFile)) : undefined
  return {
    modelId,
    dim,
    key: JSON.stringify({
      model: modelId,
      fingerprint,
      pooling: options.pooling,
      normalize: options.normalize,
      maxTokens: options.maxTokens,
      quantized: options.quantized,
    }),
    async embed(texts) {
      // Longest first: texts of similar length share a batch, so less padding is computed.
      const order = texts.map((_, i) => i).sort((a, b) => texts[b].length - texts[a].length)
      const vectors = new Array<Float32Array>(texts.length)
      for (let start = 0; start < order.length; start += batchSize) {
        const batch = order.slice(start, start + batchSize)
        const computed = await run(batch.map((i) => texts[i]))
        batch.forEach((i, j) => (vectors[i] = computed[j]))
      }
      return vectors
    },
    dispose: () => extractor.dispose(),
  }
}

/** A local model folder has what loading needs (checked again when a job starts, before it is created). */
export function checkModelFolder(folder: string, quantized: boolean) {
  checkFolder(folder, onnxFile(quantized), { key: 'evaluations.modelFolderMissing', params: { folder } })
}

function checkFolder(folder: string, modelFile: string, notFound: KeyedMessage) {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new WorkbenchError('not_found', notFound, { path: folder })
  for (const file of [...REQUIRED_FILES, modelFile]) {
    if (!existsSync(join(folder, file))) {
      const path = join(folder, file)
      const key = file === onnxFile(true) ? 'evaluations.modelIncompleteQuantized' : 'evaluations.modelIncomplete'
      throw new WorkbenchError('not_found', { key, params: { path } }, { path })
    }
  }
}

/** Size and modification time of the weights: a model replaced in place gets a new cache key. */
function fileFingerprint(file: string): string {
  const stat = statSync(file)
  return `${stat.size}-${Math.round(stat.mtimeMs)}`
}

/** How many `<file>_data`, `<file>_data_1`, ... chunks sit beside an ONNX file (models over 2 GB). */
function externalDataChunks(onnxPath: string): number {
  let n = 0
  while (existsSync(`${onnxPath}_data${n === 0 ? '' : `_${n}`}`)) n++
  return n
}

// transformers.js reads where to look from its global `env`, so loads take turns.
let envTurn: Promise<unknown> = Promise.resolve()

async function loadPipeline(
  modelId: string,
  folder: string,
  local: boolean,
  options: EmbedderOptions,
): Promise<FeatureExtractionPipeline> {
  const { pipeline, env } = await import('@huggingface/transformers')
  const settings: Partial<typeof TransformersEnv> = {
    allowLocalModels: true,
    allowRemoteModels: !local && !options.localOnly,
    // Hub ids resolve to <modelsDir>/<owner>/<name>/..., both as local files and as the download cache.
    localModelPath: options.modelsDir,
    cacheDir: options.modelsDir,
    useFSCache: true,
  }
  const chunks = local ? externalDataChunks(join(folder, onnxFile(options.quantized))) : 0
  const load = async () => {
    Object.assign(env, settings)
    return (await pipeline('feature-extraction', modelId, {
      dtype: options.quantized ? 'q8' : 'fp32',
      device: 'cpu',
      local_files_only: local || options.localOnly === true,
      cache_dir: options.modelsDir,
      ...(chunks ? { use_external_data_format: chunks } : {}),
      progress_callback: (p: ProgressInfo) => {
        if (p.status === 'progress') options.onProgress?.({ file: p.file, loaded: p.loaded, total: p.total })
      },
    })) as FeatureExtractionPipeline
  }
  const turn = envTurn.then(load)
  envTurn = turn.catch(() => undefined)
  try {
    return await turn
  } catch (error) {
    throw explainLoadError(error, modelId, local)
  }
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
])

function isNetworkError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (NETWORK_CODES.has((e as { code?: string }).code ?? '')) return true
    if (e instanceof TypeError && /fetch failed/i.test(e.message)) return true
  }
  return false
}

function explainLoadError(error: unknown, modelId: string, local: boolean): Error {
  if (error instanceof WorkbenchError) return error
  const message = error instanceof Error ? error.message : String(error)
  if (!local && isNetworkError(error))
    return new WorkbenchError('not_found', `${HUB_UNREACHABLE} (model ${modelId}: ${message})`)
  if (!local && /could not locate file|unauthorized access/i.test(message)) {
    return new WorkbenchError('not_found', `The model hub has no usable ${modelId}: ${message}`)
  }
  return new WorkbenchError('internal', `Could not load the embedding model ${modelId}: ${message}`)
}
