import { randomUUID } from 'node:crypto'
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { WorkbenchError } from '@shared/errors'
import { makePrivateDir } from '../paths'
import { MAX_DATASET_BYTES } from './parseDataset'
import { FILE_ID, removeStaleFiles } from './fileFolder'

/** Uploads left unused this long (a dialog closed after its check) are removed when a workspace opens. */
const STALE_MS = 24 * 3600 * 1000
const ID = FILE_ID

/**
 * Files a browser sent to serve mode as they are (streamed to disk, no base64, no JSON), kept in the data folder
 * under a random id until the import that names them (`importDataset({ uploadId })`) has read them.
 */
export function uploads(dataDir: string) {
  const dir = join(dataDir, 'uploads')
  return {
    maxBytes: MAX_DATASET_BYTES,
    /**
     * Streams `body` to a new upload; refuses (and removes what came) past the limit. Returns its id and size.
     */
    async receive(body: Readable, limit = MAX_DATASET_BYTES): Promise<{ uploadId: string; bytes: number }> {
      makePrivateDir(dir)
      const uploadId = randomUUID()
      const part = join(dir, `${uploadId}.part`)
      let bytes = 0
      const out = createWriteStream(part, { mode: 0o600 })
      try {
        await pipeline(
          body,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              bytes += chunk.length
              if (bytes > limit) throw tooLarge(bytes, limit)
              yield chunk
            }
          },
          out,
        )
      } catch (error) {
        // A refusal can come before the file is even open: it is removed once the stream has closed, not before
        // (else the opening recreates it after the removal, and a refused upload leaves its part behind).
        if (!out.closed) await new Promise<void>((closed) => out.once('close', () => closed()))
        rmSync(part, { force: true })
        throw error
      }
      renameSync(part, join(dir, uploadId))
      return { uploadId, bytes }
    },
    /** Where an upload is; a clear error for an id that is not one (any more). */
    path(uploadId: string): string {
      const file = join(dir, uploadId)
      if (!ID.test(uploadId) || !existsSync(file))
        throw new WorkbenchError('not_found', { key: 'datasets.uploadMissing', params: { id: uploadId } })
      return file
    },
    remove(uploadId: string) {
      if (ID.test(uploadId)) rmSync(join(dir, uploadId), { force: true })
    },
    /** Removes uploads (and broken parts) older than a day. */
    removeStale: (now = Date.now()) => removeStaleFiles(dir, STALE_MS, now),
  }
}
export type Uploads = ReturnType<typeof uploads>

export function tooLarge(bytes: number, limit: number) {
  const mb = (n: number) => Math.round(n / (1024 * 1024))
  return new WorkbenchError('too_large', { key: 'files.uploadTooLarge', params: { size: mb(bytes), limit: mb(limit) } })
}
