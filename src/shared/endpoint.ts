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
  /** Optional prices per million tokens, to show cost. */
  priceInput: z.number().min(0).nullable(),
  priceOutput: z.number().min(0).nullable(),
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
  priceInput: null,
  priceOutput: null,
  currency: 'USD',
} as const satisfies EndpointSettings

const IDENTITY = {
  id: z.string().optional(),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  baseURL: z
    .string()
    .trim()
    .url('must be a URL such as https://api.openai.com/v1')
    .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://'),
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
  priceInput: SETTINGS.priceInput.default(ENDPOINT_DEFAULTS.priceInput),
  priceOutput: SETTINGS.priceOutput.default(ENDPOINT_DEFAULTS.priceOutput),
  currency: SETTINGS.currency.default(ENDPOINT_DEFAULTS.currency),
})

/**
 * Saving: a new endpoint takes the defaults for the settings it is not given; an update
 * (with id) keeps the stored ones. null clears a price.
 */
export const EndpointSaveSchema = z.object({ ...IDENTITY, ...EndpointSettingsSchema.partial().shape })
export type EndpointSave = z.input<typeof EndpointSaveSchema>
export type EndpointInput = z.input<typeof EndpointInputSchema>

/** What the renderer sees: never the key itself. */
export interface EndpointView extends EndpointSettings {
  id: string
  name: string
  baseURL: string
  model: string
  hasKey: boolean
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
