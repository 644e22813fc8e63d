/**
 * Schema version 10: counselor methods. A message keeps how it was made (a multi-agent counselor's calls, a client's
 * end token) as JSON; an arena dialogue keeps per-contestant state (a CBT plan made once per session). Older rows
 * have neither and read as plain replies.
 */
export const counselorMethodsMigration = {
  version: 10,
  name: 'counselor methods: message traces, arena dialogue state',
  sql: `
    ALTER TABLE messages ADD COLUMN trace TEXT;
    ALTER TABLE arena_dialogues ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';
  `,
}
