import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename, isAbsolute, join, resolve } from 'node:path'
import type { env as TransformersEnv, FeatureExtractionPipeline, ProgressInfo } from '@huggingface/transformers'
import { WorkbenchError, type KeyedMessage } from '@shared/errors'
import { MODEL_HUB_ID } from '@shared/evaluation'

/** Where the model runs: the CPU, or the machine's GPU where the runtime offers one (else the CPU, with a note). */
export type EmbeddingDevice = 'cpu' | 'gpu'

/** What loading a local model needs; plain data, so it can be sent to a worker thread. */
export interface LocalModelOptions {
  /** A hub id (e.g. BAAI/bge-m3), downloaded into `modelsDir` on first use, or an absolute path to a model folder. */
  model: string
  modelsDir: string
  pooling: 'cls' | 'mean'
  normalize: boolean
  maxTokens: number
  quantized: boolean
  /** Never download: a hub id must already be in `modelsDir`. */
  localOnly?: boolean
  /** The hub's address (default: HF_ENDPOINT, else https://huggingface.co/); tests serve a stand-in on loopback. */
  hubHost?: string
  /** Default cpu. */
  device?: EmbeddingDevice
  /** ONNX Runtime threads for one model call (default: every core). */
  threads?: number
}

/** A loaded model: token counts and batch calls; the caller decides how texts are grouped. */
export interface LocalModel {
  modelId: string
  dim: number
  /** The execution provider the model runs on (cpu, cuda, dml, coreml, webgpu). */
  device: string
  /** Why it runs on the CPU although a GPU was asked for (each provider tried and its error); null otherwise. */
  fallback: string | null
  /** The weights' size and modification time (local folders), so a model replaced in place gets a new cache key. */
  fingerprint: string | null
  /** Where texts are cut: maxTokens, or the model's own limit when that is lower. */
  maxTokens: number
  /** Tokens of each text as the model would see it uncut (special tokens included). */
  tokenCounts(texts: string[]): number[]
  /** One model call: the vectors of `texts` (cut at maxTokens), flat, `dim` numbers per text. */
  embedBatch(texts: string[]): Promise<Float32Array>
  dispose(): Promise<void>
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json']
export const onnxFile = (quantized: boolean) => (quantized ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx')
const HUB_UNREACHABLE =
  'Cannot reach the model hub: download the model on another machine and set the local folder in Settings.'
export const DEFAULT_HUB = 'https://huggingface.co/'

/** The hub transformers.js downloads from: HF_ENDPOINT (a mirror) when set. */
export const hubHostOf = (given?: string) => {
  const host = given ?? process.env.HF_ENDPOINT ?? DEFAULT_HUB
  return host.endsWith('/') ? host : `${host}/`
}

/** GPU execution providers onnxruntime-node offers on this platform, most capable first. */
export function gpuProviders(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string[] {
  const native = platform === 'win32' ? ['dml'] : platform === 'darwin' ? ['coreml'] : arch === 'x64' ? ['cuda'] : []
  return [...native, 'webgpu']
}

/**
 * Loads a sentence-embedding model with transformers.js (ONNX Runtime, every core) and returns its batch call. Local
 * folders never touch the network. Models over 2 GB keep their weights beside the graph (model.onnx + model.onnx_data):
 * a local folder's chunks are counted, a hub id's are asked of the hub before download, and a graph that names a
 * weights file that is not there is refused with its path.
 */
export async function loadLocalModel(
  options: LocalModelOptions,
  onProgress?: (progress: { file: string; loaded: number; total: number }) => void,
): Promise<LocalModel> {
  const local = isAbsolute(options.model)
  if (!local && !MODEL_HUB_ID.test(options.model)) {
    throw new WorkbenchError('invalid_input', { key: 'evaluations.modelId', params: { model: options.model } })
  }
  const folder = local ? resolve(options.model) : join(options.modelsDir, ...options.model.split('/'))
  const modelFile = onnxFile(options.quantized)
  if (local) checkModelFolder(folder, options.quantized)
  else if (options.localOnly) {
    checkFolder(folder, modelFile, { key: 'evaluations.modelNotDownloaded', params: { model: options.model, folder } })
    checkExternalData(join(folder, modelFile))
  }
  const hubHost = hubHostOf(options.hubHost)
  const modelId = local ? folder : options.model
  const offline = local || options.localOnly === true
  // Chunks on disk (a local folder, or a hub model downloaded before), else as the hub lists them.
  let chunks = externalDataChunks(join(folder, modelFile))
  if (!offline && chunks === 0) chunks = await hubExternalDataChunks(hubHost, options.model, modelFile)

  const load = (device: string) =>
    loadPipeline(modelId, local, offline, options, hubHost, device, chunks, onProgress).then(async (extractor) => {
      try {
        return { extractor, dim: (await run(extractor, options, ['dimension probe'])).length }
      } catch (error) {
        await extractor.dispose()
        throw new WorkbenchError(
          'internal',
          `The embedding model ${modelId} loaded but could not embed a text: ${(error as Error).message}`,
        )
      }
    })

  const tried: string[] = []
  let loaded: { extractor: FeatureExtractionPipeline; dim: number } | null = null
  let device = 'cpu'
  if (options.device === 'gpu') {
    for (const provider of gpuProviders()) {
      try {
        loaded = await load(provider)
        device = provider
        break
      } catch (error) {
        const reason = firstLine(error).replace(`Could not load the embedding model ${modelId}: `, '')
        tried.push(`${provider}: ${reason.length > 240 ? `${reason.slice(0, 240)}…` : reason}`)
      }
    }
  }
  loaded ??= await load('cpu')
  // Now the weights are on disk: a graph naming an external weights file that is missing fails here, not later.
  checkExternalData(join(folder, modelFile))
  const { extractor, dim } = loaded
  // truncation: true cuts at the tokenizer's model_max_length; lower it to maxTokens.
  const tokenizerConfig = extractor.tokenizer.config as { model_max_length?: number }
  const maxTokens = Math.min(tokenizerConfig.model_max_length ?? Infinity, options.maxTokens)
  tokenizerConfig.model_max_length = maxTokens

  return {
    modelId,
    dim,
    device,
    fallback: tried.length ? tried.join('; ') : null,
    fingerprint: local ? fileFingerprint(join(folder, modelFile)) : null,
    maxTokens,
    tokenCounts: (texts) => texts.map((text) => extractor.tokenizer.encode(text).length),
    embedBatch: async (texts) => {
      const output = await extractor(texts, { pooling: options.pooling, normalize: options.normalize })
      return (output.data as Float32Array).slice()
    },
    dispose: () => extractor.dispose(),
  }
}

async function run(extractor: FeatureExtractionPipeline, options: LocalModelOptions, texts: string[]) {
  const output = await extractor(texts, { pooling: options.pooling, normalize: options.normalize })
  return output.data as Float32Array
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]

/** A local model folder has what loading needs (checked again when a job starts, before it is created). */
export function checkModelFolder(folder: string, quantized: boolean) {
  checkFolder(folder, onnxFile(quantized), { key: 'evaluations.modelFolderMissing', params: { folder } })
  checkExternalData(join(folder, onnxFile(quantized)))
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

/** The graph names its weights file (model.onnx_data): it must be beside it. */
function checkExternalData(onnxPath: string) {
  for (const name of referencedExternalData(onnxPath)) {
    const path = join(onnxPath, '..', name)
    if (!existsSync(path))
      throw new WorkbenchError('not_found', { key: 'evaluations.modelExternalDataMissing', params: { path } }, { path })
  }
}

/** Graphs with external weights are small; larger files hold their weights inline and are not read. */
const GRAPH_SCAN_LIMIT = 64 * 1024 * 1024

/**
 * The external weights files an ONNX graph names (`location` entries: `<file>.onnx_data`, `<file>.onnx_data_1`, ...),
 * found by their names in the graph's bytes, which is enough for the exporters' naming.
 */
export function referencedExternalData(onnxPath: string): string[] {
  if (!existsSync(onnxPath)) return []
  const size = statSync(onnxPath).size
  if (size > GRAPH_SCAN_LIMIT) return []
  const fd = openSync(onnxPath, 'r')
  const bytes = Buffer.alloc(size)
  try {
    readSync(fd, bytes, 0, size, 0)
  } finally {
    closeSync(fd)
  }
  const name = basename(onnxPath)
  const found = new Set<string>()
  const pattern = new RegExp(`${name.replace(/[.]/g, '\\.')}_data(?:_\\d+)?`, 'g')
  for (const match of bytes.toString('latin1').matchAll(pattern)) found.add(match[0])
  return [...found]
}

/** Size and modification time of the weights: a model replaced in place gets a new cache key. */
function fileFingerprint(file: string): string {
  const stat = statSync(file)
  const chunks = externalDataChunks(file)
  const data = chunks ? statSync(`${file}_data`) : null
  return `${stat.size}-${Math.round(stat.mtimeMs)}${data ? `+${data.size}-${Math.round(data.mtimeMs)}` : ''}`
}

/** How many `<file>_data`, `<file>_data_1`, ... chunks sit beside an ONNX file (models over 2 GB). */
export function externalDataChunks(onnxPath: string): number {
  let n = 0
  while (existsSync(`${onnxPath}_data${n === 0 ? '' : `_${n}`}`)) n++
  return n
}

/**
 * How many weights chunks the hub lists beside the graph, asked with HEAD requests before the download: a hub id's
 * config need not declare `use_external_data_format` (bge-m3's does not). An unreachable hub answers 0 here and fails
 * the download itself, with the usual advice.
 */
export async function hubExternalDataChunks(hubHost: string, model: string, modelFile: string): Promise<number> {
  let n = 0
  try {
    for (; n < 100; n++) {
      const url = `${hubHost}${model}/resolve/main/${modelFile}_data${n === 0 ? '' : `_${n}`}`
      const response = await fetch(url, { method: 'HEAD', redirect: 'follow' })
      if (!response.ok) break
    }
  } catch {
    return n
  }
  return n
}

// transformers.js reads where to look from its global `env`, so loads take turns.
let envTurn: Promise<unknown> = Promise.resolve()

async function loadPipeline(
  modelId: string,
  local: boolean,
  offline: boolean,
  options: LocalModelOptions,
  hubHost: string,
  device: string,
  chunks: number,
  onProgress?: (progress: { file: string; loaded: number; total: number }) => void,
): Promise<FeatureExtractionPipeline> {
  const { pipeline, env } = await import('@huggingface/transformers')
  const settings: Partial<typeof TransformersEnv> = {
    allowLocalModels: true,
    allowRemoteModels: !offline,
    remoteHost: hubHost,
    // Hub ids resolve to <modelsDir>/<owner>/<name>/..., both as local files and as the download cache.
    localModelPath: options.modelsDir,
    cacheDir: options.modelsDir,
    useFSCache: true,
  }
  const threads = Math.max(1, options.threads ?? availableParallelism())
  const load = async () => {
    Object.assign(env, settings)
    return (await pipeline('feature-extraction', modelId, {
      dtype: options.quantized ? 'q8' : 'fp32',
      device: device as 'cpu',
      local_files_only: offline,
      cache_dir: options.modelsDir,
      ...(chunks ? { use_external_data_format: chunks } : {}),
      // Every core for one call; no arena, so memory is given back after a long batch.
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, enableCpuMemArena: false },
      progress_callback: (p: ProgressInfo) => {
        if (p.status === 'progress') onProgress?.({ file: p.file, loaded: p.loaded, total: p.total })
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
