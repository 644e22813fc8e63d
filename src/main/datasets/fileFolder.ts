import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The random ids files go by in serve mode's uploads/ and downloads/ folders: anything else names no file. */
export const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Removes the folder's files last changed more than `staleMs` ago. */
export function removeStaleFiles(dir: string, staleMs: number, now = Date.now()) {
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    if (now - statSync(file).mtimeMs > staleMs) rmSync(file, { force: true })
  }
}
