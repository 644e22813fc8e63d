import type { DialogueScore } from '@shared/evaluation'
import type { Db } from './connection'

export interface ScoreRow extends DialogueScore {
  evaluationId: string
}

export interface ScorePageQuery {
  evaluationId: string
  metric: string
  datasetId?: string
  label?: string
  min?: number
  max?: number
  sessionIndex?: number
  order: 'asc' | 'desc'
  limit: number
  offset: number
}

const COLUMNS =
  'evaluation_id AS evaluationId, dataset_id AS datasetId, dialogue_id AS dialogueId, metric, value, label'

/** Rows written (or deleted) per transaction by `replaceInParts`. */
const PART = 5000

/** Metrics in the order an analysis first gave them. */
function metricOrder(scores: readonly DialogueScore[]) {
  const order = new Map<string, number>()
  for (const s of scores) if (!order.has(s.metric)) order.set(s.metric, order.size)
  return order
}

/** Per-dialogue results of analyses (evaluation_scores): written once when an analysis finishes, read by the UI. */
export function evaluationScoreRepo(db: Db) {
  // A part's rows in one statement (a JSON array of rows): 165k scores of a 55k-dialogue analysis were 165k calls.
  const insert = db.prepare(
    `INSERT OR REPLACE INTO evaluation_scores (evaluation_id, dataset_id, dialogue_id, metric, value, label, ord)
     SELECT ?, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5
     FROM json_each(?) r`,
  )
  const metrics = db
    .prepare<[string], string>(
      'SELECT metric FROM evaluation_scores WHERE evaluation_id = ? GROUP BY metric ORDER BY min(ord), metric',
    )
    .pluck()
  const ofDialogues = (evaluationId: string, ids: readonly string[]): ScoreRow[] =>
    ids.length === 0
      ? []
      : db
          .prepare<unknown[], ScoreRow>(
            `SELECT ${COLUMNS} FROM evaluation_scores
             WHERE evaluation_id = ? AND dialogue_id IN (${ids.map(() => '?').join(',')}) ORDER BY ord`,
          )
          .all(evaluationId, ...ids)
  const insertRows = (evaluationId: string, scores: readonly DialogueScore[], order: Map<string, number>) => {
    const rows = scores.map((s) => [
      s.datasetId,
      s.dialogueId,
      s.metric,
      // NaN (an overlap with an empty card) and infinities are stored as no value (JSON would make them null too).
      s.value === null || Number.isFinite(s.value) ? s.value : null,
      s.label ?? null,
      order.get(s.metric),
    ])
    insert.run(evaluationId, JSON.stringify(rows))
  }
  /**
   * In the primary key's order (metric, dialogue): the table's B-trees then grow at one end instead of at random
   * places (55k dialogues × 3 metrics: 6.8 s unsorted, 2.1 s sorted).
   */
  const inKeyOrder = (scores: readonly DialogueScore[]) =>
    [...scores].sort((a, b) =>
      a.metric < b.metric
        ? -1
        : a.metric > b.metric
          ? 1
          : a.dialogueId < b.dialogueId
            ? -1
            : a.dialogueId > b.dialogueId
              ? 1
              : 0,
    )
  return {
    /** Replaces an analysis's scores in one transaction (a resumed or re-finished job writes them again). */
    replace: db.transaction((evaluationId: string, scores: readonly DialogueScore[]) => {
      db.prepare('DELETE FROM evaluation_scores WHERE evaluation_id = ?').run(evaluationId)
      insertRows(evaluationId, inKeyOrder(scores), metricOrder(scores))
    }),
    /**
     * The same as `replace` in short transactions (a few thousand rows each), for the workspace worker: other writers
     * wait for one batch, not for the whole analysis. Read only once the analysis is finished, so a reader never sees
     * a half-written set as a result.
     */
    replaceInParts(evaluationId: string, scores: readonly DialogueScore[]) {
      const removeSome = db.prepare(
        `DELETE FROM evaluation_scores WHERE (evaluation_id, metric, dialogue_id) IN
           (SELECT evaluation_id, metric, dialogue_id FROM evaluation_scores WHERE evaluation_id = ? LIMIT ?)`,
      )
      while (db.transaction(() => removeSome.run(evaluationId, PART).changes).immediate() > 0);
      const order = metricOrder(scores)
      const sorted = inKeyOrder(scores)
      for (let from = 0; from < sorted.length; from += PART)
        db.transaction(() => insertRows(evaluationId, sorted.slice(from, from + PART), order)).immediate()
    },
    /** The metrics an analysis stored, in its own order. */
    metrics: (evaluationId: string): string[] => metrics.all(evaluationId),
    /** Every score of an analysis (one metric, or all), by dataset and dialogue. */
    ofEvaluation(evaluationId: string, metric?: string): ScoreRow[] {
      return db
        .prepare<unknown[], ScoreRow>(
          `SELECT ${COLUMNS} FROM evaluation_scores WHERE evaluation_id = ? ${metric === undefined ? '' : 'AND metric = ?'}
           ORDER BY dataset_id, dialogue_id, ord`,
        )
        .all(...(metric === undefined ? [evaluationId] : [evaluationId, metric]))
    },
    /**
     * Every score of an analysis with where its dialogue stands (position, the id it had in its source file), in one
     * read: what the per-dialogue CSV needs, however many dialogues it has.
     */
    forExport(evaluationId: string): (ScoreRow & { position: number | null; sourceId: string | null })[] {
      return db
        .prepare<[string], ScoreRow & { position: number | null; sourceId: string | null }>(
          `SELECT s.evaluation_id AS evaluationId, s.dataset_id AS datasetId, s.dialogue_id AS dialogueId, s.metric,
             s.value, s.label, d.position, nullif(trim(json_extract(d.meta, '$.externalId')), '') AS sourceId
           FROM evaluation_scores s LEFT JOIN dialogues d ON d.id = s.dialogue_id
           WHERE s.evaluation_id = ? ORDER BY s.dataset_id, d.position, s.dialogue_id, s.ord`,
        )
        .all(evaluationId)
    },
    /** Every score of the given dialogues in one analysis (a page of them: at most a few thousand ids). */
    ofDialogues: ofDialogues,
    /** Every score of one dialogue, across analyses. */
    ofDialogue(dialogueId: string): ScoreRow[] {
      return db
        .prepare<[string], ScoreRow>(
          `SELECT ${COLUMNS} FROM evaluation_scores WHERE dialogue_id = ? ORDER BY evaluation_id, ord`,
        )
        .all(dialogueId)
    },
    /**
     * One page of dialogues by one metric's value (numbers, or labels for a label-only metric), missing values last,
     * with the count of all that match.
     */
    page(q: ScorePageQuery): { total: number; dialogueIds: string[] } {
      const where = ['s.evaluation_id = ?', 's.metric = ?']
      const args: unknown[] = [q.evaluationId, q.metric]
      const add = (sql: string, value: unknown) => {
        where.push(sql)
        args.push(value)
      }
      if (q.datasetId !== undefined) add('s.dataset_id = ?', q.datasetId)
      if (q.label !== undefined) add('s.label = ?', q.label)
      if (q.min !== undefined) add('s.value >= ?', q.min)
      if (q.max !== undefined) add('s.value <= ?', q.max)
      if (q.sessionIndex !== undefined) add('d.session_index = ?', q.sessionIndex)
      const sql = where.join(' AND ')
      // The dialogue is read only to cut by session.
      const from = `evaluation_scores s${q.sessionIndex === undefined ? '' : ' JOIN dialogues d ON d.id = s.dialogue_id'}`
      const total = db
        .prepare(`SELECT count(*) FROM ${from} WHERE ${sql}`)
        .pluck()
        .get(...args) as number
      const dir = q.order === 'desc' ? 'DESC' : 'ASC'
      const dialogueIds = db
        .prepare(
          `SELECT s.dialogue_id FROM evaluation_scores s LEFT JOIN dialogues d ON d.id = s.dialogue_id WHERE ${sql}
           ORDER BY s.value IS NULL AND s.label IS NULL, s.value ${dir}, s.label ${dir}, s.dataset_id, d.position
           LIMIT ? OFFSET ?`,
        )
        .pluck()
        .all(...args, q.limit, q.offset) as string[]
      return { total, dialogueIds }
    },
  }
}
export type EvaluationScoreRepo = ReturnType<typeof evaluationScoreRepo>
