/**
 * Schema version 11: per-dialogue results of analyses. Each finished analysis stores one row per dialogue and metric
 * (a number, or a label such as a round's topic), so the UI can list, sort and filter dialogues by any score and a
 * transcript can show its scores (and the judge's answers behind them, found by dialogue). Analyses finished before
 * this version have no rows (run them again to get them).
 * Endpoints also say which currency their prices are in (USD until set), shown with every cost. An analysis says which
 * dialogues it reads: 'complete' (ended by a rule, not flagged; the default from now on) or 'all' (every earlier one).
 * A run records the model and sampling settings its agents actually used (null for earlier runs).
 */
export const evaluationScoresMigration = {
  version: 11,
  name: 'per-dialogue scores of analyses, the currency of endpoint prices',
  sql: `
    CREATE TABLE evaluation_scores (
      evaluation_id TEXT NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
      dataset_id TEXT NOT NULL,
      dialogue_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      value REAL,
      label TEXT,
      -- The metric's place in the analysis's own order (goal, task, bond, item 1, ...), for listing them.
      ord INTEGER NOT NULL,
      PRIMARY KEY (evaluation_id, metric, dialogue_id)
    ) WITHOUT ROWID;
    CREATE INDEX evaluation_scores_value ON evaluation_scores(evaluation_id, metric, value);
    CREATE INDEX evaluation_scores_dialogue ON evaluation_scores(dialogue_id);
    ALTER TABLE endpoints ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD';
    ALTER TABLE evaluations ADD COLUMN dialogues TEXT NOT NULL DEFAULT 'all';
    ALTER TABLE evaluations ADD COLUMN left_out TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE runs ADD COLUMN effective TEXT;
    CREATE INDEX evaluation_items_dialogue ON evaluation_items(evaluation_id, dialogue_id);
  `,
}
