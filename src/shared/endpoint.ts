import { z } from 'zod'

export const EndpointInputSchema = z.object({
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
  temperature: z.number().min(0).max(2).default(0.7),
  topP: z.number().min(0).max(1).default(1),
  maxTokens: z.number().int().min(1).max(200000).default(1024),
  timeoutMs: z.number().int().min(1000).max(600000).default(60000),
  /**
   * Ask for streamed answers, so a stalled server is noticed between chunks (the stored
   * reply is the same). Off for a server that rejects `stream` or `stream_options`.
   */
  stream: z.boolean().default(true),
  /** Streamed only: the longest wait for the first chunk, and between two chunks. */
  firstByteTimeoutMs: z.number().int().min(1000).max(600000).default(30000),
  idleTimeoutMs: z.number().int().min(1000).max(600000).default(15000),
  /** Requests in flight at once against this endpoint. */
  maxConcurrency: z.number().int().min(1).max(1024).default(8),
  /** Optional prices per million tokens, to show cost. */
  priceInput: z.number().min(0).nullable().default(null),
  priceOutput: z.number().min(0).nullable().default(null),
})
export type EndpointInput = z.input<typeof EndpointInputSchema>

/** What the renderer sees: never the key itself. */
export interface EndpointView {
  id: string
  name: string
  baseURL: string
  model: string
  hasKey: boolean
  temperature: number
  topP: number
  maxTokens: number
  timeoutMs: number
  stream: boolean
  firstByteTimeoutMs: number
  idleTimeoutMs: number
  maxConcurrency: number
  priceInput: number | null
  priceOutput: number | null
  updatedAt: string
}

export type ConnectionCheckKind =
  | 'ok'
  | 'bad_url'
  | 'unauthorized'
  | 'model_not_found'
  | 'timeout'
  | 'network'
  | 'http_error'
  | 'bad_response'

export interface ConnectionCheck {
  ok: boolean
  kind: ConnectionCheckKind
  message: string
  latencyMs: number
  status?: number
}
