/**
 * Schema version 12: a run records how its role cards were chosen (the query, a seeded sample, how many cards
 * matched and were used), so its page and the CLI can say "20 of 450 cards, seed 7". Null for earlier runs. Arenas
 * keep the same record in their pinned JSON.
 */
export const cardSelectionMigration = {
  version: 12,
  name: "a run's card selection",
  sql: `
    ALTER TABLE runs ADD COLUMN cards TEXT;
  `,
}
