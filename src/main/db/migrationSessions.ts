/**
 * Schema version 22: follow-up sessions. A case is a role card met over several sessions: each session is its own
 * dialogue naming its case and its 1-based index in it (both null for a single dialogue, as before), and keeps the
 * summary made after it (what was discussed, the plan or homework, the client's state), which the next session's
 * prompts carry.
 */
export const sessionsMigration = {
  version: 22,
  name: 'follow-up sessions',
  sql: `
    ALTER TABLE dialogues ADD COLUMN case_id TEXT;
    ALTER TABLE dialogues ADD COLUMN session_index INTEGER;
    ALTER TABLE dialogues ADD COLUMN session_summary TEXT;
    CREATE INDEX dialogues_case ON dialogues(dataset_id, case_id, session_index) WHERE case_id IS NOT NULL;
  `,
}
