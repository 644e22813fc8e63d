import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { WorkbenchError } from '@shared/errors'
import { makePrivateDir } from '../paths'
import { FILE_ID, removeStaleFiles } from './fileFolder'

/** Downloads not fetched this long (a tab closed before its download started) are removed when a workspace opens. */
const STALE_MS = 3600 * 1000
const ID = FILE_ID

export interface DownloadMeta {
  fileName: string
  mimeType: string
}

/**
 * Files serve mode hands a browser as they are (an export written by the workspace worker, `GET /download/<id>`), so
 * a 200 MB export never becomes one string on the main thread. Kept in the data folder under a random id until fetched.
 */
export function downloads(dataDir: string) {
  const dir = join(dataDir, 'downloads')
  const valid = (id: string) => ID.test(id) && existsSync(join(dir, id)) && existsSync(join(dir, `${id}.json`))
  return {
    /** A new download's id and the path its content is to be written to. */
    reserve(): { id: string; file: string } {
      makePrivateDir(dir)
      const id = randomUUID()
      return { id, file: join(dir, id) }
    },
    /** Its file name and type, once the content is written (a download is offered only then). */
    describe(id: string, meta: DownloadMeta) {
      writeFileSync(join(dir, `${id}.json`), JSON.stringify(meta), { mode: 0o600 })
    },
    /** The file, its name, type and size; a clear error for an id that is not one (any more). */
    open(id: string): DownloadMeta & { file: string; bytes: number } {
      if (!valid(id)) throw new WorkbenchError('not_found', `No download ${id} (it was fetched already, or expired).`)
      const meta = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as DownloadMeta
      const file = join(dir, id)
      return { ...meta, file, bytes: statSync(file).size }
    },
    remove(id: string) {
      if (!ID.test(id)) return
      rmSync(join(dir, id), { force: true })
      rmSync(join(dir, `${id}.json`), { force: true })
    },
    /** Removes downloads older than an hour. */
    removeStale: (now = Date.now()) => removeStaleFiles(dir, STALE_MS, now),
  }
}
export type Downloads = ReturnType<typeof downloads>
