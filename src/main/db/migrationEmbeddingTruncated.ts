/**
 * Schema version 19: each cached embedding says whether its text was cut at the model's token limit (null: not known,
 * e.g. vectors from an embeddings endpoint or stored before), so an analysis counts truncated texts across resumes.
 */
export const embeddingTruncatedMigration = {
  version: 19,
  name: 'embedding cache truncation flag',
  sql: `
    ALTER TABLE embedding_cache ADD COLUMN truncated INTEGER;
  `,
}
