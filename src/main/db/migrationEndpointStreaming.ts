/**
 * Schema version 7: endpoints stream their answers, with a limit on the wait for the first chunk and between chunks.
 */
export const endpointStreamingMigration = {
  version: 7,
  name: 'endpoint streaming and idle timeouts',
  sql: `
    ALTER TABLE endpoints ADD COLUMN stream INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE endpoints ADD COLUMN first_byte_timeout_ms INTEGER NOT NULL DEFAULT 30000;
    ALTER TABLE endpoints ADD COLUMN idle_timeout_ms INTEGER NOT NULL DEFAULT 15000;
  `,
}
