import Database from 'better-sqlite3'
import { dirname } from 'node:path'
import { WorkbenchError } from '@shared/errors'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations'
import { makePrivateDir, makePrivateFile } from '../paths'

export type Db = Database.Database

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron passes its own build). */
  nativeBinding?: string
}

/**
 * Opens (creating if needed) a workspace database: WAL, foreign keys, and
 * every pending migration in one transaction. A file written by a newer
 * version is refused before anything touches it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    makePrivateDir(dirname(file))
    makePrivateFile(file)
  }
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > LATEST_SCHEMA_VERSION) {
      throw new WorkbenchError(
        'schema_too_new',
        `The workspace ${file} was written by a newer SimPsy Workbench (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
          'Update the workbench to open it; the file was not changed.',
      )
    }
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = NORMAL')
    if (MIGRATIONS.some((m) => m.version > version)) {
      // Another process may be opening the same new workspace: the version is read again under the write lock.
      db.transaction(() => {
        const current = db.pragma('user_version', { simple: true }) as number
        for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
          db.exec(migration.sql)
          db.pragma(`user_version = ${migration.version}`)
        }
      }).immediate()
    }
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

export const nowIso = () => new Date().toISOString()

/** SQLITE_BUSY and its extended codes: another connection held the database past the busy timeout. */
export const isBusy = (error: unknown): boolean => /^SQLITE_BUSY/.test((error as { code?: unknown })?.code as string)
