import type { EndpointInput, EndpointView } from '@shared/endpoint'

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
  'currency',
]

/** The form as typed: numbers as text, and what to do with a stored key. */
export interface EndpointDraft {
  id?: string
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
  currency: string
}

export function newDraft(): EndpointDraft {
  return {
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
    currency: 'USD',
  }
}

export function draftFromView(view: EndpointView): EndpointDraft {
  return {
    id: view.id,
    name: view.name,
    baseURL: view.baseURL,
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
  ]
  const bad = (text: string) => !Number.isFinite(Number(text))
  return [
    ...numeric.filter(([, text]) => text.trim() === '' || bad(text)),
    ...optional.filter(([, text]) => text.trim() !== '' && bad(text)),
  ].map(([field]) => field)
}

/** apiKey: undefined keeps the stored key, '' removes it, anything else replaces it. */
export function draftToInput(draft: EndpointDraft): EndpointInput {
  const apiKey = draft.apiKey.trim() ? draft.apiKey.trim() : draft.removeKey ? '' : undefined
  return {
    id: draft.id,
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
    currency: draft.currency.trim(),
  }
}
