/**
 * Schema version 10: counselor methods. A message keeps how it was made (a multi-agent counselor's calls, a client's
 * end token) as JSON; an arena dialogue keeps per-contestant state (a CBT plan made once per session); a logged call
 * keeps the key of the gateway call it was an attempt of, which a trace step names. Older rows have none of them and
 * read as plain replies.
 */
export const counselorMethodsMigration = {
  version: 10,
  name: 'counselor methods: message traces, arena dialogue state',
  sql: `
    ALTER TABLE messages ADD COLUMN trace TEXT;
    ALTER TABLE arena_dialogues ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE llm_calls ADD COLUMN call_key TEXT;
  `,
}
