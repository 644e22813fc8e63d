import { z } from 'zod'

/** An endpoint's call settings (defaults below, the paper's). */
const EndpointSettingsSchema = z.object({
  temperature: z.number().min(0).max(2),
  topP: z.number().min(0).max(1),
  maxTokens: z.number().int().min(1).max(200000),
  timeoutMs: z.number().int().min(1000).max(600000),
  /**
   * Ask for streamed answers, so a stalled server is noticed between chunks (the stored
   * reply is the same). Off for a server that rejects `stream` or `stream_options`.
   */
  stream: z.boolean(),
  /** Streamed only: the longest wait for the first chunk, and between two chunks. */
  firstByteTimeoutMs: z.number().int().min(1000).max(600000),
  idleTimeoutMs: z.number().int().min(1000).max(600000),
  /** Requests in flight at once against this endpoint. */
  maxConcurrency: z.number().int().min(1).max(1024),
  /**
   * Optional limits over all of the endpoint's base URLs: requests and tokens (prompt and completion) started in any
   * 60 s. null: no limit.
   */
  rpm: z.number().int().min(1).max(10_000_000).nullable(),
  tpm: z.number().int().min(1).max(1_000_000_000).nullable(),
  /** Optional prices per million tokens, to show cost. */
  priceInput: z.number().min(0).nullable(),
  priceOutput: z.number().min(0).nullable(),
  /**
   * Price per million prompt tokens the server read from its cache (`usage.prompt_tokens_details.cached_tokens`);
   * null: cached tokens cost the input price.
   */
  priceCachedInput: z.number().min(0).nullable(),
  /** The currency of the prices (USD, CNY, ...): shown with every cost. */
  currency: z.string().trim().min(1, 'must not be empty').max(8),
})
const SETTINGS = EndpointSettingsSchema.shape
export type EndpointSettings = z.output<typeof EndpointSettingsSchema>

export const ENDPOINT_DEFAULTS = {
  temperature: 0.7,
  topP: 1,
  maxTokens: 1024,
  timeoutMs: 60000,
  stream: true,
  firstByteTimeoutMs: 30000,
  idleTimeoutMs: 15000,
  maxConcurrency: 8,
  rpm: null,
  tpm: null,
  priceInput: null,
  priceOutput: null,
  priceCachedInput: null,
  currency: 'USD',
} as const satisfies EndpointSettings

const BASE_URL = z
  .string()
  .trim()
  .url('must be a URL such as https://api.openai.com/v1')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://')

/**
 * One more base URL serving the same model (a vLLM or SGLang replica, another provider): the endpoint's calls go to the
 * least busy base URL that answers. A router (a LiteLLM proxy) is one base URL and needs none.
 */
export const ReplicaInputSchema = z.object({
  baseURL: BASE_URL,
  /** Requests in flight at once against this base URL. */
  maxConcurrency: z.number().int().min(1).max(1024),
  /** undefined = keep the key stored for this base URL; '' = use the endpoint's key; anything else = its own key. */
  apiKey: z.string().max(1000).optional(),
})
export type ReplicaInput = z.input<typeof ReplicaInputSchema>

/**
 * How an endpoint is doing in the process that serves the UI (the desktop app or serve mode; a CLI process has its
 * own): up or down, and each base URL's effective concurrency (lowered by 429s and rate-limit hints, raised again by
 * answers), its maximum and the calls on it now. Only endpoints this process has called.
 */
export interface EndpointLiveView {
  endpointId: string
  state: 'up' | 'down'
  lastError: string | null
  /** Calls waiting for a down endpoint to answer again. */
  waiting: number
  replicas: ReplicaLiveView[]
}

/** One base URL of an endpoint now: requests at once (lowered by 429s, raised by answers), its calls, in or out. */
export interface ReplicaLiveView {
  baseURL: string
  maxConcurrency: number
  effectiveConcurrency: number
  inFlight: number
  /** out: it kept failing, gets no calls and is probed back now and then. */
  state: 'in' | 'out'
}

/** A replica as the renderer sees it: never its key. */
export interface EndpointReplica {
  baseURL: string
  maxConcurrency: number
  /** It has its own key (else it uses the endpoint's). */
  hasKey: boolean
}

const REPLICAS = z
  .array(ReplicaInputSchema)
  .max(32)
  .refine((list) => new Set(list.map((r) => r.baseURL.replace(/\/+$/, ''))).size === list.length, {
    message: 'each base URL may appear only once',
  })

/**
 * Where an endpoint's model runs: 'api' = an OpenAI-compatible server; 'local' = a GGUF file run inside this process
 * (node-llama-cpp), with no network and no key. A local endpoint goes through the same gateway, call log and
 * concurrency limit; its base URL is LOCAL_BASE_URL, which never leaves the process.
 */
