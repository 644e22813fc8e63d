/**
 * Schema version 9: when an annotator's claim on an arena dialogue was last used (claimed or voted on), so a claim
 * left idle longer than the arena's claimTimeoutMinutes goes to the next annotator. Claims from before have no time
 * and count as idle.
 */
export const arenaClaimsMigration = {
  version: 9,
  name: 'arena dialogue claims expire',
  sql: `ALTER TABLE arena_dialogues ADD COLUMN annotator_seen_at TEXT;`,
}
