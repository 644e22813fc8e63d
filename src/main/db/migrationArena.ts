/** Schema version 4: the counselor arena (Algorithm 2) and its human votes. */
export const arenaMigration = {
  version: 4,
  name: 'counselor arena: arenas, dialogues, messages, turns, votes, annotator links',
  sql: `
    CREATE TABLE arenas (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      status TEXT NOT NULL,
      config TEXT NOT NULL,
      -- Template versions and contestant prompts pinned at start.
      pinned TEXT NOT NULL,
      error TEXT,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      owner TEXT,
      heartbeat_at TEXT
    );
    CREATE TABLE arena_dialogues (
      id TEXT PRIMARY KEY,
      arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      role_card_id TEXT,
      role_card TEXT NOT NULL,
      language TEXT NOT NULL,
      -- The k contestants (names) of this dialogue's combination.
      contestants TEXT NOT NULL,
      status TEXT NOT NULL,
      annotator TEXT,
      end_reason TEXT,
      error TEXT,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX arena_dialogues_arena ON arena_dialogues(arena_id, status, position);
    CREATE TABLE arena_messages (
      dialogue_id TEXT NOT NULL REFERENCES arena_dialogues(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      speaker TEXT NOT NULL CHECK (speaker IN ('client', 'counselor')),
      content TEXT NOT NULL,
      contestant TEXT,
      meta TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      PRIMARY KEY (dialogue_id, idx)
    );
    CREATE TABLE arena_turns (
      dialogue_id TEXT NOT NULL REFERENCES arena_dialogues(id) ON DELETE CASCADE,
      turn INTEGER NOT NULL,
      candidates TEXT NOT NULL,
      shown_order TEXT NOT NULL,
      choice TEXT,
      decided_by TEXT,
      referee_status TEXT NOT NULL CHECK (referee_status IN ('pending', 'ok', 'failed')),
      referee_raw TEXT,
      referee_error TEXT,
      referee_attempts INTEGER NOT NULL DEFAULT 0,
      swap TEXT,
      created_at TEXT NOT NULL,
      decided_at TEXT,
      PRIMARY KEY (dialogue_id, turn)
    );
    CREATE TABLE arena_votes (
      dialogue_id TEXT NOT NULL REFERENCES arena_dialogues(id) ON DELETE CASCADE,
      turn INTEGER NOT NULL,
      annotator TEXT NOT NULL,
      choice TEXT NOT NULL,
      position INTEGER,
      created_at TEXT NOT NULL,
      PRIMARY KEY (dialogue_id, turn, annotator)
    );
    CREATE TABLE annotator_links (
      token_hash TEXT PRIMARY KEY,
      arena_id TEXT NOT NULL REFERENCES arenas(id) ON DELETE CASCADE,
      annotator TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
  `,
}
