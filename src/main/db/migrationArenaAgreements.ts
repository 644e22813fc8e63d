/**
 * Schema version 13: judge–human agreement checks are jobs. One row per check (the arena, the LLM referee and its
 * prompts pinned at start, status, owner and heartbeat like runs, evaluations and arenas, the stored result), and one
 * row per human-voted turn the referee has judged, so a resumed or restarted check never asks about a turn again.
 */
export const arenaAgreementsMigration = {
  version: 13,
  name: 'judge-human agreement checks as jobs',
  sql: `
    CREATE TABLE arena_agreements (
      id TEXT PRIMARY KEY,
      arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
      -- The LLM referee's settings (JSON) and its prompt per language, pinned at start.
      referee TEXT NOT NULL,
      pinned TEXT NOT NULL,
      -- "name: model" of the referee endpoint at start.
      referee_endpoint TEXT NOT NULL,
      status TEXT NOT NULL,
      result TEXT,
      error TEXT,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      owner TEXT,
      heartbeat_at TEXT
    );
    CREATE INDEX arena_agreements_arena ON arena_agreements(arena_id, created_at);
    CREATE TABLE arena_agreement_turns (
      agreement_id TEXT NOT NULL REFERENCES arena_agreements(id) ON DELETE CASCADE,
      dialogue_id TEXT NOT NULL,
      turn INTEGER NOT NULL,
      -- The contestant the referee chose; null when it gave no readable answer.
      choice TEXT,
      status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
      raw TEXT,
      error TEXT,
      attempts INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (agreement_id, dialogue_id, turn)
    ) WITHOUT ROWID;
  `,
}
