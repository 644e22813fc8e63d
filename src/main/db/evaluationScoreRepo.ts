import type { DialogueScore } from '@shared/evaluation'
import type { Db } from './connection'

export interface ScoreRow extends DialogueScore {
  evaluationId: string
}

/** Per-dialogue results of analyses (evaluation_scores): written once when an analysis finishes, read by the UI. */
export function evaluationScoreRepo(db: Db) {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO evaluation_scores (evaluation_id, dataset_id, dialogue_id, metric, value, label)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const metrics = db.prepare<[string], string>(
    'SELECT DISTINCT metric FROM evaluation_scores WHERE evaluation_id = ? ORDER BY metric',
  )
  return {
    /** Replaces an analysis's scores in one transaction (a resumed or re-finished job writes them again). */
    replace: db.transaction((evaluationId: string, scores: readonly DialogueScore[]) => {
      db.prepare('DELETE FROM evaluation_scores WHERE evaluation_id = ?').run(evaluationId)
      for (const s of scores) {
        // NaN (an overlap with an empty card) and infinities are stored as no value.
        const value = s.value === null || Number.isFinite(s.value) ? s.value : null
        insert.run(evaluationId, s.datasetId, s.dialogueId, s.metric, value, s.label ?? null)
      }
    }),
    /** The metrics an analysis stored, in name order. */
    metrics: (evaluationId: string): string[] => metrics.pluck().all(evaluationId),
    /** Every score of an analysis (one metric, or all), one row per dialogue and metric. */
    ofEvaluation(evaluationId: string, metric?: string): ScoreRow[] {
      return db
        .prepare<unknown[], ScoreRow>(
          `SELECT evaluation_id AS evaluationId, dataset_id AS datasetId, dialogue_id AS dialogueId, metric, value, label
           FROM evaluation_scores WHERE evaluation_id = ? ${metric === undefined ? '' : 'AND metric = ?'}
           ORDER BY dataset_id, dialogue_id, metric`,
        )
        .all(...(metric === undefined ? [evaluationId] : [evaluationId, metric]))
    },
    /** Every score of one dialogue, across analyses. */
    ofDialogue(dialogueId: string): ScoreRow[] {
      return db
        .prepare<[string], ScoreRow>(
          `SELECT evaluation_id AS evaluationId, dataset_id AS datasetId, dialogue_id AS dialogueId, metric, value, label
           FROM evaluation_scores WHERE dialogue_id = ? ORDER BY evaluation_id, metric`,
        )
        .all(dialogueId)
    },
  }
}
export type EvaluationScoreRepo = ReturnType<typeof evaluationScoreRepo>
