/**
 * Schema version 11: per-dialogue results of analyses. Each finished analysis stores one row per dialogue and metric
 * (a number, or a label such as a round's topic), so the UI can list, sort and filter dialogues by any score and a
 * transcript can show its scores. Analyses finished before this version have no rows (run them again to get them).
 */
export const evaluationScoresMigration = {
  version: 11,
  name: 'per-dialogue scores of analyses',
  sql: `
    CREATE TABLE evaluation_scores (
      evaluation_id TEXT NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
      dataset_id TEXT NOT NULL,
      dialogue_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      value REAL,
      label TEXT,
      PRIMARY KEY (evaluation_id, metric, dialogue_id)
    ) WITHOUT ROWID;
    CREATE INDEX evaluation_scores_value ON evaluation_scores(evaluation_id, metric, value);
    CREATE INDEX evaluation_scores_dialogue ON evaluation_scores(dialogue_id);
  `,
}
