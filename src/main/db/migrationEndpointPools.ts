/**
 * Schema version 15: endpoints that scale out. An endpoint may spread its calls over more base URLs (`replicas`: JSON
 * of {baseURL, maxConcurrency, keySealed}), limit requests and tokens per minute, and price cached prompt tokens. Each
 * logged attempt says which base URL it went to (`replica`; null before this version) and how many of its prompt
 * tokens the server read from its cache (`cached_tokens`; null when it did not say).
 */
export const endpointPoolsMigration = {
  version: 15,
  name: 'endpoint replicas, rate limits, cached-input price; the replica and cached tokens of each call',
  sql: `
    ALTER TABLE endpoints ADD COLUMN replicas TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE endpoints ADD COLUMN rpm INTEGER;
    ALTER TABLE endpoints ADD COLUMN tpm INTEGER;
    ALTER TABLE endpoints ADD COLUMN price_cached_input REAL;
    ALTER TABLE llm_calls ADD COLUMN replica TEXT;
    ALTER TABLE llm_calls ADD COLUMN cached_tokens INTEGER;
  `,
}
