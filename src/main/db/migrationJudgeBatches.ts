/**
 * Schema version 20: judge jobs sent as provider batches. A batch row is written before its file is uploaded (status
 * 'submitting') and gets the provider's id once the batch exists, so a restarted job polls it again instead of sending
 * it twice; its lines (the request keys it asks, one per custom_id) say which units wait for it. `imported_at` is set
 * once its answers are stored.
 */
export const judgeBatchesMigration = {
  version: 20,
  name: 'judge batches',
  sql: `
    CREATE TABLE judge_batches (
      id TEXT PRIMARY KEY,
      evaluation_id TEXT NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
      remote_id TEXT,
      input_file_id TEXT,
      status TEXT NOT NULL,
      total INTEGER NOT NULL,
      completed INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      imported_at TEXT
    );
    CREATE INDEX judge_batches_evaluation ON judge_batches(evaluation_id, created_at);
    CREATE TABLE judge_batch_lines (
      evaluation_id TEXT NOT NULL,
      custom_id TEXT NOT NULL,
      batch_id TEXT NOT NULL REFERENCES judge_batches(id) ON DELETE CASCADE,
      PRIMARY KEY (evaluation_id, custom_id)
    ) WITHOUT ROWID;
    CREATE INDEX judge_batch_lines_batch ON judge_batch_lines(batch_id);
  `,
}
