import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import OpenAI, { toFile } from 'openai'
import { registerSecret } from '../logger'
import type { EndpointSecret } from './endpointService'

/** A provider batch as the job reads it. */
export interface RemoteBatch {
  id: string
  status: string
  completed: number
  failed: number
  outputFileId: string | null
  errorFileId: string | null
  inputFileId: string
  metadata: Record<string, string> | null
}

/** The statuses after which a batch changes no more. */
export const FINAL_BATCH_STATUSES = ['completed', 'expired', 'cancelled', 'failed'] as const
export const isFinal = (status: string) => (FINAL_BATCH_STATUSES as readonly string[]).includes(status)

/** The OpenAI files and batches API of one endpoint (OpenAI itself, or any server that implements it). */
export interface BatchClient {
  /** Uploads a JSONL file (purpose 'batch'); returns its file id. */
  upload(jsonl: Buffer, filename: string, signal?: AbortSignal): Promise<string>
  create(inputFileId: string, metadata: Record<string, string>, signal?: AbortSignal): Promise<RemoteBatch>
  retrieve(id: string, signal?: AbortSignal): Promise<RemoteBatch>
  cancel(id: string): Promise<RemoteBatch>
  /** The batch made with this metadata value (a submission cut short before its id was stored), or null. */
  findByMetadata(key: string, value: string, signal?: AbortSignal): Promise<RemoteBatch | null>
  /** A file's lines, read as they arrive (output files reach 200 MB). */
  lines(fileId: string, signal?: AbortSignal): AsyncIterable<string>
}

const view = (b: OpenAI.Batches.Batch): RemoteBatch => ({
  id: b.id,
  status: b.status,
  completed: b.request_counts?.completed ?? 0,
  failed: b.request_counts?.failed ?? 0,
  outputFileId: b.output_file_id ?? null,
  errorFileId: b.error_file_id ?? null,
  inputFileId: b.input_file_id,
  metadata: (b.metadata as Record<string, string> | null) ?? null,
})

export function batchClient(endpoint: Pick<EndpointSecret, 'baseURL' | 'apiKey' | 'timeoutMs'>): BatchClient {
  registerSecret(endpoint.apiKey)
  const client = new OpenAI({
    baseURL: endpoint.baseURL,
    // Local servers accept any key; the SDK insists on one.
    apiKey: endpoint.apiKey || 'no-key',
    maxRetries: 3,
    // The platform's fetch: uploads are multipart bodies (keepAliveFetch sends strings and bytes only).
    organization: null,
    project: null,
  })
  return {
    async upload(jsonl, filename, signal) {
      const file = await client.files.create(
        { file: await toFile(jsonl, filename, { type: 'application/jsonl' }), purpose: 'batch' },
        { signal, timeout: Math.max(endpoint.timeoutMs, 600_000) },
      )
      return file.id
    },
    create: async (inputFileId, metadata, signal) =>
      view(
        await client.batches.create(
          { input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h', metadata },
          { signal },
        ),
      ),
    retrieve: async (id, signal) => view(await client.batches.retrieve(id, { signal })),
    cancel: async (id) => view(await client.batches.cancel(id)),
    async findByMetadata(key, value, signal) {
      // The newest batches come first; one cut short is among the last few made.
      const page = await client.batches.list({ limit: 100 }, { signal })
      const found = page.data.find((b) => (b.metadata as Record<string, string> | null)?.[key] === value)
      return found ? view(found) : null
    },
    async *lines(fileId, signal) {
      const response = await client.files.content(fileId, { signal })
      if (!response.body) return
      const input = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
      for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line.trim()) yield line
    },
  }
}
