import type { JudgeBatchView } from '@shared/evaluation'
import { nowIso, type Db } from './connection'

interface BatchRow {
  id: string
  remoteId: string | null
  inputFileId: string | null
  status: string
  total: number
  completed: number
  failed: number
  importedAt: string | null
}

const COLUMNS = `id, remote_id AS remoteId, input_file_id AS inputFileId, status, total, completed, failed,
  imported_at AS importedAt`

/** An evaluation's provider batches and the request keys (custom_id) each asks. */
export function judgeBatchRepo(db: Db) {
  const insertBatch = db.prepare<[string, string, string, number, string, string]>(
    `INSERT INTO judge_batches (id, evaluation_id, status, total, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const insertLine = db.prepare<[string, string, string]>(
    'INSERT OR REPLACE INTO judge_batch_lines (evaluation_id, custom_id, batch_id) VALUES (?, ?, ?)',
  )
  const ofEvaluation = db.prepare<[string], BatchRow>(
    `SELECT ${COLUMNS} FROM judge_batches WHERE evaluation_id = ? ORDER BY created_at, rowid`,
  )
  const lineOf = db.prepare<[string, string], { batchId: string }>(
    'SELECT batch_id AS batchId FROM judge_batch_lines WHERE evaluation_id = ? AND custom_id = ?',
  )
  const update = db.prepare<[string | null, string | null, string, number, number, string, string]>(
    `UPDATE judge_batches SET remote_id = COALESCE(?, remote_id), input_file_id = COALESCE(?, input_file_id),
       status = ?, completed = ?, failed = ?, updated_at = ? WHERE id = ?`,
  )
  return {
    /** A new batch and its lines, before anything is uploaded. */
    add(evaluationId: string, id: string, customIds: Iterable<string>, total: number) {
      const now = nowIso()
      insertBatch.run(id, evaluationId, 'submitting', total, now, now)
      for (const customId of customIds) insertLine.run(evaluationId, customId, id)
    },
    list: (evaluationId: string): BatchRow[] => ofEvaluation.all(evaluationId),
    /** The batch a request key was sent in, or null. */
    batchOf: (evaluationId: string, customId: string): string | null =>
      lineOf.get(evaluationId, customId)?.batchId ?? null,
    /** The provider's view of it (ids once known, status and counts). */
    update(
      id: string,
      state: { remoteId?: string; inputFileId?: string; status: string; completed: number; failed: number },
    ) {
      update.run(
        state.remoteId ?? null,
        state.inputFileId ?? null,
        state.status,
        state.completed,
        state.failed,
        nowIso(),
        id,
      )
    },
    imported(id: string) {
      db.prepare('UPDATE judge_batches SET imported_at = ? WHERE id = ?').run(nowIso(), id)
    },
    /** Once every unit is stored: the lines are no longer needed (2 million of them for WAI on a large corpus). */
    forgetLines(evaluationId: string) {
      db.prepare('DELETE FROM judge_batch_lines WHERE evaluation_id = ?').run(evaluationId)
    },
    /** A batch that never reached the provider (its lines are sent again). */
    drop(id: string) {
      db.prepare('DELETE FROM judge_batches WHERE id = ?').run(id)
    },
    views: (evaluationId: string): JudgeBatchView[] =>
      ofEvaluation.all(evaluationId).map((b) => ({
        id: b.id,
        remoteId: b.remoteId,
        status: b.status,
        total: b.total,
        completed: b.completed,
        failed: b.failed,
        imported: b.importedAt !== null,
      })),
  }
}
export type JudgeBatchRepo = ReturnType<typeof judgeBatchRepo>
