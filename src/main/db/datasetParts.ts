import type { Dataset } from '@shared/dialogue'
import { nowIso, type Db } from './connection'
import { searchIndex } from './searchIndex'

/**
 * How long one transaction of a dataset written in parts (an import's or a delete's) may hold the write lock: other
 * writers (a run storing messages in the main process) wait at most about this long; reads never wait. The batch of
 * dialogues is sized to it as the work goes (long dialogues take longer: their messages and search-index entries go
 * with them). Shorter slices cost more in all: at 55k dialogues, 50 ms slices made a delete take 172 s (18 s as one
 * transaction, which froze everything).
 */
export const WRITE_SLICE_MS = 100

/**
 * A dataset written in many short transactions, off the main thread (imports, deletes): while `pending` is set it is
 * hidden from every list and lookup (dialogueRepo reads only datasets without it), and the process named as its
 * owner is the one writing it. SQL only; the workspace worker's tasks decide when.
 */
export function datasetParts(db: Db) {
  const search = searchIndex(db)
  const deleteSome = db.prepare(
    'DELETE FROM dialogues WHERE rowid IN (SELECT rowid FROM dialogues WHERE dataset_id = ? LIMIT ?)',
  )
  return {
    /** A new dataset, hidden until `reveal`. */
    createImporting(d: Pick<Dataset, 'id' | 'name' | 'kind' | 'source' | 'description'>, owner: string) {
      db.prepare(
        `INSERT INTO datasets (id, name, kind, source, description, created_at, pending, pending_owner)
         VALUES (?, ?, ?, ?, ?, ?, 'importing', ?)`,
      ).run(d.id, d.name, d.kind, d.source, d.description, nowIso(), owner)
    },
    reveal(id: string) {
      db.prepare('UPDATE datasets SET pending = NULL, pending_owner = NULL WHERE id = ?').run(id)
    },
    /** Hides a dataset that is to be deleted; false when there is no such (visible) dataset. */
    markDeleting: (id: string, owner: string): boolean =>
      db
        .prepare("UPDATE datasets SET pending = 'deleting', pending_owner = ? WHERE id = ? AND pending IS NULL")
        .run(owner, id).changes > 0,
    /** Dialogues of the dataset left to delete. */
    dialoguesLeft: (id: string): number =>
      db.prepare('SELECT count(*) FROM dialogues WHERE dataset_id = ?').pluck().get(id) as number,
    /**
     * Deletes the dataset's dialogues a batch per transaction, then the dataset itself; `progress` after each batch.
     * Message ids are rowids: the search indexes' marks come down to the newest message left (see searchIndex).
     */
    deleteInParts(id: string, progress: (deleted: number) => void = () => {}): boolean {
      let deleted = 0
      let batch = 50
      for (;;) {
        const started = performance.now()
        const n = db.transaction(() => deleteSome.run(id, batch).changes).immediate()
        if (n === 0) break
        deleted += n
        progress(deleted)
        const ms = Math.max(1, performance.now() - started)
        batch = Math.round(Math.min(2000, Math.max(5, (batch * WRITE_SLICE_MS) / ms)))
      }
      return db
        .transaction(() => {
          const gone = db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0
          search.lowerMarks()
          return gone
        })
        .immediate()
    },
    /** Datasets left half-written by a process that stopped (pending, whatever its owner). */
    pending: (): { id: string; pending: 'importing' | 'deleting'; owner: string | null }[] =>
      db.prepare('SELECT id, pending, pending_owner AS owner FROM datasets WHERE pending IS NOT NULL').all() as {
        id: string
        pending: 'importing' | 'deleting'
        owner: string | null
      }[],
  }
}
export type DatasetParts = ReturnType<typeof datasetParts>
