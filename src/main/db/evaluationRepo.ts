import type { AnalysisDialogues, EvaluationKind, EvaluationResult, EvaluationSummary } from '@shared/evaluation'
import { nowIso, type Db } from './connection'
import { ownership } from './ownership'

interface EvaluationRow {
  id: string
  kind: EvaluationKind
  name: string
  dataset_ids: string
  dialogues: AnalysisDialogues
  left_out: string
  config: string
  status: EvaluationSummary['status']
  result: string | null
  error: string | null
  created_at: string
  finished_at: string | null
  owner: string | null
  heartbeat_at: string | null
  has_result?: number
}

export interface WorkItem {
  key: string
  datasetId: string
  dialogueId: string | null
  round: number
  item: string
}

export interface WorkResult extends WorkItem {
  value: number | null
  label: string | null
  raw: string | null
  status: 'ok' | 'failed'
  error: string | null
  attempts: number
}

export type EvaluationRecord = Omit<EvaluationSummary, 'progress' | 'spent'> & { owner: string | null }

const toRecord = (r: EvaluationRow): EvaluationRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  datasetIds: JSON.parse(r.dataset_ids),
  dialogues: r.dialogues,
  leftOut: JSON.parse(r.left_out),
  config: JSON.parse(r.config),
  status: r.status,
  result: r.result ? (JSON.parse(r.result) as EvaluationResult) : null,
  hasResult: r.has_result !== undefined ? r.has_result === 1 : r.result !== null,
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  owner: r.owner,
})

/** Evaluations and their units of work; a finished unit is never done twice. */
export function evaluationRepo(db: Db) {
  const select = db.prepare<[string], EvaluationRow>('SELECT * FROM evaluations WHERE id = ?')
  const owned = ownership(db, 'evaluations')
  const insertItem = db.prepare(
    `INSERT OR REPLACE INTO evaluation_items (evaluation_id, item_key, dataset_id, dialogue_id, round, item, value, label, raw, status, error, attempts, created_at)
     VALUES (@evaluationId, @key, @datasetId, @dialogueId, @round, @item, @value, @label, @raw, @status, @error, @attempts, @now)`,
  )
  const ITEM =
    'item_key AS key, dataset_id AS datasetId, dialogue_id AS dialogueId, round, item, value, label, raw, status, error, attempts'
  const allItems = db.prepare<[string], WorkResult>(
    `SELECT ${ITEM} FROM evaluation_items WHERE evaluation_id = ? ORDER BY rowid`,
  )
  const dialogueItems = db.prepare<[string, string], WorkResult>(
    `SELECT ${ITEM} FROM evaluation_items WHERE evaluation_id = ? AND dialogue_id = ? ORDER BY rowid`,
  )
  const failedItems = db.prepare<[string, number], WorkResult>(
    `SELECT ${ITEM} FROM evaluation_items WHERE evaluation_id = ? AND status = 'failed' ORDER BY rowid LIMIT ?`,
  )
  // Progress is read with every event: both counts come from indexes, not from the rows (which hold raw answers).
  const countItems = db
    .prepare<[string], number>('SELECT count(*) FROM evaluation_items WHERE evaluation_id = ?')
    .pluck()
  const countFailed = db
    .prepare<[string], number>("SELECT count(*) FROM evaluation_items WHERE evaluation_id = ? AND status = 'failed'")
    .pluck()
  return {
    insert(e: {
      id: string
      kind: EvaluationKind
      name: string
      datasetIds: string[]
      config: unknown
      dialogues: AnalysisDialogues
    }) {
      db.prepare(
        'INSERT INTO evaluations (id, kind, name, dataset_ids, config, status, created_at, dialogues) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        e.id,
        e.kind,
        e.name,
        JSON.stringify(e.datasetIds),
        JSON.stringify(e.config ?? {}),
        'running',
        nowIso(),
        e.dialogues,
      )
    },
    /** What an analysis of complete dialogues left out, per dataset (counted when its job starts). */
    setLeftOut(id: string, leftOut: EvaluationSummary['leftOut']) {
      db.prepare('UPDATE evaluations SET left_out = ? WHERE id = ?').run(JSON.stringify(leftOut), id)
    },
    get: (id: string) => {
      const row = select.get(id)
      return row ? toRecord(row) : null
    },
    /** Every evaluation without its result (a 55k overlap's is a megabyte): `hasResult` says whether it has one. */
    list: () =>
      (
        db
          .prepare(
            `SELECT *, NULL AS result, result IS NOT NULL AS has_result FROM evaluations ORDER BY created_at DESC`,
          )
          .all() as EvaluationRow[]
      ).map(toRecord),
    delete: (id: string) => db.prepare('DELETE FROM evaluations WHERE id = ?').run(id).changes > 0,
    finish(id: string, status: EvaluationSummary['status'], result: EvaluationResult | null, error: string | null) {
      const done = status !== 'running'
      db.prepare(
        'UPDATE evaluations SET status = ?, result = ?, error = ?, finished_at = ?, owner = CASE WHEN ? THEN NULL ELSE owner END WHERE id = ?',
      ).run(
        status,
        result ? JSON.stringify(result) : null,
        error,
        done && status !== 'paused' ? nowIso() : null,
        done ? 1 : 0,
        id,
      )
    },
    /** Claiming also marks the evaluation running. */
    claim: db.transaction((id: string, owner: string, staleMs: number): boolean => {
      if (!owned.claim(id, owner, staleMs)) return false
      db.prepare("UPDATE evaluations SET status = 'running' WHERE id = ?").run(id)
      return true
    }).immediate,
    heartbeat: owned.heartbeat,
    release: owned.release,
    fenced: owned.fenced,
    doneKeys(id: string): Set<string> {
      return new Set(
        db.prepare('SELECT item_key FROM evaluation_items WHERE evaluation_id = ?').pluck().all(id) as string[],
      )
    },
    record(evaluationId: string, r: WorkResult) {
      insertItem.run({ ...r, evaluationId, now: nowIso() })
    },
    results: (id: string): WorkResult[] => allItems.all(id),
    /** One dialogue's units (the judge's answers), in the order stored. */
    resultsOfDialogue: (id: string, dialogueId: string): WorkResult[] => dialogueItems.all(id, dialogueId),
    /** Failed units, first failed first. */
    failures: (id: string, limit: number): WorkResult[] => failedItems.all(id, limit),
    progress: (id: string): { done: number; failures: number } => ({
      done: countItems.get(id)!,
      failures: countFailed.get(id)!,
    }),
  }
}
export type EvaluationRepo = ReturnType<typeof evaluationRepo>