export const ENDPOINT_KINDS = ['api', 'local'] as const
export type EndpointKind = (typeof ENDPOINT_KINDS)[number]
/** The base URL a local endpoint is stored with (.invalid never resolves: nothing is ever sent there). */
export const LOCAL_BASE_URL = 'http://local-model.invalid/v1'

/** How a local GGUF model is run. */
export const LocalModelSchema = z.object({
  /** An absolute path to a .gguf file on this machine. */
  modelPath: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(4096)
    .refine((p) => /\.gguf$/i.test(p), 'must be a .gguf file'),
  /** Tokens of context for each request in flight (prompt and reply). */
  contextSize: z.number().int().min(256).max(262144),
  /** CPU threads; null: as many as the runtime picks for this machine. */
  threads: z.number().int().min(1).max(256).nullable(),
  /** Layers offloaded to a GPU; 0 = CPU only (works everywhere). */
  gpuLayers: z.number().int().min(0).max(1000),
})
export type LocalModelSettings = z.output<typeof LocalModelSchema>
export const LOCAL_MODEL_DEFAULTS = { contextSize: 4096, threads: null, gpuLayers: 0 } as const
/** A local model serves one request at a time unless told otherwise (each sequence holds its own context). */
export const LOCAL_MAX_CONCURRENCY = 1

const IDENTITY = {
  id: z.string().optional(),
  kind: z.enum(ENDPOINT_KINDS).optional(),
  /** Only for kind 'local'. */
  local: LocalModelSchema.nullable().optional(),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  baseURL: BASE_URL,
  model: z.string().trim().min(1, 'must not be empty').max(200),
  /** undefined = keep the stored key; '' = remove it; anything else = the new key. */
  apiKey: z.string().max(1000).optional(),
}

/** A complete endpoint: what is not given takes the default. */
export const EndpointInputSchema = z.object({
  ...IDENTITY,
  temperature: SETTINGS.temperature.default(ENDPOINT_DEFAULTS.temperature),
  topP: SETTINGS.topP.default(ENDPOINT_DEFAULTS.topP),
  maxTokens: SETTINGS.maxTokens.default(ENDPOINT_DEFAULTS.maxTokens),
  timeoutMs: SETTINGS.timeoutMs.default(ENDPOINT_DEFAULTS.timeoutMs),
  stream: SETTINGS.stream.default(ENDPOINT_DEFAULTS.stream),
  firstByteTimeoutMs: SETTINGS.firstByteTimeoutMs.default(ENDPOINT_DEFAULTS.firstByteTimeoutMs),
  idleTimeoutMs: SETTINGS.idleTimeoutMs.default(ENDPOINT_DEFAULTS.idleTimeoutMs),
  maxConcurrency: SETTINGS.maxConcurrency.default(ENDPOINT_DEFAULTS.maxConcurrency),
  rpm: SETTINGS.rpm.default(ENDPOINT_DEFAULTS.rpm),
  tpm: SETTINGS.tpm.default(ENDPOINT_DEFAULTS.tpm),
  priceInput: SETTINGS.priceInput.default(ENDPOINT_DEFAULTS.priceInput),
  priceOutput: SETTINGS.priceOutput.default(ENDPOINT_DEFAULTS.priceOutput),
  priceCachedInput: SETTINGS.priceCachedInput.default(ENDPOINT_DEFAULTS.priceCachedInput),
  currency: SETTINGS.currency.default(ENDPOINT_DEFAULTS.currency),
  /** More base URLs besides `baseURL` (whose own concurrency is `maxConcurrency`). */
  replicas: REPLICAS.default([]),
})

/**
 * Saving: a new endpoint takes the defaults for the settings it is not given; an update
 * (with id) keeps the stored ones. null clears a price.
 */
export const EndpointSaveSchema = z.object({
  ...IDENTITY,
  ...EndpointSettingsSchema.partial().shape,
  /** undefined: an update keeps the stored replicas. */
  replicas: REPLICAS.optional(),
})
export type EndpointSave = z.input<typeof EndpointSaveSchema>
export type EndpointInput = z.input<typeof EndpointInputSchema>

/** What the renderer sees: never the key itself. */
export interface EndpointView extends EndpointSettings {
  id: string
  kind: EndpointKind
  /** The model file and how it runs (kind 'local'); null for an API endpoint. */
  local: LocalModelSettings | null
  name: string
  baseURL: string
  model: string
  hasKey: boolean
  /** More base URLs besides `baseURL`; empty for a single server or a router. */
  replicas: EndpointReplica[]
  updatedAt: string
}

export type ConnectionCheckKind =
  'ok' | 'bad_url' | 'unauthorized' | 'model_not_found' | 'timeout' | 'network' | 'http_error' | 'bad_response'

export interface ConnectionCheck {
  ok: boolean
  kind: ConnectionCheckKind
  message: string
  latencyMs: number
  status?: number
}
