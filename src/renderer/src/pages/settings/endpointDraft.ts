import {
  LOCAL_BASE_URL,
  LOCAL_MAX_CONCURRENCY,
  LOCAL_MODEL_DEFAULTS,
  type EndpointInput,
  type EndpointKind,
  type EndpointView,
} from '@shared/endpoint'

export const ENDPOINT_PRESETS = [
  { id: 'openai', name: 'OpenAI', baseURL: 'https://api.openai.com/v1' },
  { id: 'azure', name: 'Azure OpenAI (v1 API)', baseURL: 'https://YOUR-RESOURCE.openai.azure.com/openai/v1' },
  { id: 'deepseek', name: 'DeepSeek', baseURL: 'https://api.deepseek.com/v1' },
  { id: 'qwen', name: 'Qwen / DashScope', baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' },
  { id: 'vllm', name: 'vLLM', baseURL: 'http://localhost:8000/v1' },
  { id: 'ollama', name: 'Ollama', baseURL: 'http://localhost:11434/v1' },
  { id: 'lmstudio', name: 'LM Studio', baseURL: 'http://localhost:1234/v1' },
] as const

export const ENDPOINT_FIELD_PATHS = [
  'local.modelPath',
  'local.contextSize',
  'local.threads',
  'local.gpuLayers',
  'local',
  'name',
  'baseURL',
  'model',
  'apiKey',
  'temperature',
  'topP',
  'maxTokens',
  'timeoutMs',
  'stream',
  'firstByteTimeoutMs',
  'idleTimeoutMs',
  'maxConcurrency',
  'priceInput',
  'priceOutput',
  'priceCachedInput',
  'rpm',
  'tpm',
  'replicas',
  'currency',
]

/** One more base URL as typed: its concurrency as text, and what to do with its own stored key. */
export interface ReplicaDraft {
  /** Stable across edits (the list's React key and the focus target); never sent. */
  key: string
  baseURL: string
  maxConcurrency: string
  /** A newly typed own key; empty = none typed. */
  apiKey: string
  hasStoredKey: boolean
  /** Drop its own key: it uses the endpoint's. */
  removeKey: boolean
}

let replicaKeys = 0
export const newReplicaKey = () => `replica-${++replicaKeys}`
export const newReplica = (maxConcurrency = '8'): ReplicaDraft => ({
  key: newReplicaKey(),
  baseURL: '',
  maxConcurrency,
  apiKey: '',
  hasStoredKey: false,
  removeKey: false,
})

/** The form as typed: numbers as text, and what to do with a stored key. */
export interface EndpointDraft {
  id?: string
  /** An API server, or a GGUF file run in the app (then the base URL, key and replicas do not apply). */
  kind: EndpointKind
  modelPath: string
  contextSize: string
  /** Empty: as many as the runtime picks. */
  threads: string
  gpuLayers: string
  name: string
  baseURL: string
  model: string
  /** A newly typed key; empty = none typed. */
  apiKey: string
  hasStoredKey: boolean
  removeKey: boolean
  temperature: string
  topP: string
  maxTokens: string
  timeoutSeconds: string
  /** Streamed answers, with the waits for the first chunk and between chunks. */
  stream: boolean
  firstByteTimeoutSeconds: string
  idleTimeoutSeconds: string
  maxConcurrency: string
  /** Per million tokens; empty = unknown (no cost shown). */
  priceInput: string
  priceOutput: string
  /** Per million cached prompt tokens; empty = the input price. */
  priceCachedInput: string
  /** Requests and tokens per minute over all base URLs; empty = no limit. */
  rpm: string
  tpm: string
  /** More base URLs serving the same model. */
  replicas: ReplicaDraft[]
  currency: string
}

const LOCAL_DRAFT = {
  modelPath: '',
  contextSize: String(LOCAL_MODEL_DEFAULTS.contextSize),
  threads: '',
  gpuLayers: String(LOCAL_MODEL_DEFAULTS.gpuLayers),
}

/** The draft switched to another kind: a local model serves one request at a time unless told otherwise. */
export function withKind(draft: EndpointDraft, kind: EndpointKind): EndpointDraft {
  if (kind === draft.kind) return draft
  const fresh = newDraft()
  const concurrency =
    kind === 'local' && draft.maxConcurrency === fresh.maxConcurrency
      ? String(LOCAL_MAX_CONCURRENCY)
      : kind === 'api' && draft.maxConcurrency === String(LOCAL_MAX_CONCURRENCY)
        ? fresh.maxConcurrency
        : draft.maxConcurrency
  return { ...draft, kind, maxConcurrency: concurrency, baseURL: kind === 'local' ? '' : draft.baseURL }
}

export function newDraft(): EndpointDraft {
  return {
    kind: 'api',
    ...LOCAL_DRAFT,
    name: '',
    baseURL: '',
    model: '',
    apiKey: '',
    hasStoredKey: false,
    removeKey: false,
    temperature: '0.7',
    topP: '1',
    maxTokens: '1024',
    timeoutSeconds: '60',
    stream: true,
    firstByteTimeoutSeconds: '30',
    idleTimeoutSeconds: '15',
    maxConcurrency: '8',
    priceInput: '',
    priceOutput: '',
    priceCachedInput: '',
    rpm: '',
    tpm: '',
    replicas: [],
    currency: 'USD',
  }
}

export function draftFromView(view: EndpointView): EndpointDraft {
  return {
    id: view.id,
    kind: view.kind,
    ...(view.local
      ? {
          modelPath: view.local.modelPath,
          contextSize: String(view.local.contextSize),
          threads: view.local.threads === null ? '' : String(view.local.threads),
          gpuLayers: String(view.local.gpuLayers),
        }
      : LOCAL_DRAFT),
    name: view.name,
    baseURL: view.kind === 'local' ? '' : view.baseURL,
    model: view.model,
    apiKey: '',
    hasStoredKey: view.hasKey,
    removeKey: false,
    temperature: String(view.temperature),
    topP: String(view.topP),
    maxTokens: String(view.maxTokens),
    timeoutSeconds: String(view.timeoutMs / 1000),
    stream: view.stream,
    firstByteTimeoutSeconds: String(view.firstByteTimeoutMs / 1000),
    idleTimeoutSeconds: String(view.idleTimeoutMs / 1000),
    maxConcurrency: String(view.maxConcurrency),
    priceInput: view.priceInput === null ? '' : String(view.priceInput),
    priceOutput: view.priceOutput === null ? '' : String(view.priceOutput),
    priceCachedInput: view.priceCachedInput === null ? '' : String(view.priceCachedInput),
    rpm: view.rpm === null ? '' : String(view.rpm),
    tpm: view.tpm === null ? '' : String(view.tpm),
    replicas: view.replicas.map((r) => ({
      key: newReplicaKey(),
      baseURL: r.baseURL,
      maxConcurrency: String(r.maxConcurrency),
      apiKey: '',
      hasStoredKey: r.hasKey,
      removeKey: false,
    })),
    currency: view.currency,
  }
}

/** Fields whose text is not a number; the server checks the ranges. */
export function invalidNumbers(draft: EndpointDraft): string[] {
  const numeric: [string, string][] = [
    ['temperature', draft.temperature],
    ['topP', draft.topP],
    ['maxTokens', draft.maxTokens],
    ['timeoutMs', draft.timeoutSeconds],
    ['firstByteTimeoutMs', draft.firstByteTimeoutSeconds],
    ['idleTimeoutMs', draft.idleTimeoutSeconds],
    ['maxConcurrency', draft.maxConcurrency],
  ]
  const optional: [string, string][] = [
    ['priceInput', draft.priceInput],
    ['priceOutput', draft.priceOutput],
    ['priceCachedInput', draft.priceCachedInput],
    ['rpm', draft.rpm],
    ['tpm', draft.tpm],
  ]
  if (draft.kind === 'local') {
    numeric.push(['local.contextSize', draft.contextSize], ['local.gpuLayers', draft.gpuLayers])
    optional.push(['local.threads', draft.threads])
  }
  const bad = (text: string) => !Number.isFinite(Number(text))
  const replicas = draft.replicas.some((r) => r.maxConcurrency.trim() === '' || bad(r.maxConcurrency))
  return [
    ...numeric.filter(([, text]) => text.trim() === '' || bad(text)),
    ...optional.filter(([, text]) => text.trim() !== '' && bad(text)),
    ...(replicas ? [['replicas', '']] : []),
  ].map(([field]) => field)
}

const optionalNumber = (text: string) => (text.trim() === '' ? null : Number(text))

/** apiKey: undefined keeps the stored key, '' removes it, anything else replaces it (a replica's too). */
export function draftToInput(draft: EndpointDraft): EndpointInput {
  if (draft.kind === 'local') return localDraftToInput(draft)
  const apiKey = draft.apiKey.trim() ? draft.apiKey.trim() : draft.removeKey ? '' : undefined
  return {
    id: draft.id,
    kind: 'api',
    name: draft.name,
    baseURL: draft.baseURL,
    model: draft.model,
    apiKey,
    temperature: Number(draft.temperature),
    topP: Number(draft.topP),
    maxTokens: Number(draft.maxTokens),
    timeoutMs: Math.round(Number(draft.timeoutSeconds) * 1000),
    stream: draft.stream,
    firstByteTimeoutMs: Math.round(Number(draft.firstByteTimeoutSeconds) * 1000),
    idleTimeoutMs: Math.round(Number(draft.idleTimeoutSeconds) * 1000),
    maxConcurrency: Number(draft.maxConcurrency),
    priceInput: draft.priceInput.trim() === '' ? null : Number(draft.priceInput),
    priceOutput: draft.priceOutput.trim() === '' ? null : Number(draft.priceOutput),
    priceCachedInput: optionalNumber(draft.priceCachedInput),
    rpm: optionalNumber(draft.rpm),
    tpm: optionalNumber(draft.tpm),
    replicas: draft.replicas.map((r) => ({
      baseURL: r.baseURL,
      maxConcurrency: Number(r.maxConcurrency),
      apiKey: r.apiKey.trim() ? r.apiKey.trim() : r.removeKey ? '' : undefined,
    })),
    currency: draft.currency.trim(),
  }
}

/** The file's name without .gguf, for a model name left empty. */
const fileStem = (path: string) =>
  path
    .trim()
    .split(/[\\/]/)
    .pop()!
    .replace(/\.gguf$/i, '')

/** A local model: no base URL, key, replicas or prices of its own; the model name defaults to the file's. */
function localDraftToInput(draft: EndpointDraft): EndpointInput {
  const { replicas: _r, apiKey: _k, baseURL: _b, ...rest } = draftToInput({ ...draft, kind: 'api', replicas: [] })
  return {
    ...rest,
    kind: 'local',
    baseURL: LOCAL_BASE_URL,
    model: draft.model.trim() || fileStem(draft.modelPath) || 'local',
    local: {
      modelPath: draft.modelPath.trim(),
      contextSize: Number(draft.contextSize),
      threads: optionalNumber(draft.threads),
      gpuLayers: Number(draft.gpuLayers),
    },
  }
}
