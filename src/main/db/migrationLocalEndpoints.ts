/**
 * Schema version 21: endpoints that run a GGUF model in the app (kind 'local', its file and settings as JSON in
 * `local_model`); every endpoint before is an API endpoint.
 */
export const localEndpointsMigration = {
  version: 21,
  name: 'local model endpoints',
  sql: `
    ALTER TABLE endpoints ADD COLUMN kind TEXT NOT NULL DEFAULT 'api' CHECK (kind IN ('api', 'local'));
    ALTER TABLE endpoints ADD COLUMN local_model TEXT;
  `,
}
