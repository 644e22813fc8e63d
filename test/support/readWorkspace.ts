import Database from 'better-sqlite3'
import { join } from 'node:path'

/**
 * Reads a workspace another process (a CLI being killed and resumed) is writing: opened read-only for one read, or
 * `fallback` while its file does not exist yet.
 */
export function readWorkspace<T>(dataDir: string, read: (db: Database.Database) => T, fallback: T): T {
  try {
    const db = new Database(join(dataDir, 'workspace.sqlite'), { readonly: true, fileMustExist: true })
    try {
      return read(db)
    } finally {
      db.close()
    }
  } catch {
    return fallback // not created yet
  }
}

/** How many units of evaluations a workspace has stored (0 before it exists). */
export const storedUnits = (dataDir: string) =>
  readWorkspace(dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM evaluation_items').get() as { n: number }).n, 0)
