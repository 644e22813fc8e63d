import { existsSync, statSync } from 'node:fs'
import { WorkbenchError } from '@shared/errors'
import type { Db } from './connection'

/** Bytes of the workspace file and its write-ahead log. */
export function workspaceBytes(db: Db): { file: number; wal: number } {
  const size = (f: string) => (f && existsSync(f) ? statSync(f).size : 0)
  return { file: size(db.name), wal: db.name === ':memory:' ? 0 : size(`${db.name}-wal`) }
}

/**
 * Copies the write-ahead log into the file and empties it (after a large import or delete, the log can be hundreds of
 * megabytes). Waits for other processes' readers at most the busy timeout; a checkpoint they hold up is finished by
 * a later one. Returns whether it completed.
 */
export function checkpoint(db: Db): boolean {
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
  return row?.busy === 0
}

/**
 * Rebuilds the workspace file without the space deleted rows left (search indexes merged, then VACUUM), then empties
 * the log. Needs free disk
 * space of about the file's size (VACUUM writes a new copy through the log) and the write lock for its duration:
 * refused while a run, analysis or arena is going (in any process).
 */
export function compactWorkspace(db: Db): { before: number; after: number; seconds: number } {
  const busy = db
    .prepare(
      `SELECT (SELECT count(*) FROM runs WHERE status = 'running') + (SELECT count(*) FROM evaluations WHERE status = 'running')
         + (SELECT count(*) FROM arenas WHERE status = 'running')`,
    )
    .pluck()
    .get() as number
  if (busy > 0)
    throw new WorkbenchError(
      'conflict',
      `${busy} run${busy === 1 ? ' is' : 's are'} still going (simulations, analyses or arenas); pause them first, then compact.`,
    )
  const total = () => {
    const { file, wal } = workspaceBytes(db)
    return file + wal
  }
  const before = total()
  const started = performance.now()
  checkpoint(db)
  // Deleting from a full-text index only marks entries deleted; merging its segments into one drops them (else
  // VACUUM keeps them: after deleting 55k dialogues the file stayed at 372 MB).
  db.transaction(() => {
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')")
    db.exec("INSERT INTO dialogues_cjk (dialogues_cjk) VALUES ('optimize')")
  }).immediate()
  checkpoint(db)
  db.exec('VACUUM')
  checkpoint(db)
  return { before, after: total(), seconds: (performance.now() - started) / 1000 }
}
