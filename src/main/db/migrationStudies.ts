/**
 * Schema version 16: expert rating studies. A study (its settings as JSON) holds units — one dialogue (rubric) or a
 * pair (pairwise) under a blinded code, with a snapshot of the transcripts so deleting a dataset never empties a
 * study — raters (people with an optional access link, and LLM judges), who rates which unit, and every answer and
 * comment as its own row, saved the moment it is given. LLM judge runs are jobs (owner and heartbeat like the others).
 */
export const studiesMigration = {
  version: 16,
  name: 'rating studies',
  sql: `
    CREATE TABLE studies (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      design TEXT NOT NULL CHECK (design IN ('rubric', 'pairwise')),
      config TEXT NOT NULL,
      sources TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE study_units (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      code TEXT NOT NULL,
      -- Pairwise: the second source's dialogue is shown as A.
      swapped INTEGER NOT NULL DEFAULT 0,
      -- [{ datasetId, dialogueId, sourceIndex, title, sourceId }] in source order.
      dialogues TEXT NOT NULL,
      -- [{ messages: [{ speaker, content }] }] in source order, as they were when the study was made.
      transcripts TEXT NOT NULL,
      language TEXT NOT NULL
    );
    CREATE INDEX study_units_study ON study_units(study_id, position);
    CREATE TABLE study_raters (
      study_id TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      name TEXT NOT NULL COLLATE NOCASE,
      kind TEXT NOT NULL CHECK (kind IN ('human', 'llm')),
      -- sha256 of the rater's access link token (serve mode), when one was made.
      token_hash TEXT UNIQUE,
      created_at TEXT NOT NULL,
      PRIMARY KEY (study_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE study_assignments (
      study_id TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      rater TEXT NOT NULL COLLATE NOCASE,
      unit_id TEXT NOT NULL REFERENCES study_units(id) ON DELETE CASCADE,
      -- The rater's own order of their units.
      position INTEGER NOT NULL,
      PRIMARY KEY (study_id, rater, unit_id)
    ) WITHOUT ROWID;
    CREATE INDEX study_assignments_unit ON study_assignments(unit_id);
    CREATE TABLE study_answers (
      study_id TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      unit_id TEXT NOT NULL REFERENCES study_units(id) ON DELETE CASCADE,
      rater TEXT NOT NULL COLLATE NOCASE,
      key TEXT NOT NULL,
      -- Rubric: the scale point. Pairwise, in source order: -1 the first source's dialogue is better, 1 the second's, 0 tie.
      value REAL NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (study_id, unit_id, rater, key)
    ) WITHOUT ROWID;
    CREATE TABLE study_comments (
      study_id TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      unit_id TEXT NOT NULL REFERENCES study_units(id) ON DELETE CASCADE,
      rater TEXT NOT NULL COLLATE NOCASE,
      text TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (study_id, unit_id, rater)
    ) WITHOUT ROWID;
    CREATE TABLE study_judges (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      -- The rater name its answers are stored under.
      rater TEXT NOT NULL,
      endpoint_id TEXT NOT NULL,
      endpoint TEXT NOT NULL,
      temperature REAL NOT NULL,
      -- The judge's instructions per language, pinned at start.
      pinned TEXT NOT NULL,
      status TEXT NOT NULL,
      failed INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      owner TEXT,
      heartbeat_at TEXT
    );
    CREATE INDEX study_judges_study ON study_judges(study_id, created_at);
  `,
}
