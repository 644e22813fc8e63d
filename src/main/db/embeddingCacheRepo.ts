import type { Db } from './connection'
import { nowIso } from './connection'

/**
 * Stored sentence embeddings, keyed by the embedder's model key (which names
 * everything that changes the vectors) and the SHA-256 of the text.
 * Vectors are stored as little-endian float32 BLOBs.
 */
/** A vector to store; `truncated`: its text was cut at the token limit (null or left out: not known). */
type Entry = { hash: string; vector: Float32Array; truncated?: boolean | null }

export function embeddingCacheRepo(db: Db) {
  const select = db.prepare<[string, string], { dim: number; vector: Buffer; truncated: number | null }>(
    'SELECT dim, vector, truncated FROM embedding_cache WHERE model = ? AND text_hash = ?',
  )
  const upsert = db.prepare(
    `INSERT INTO embedding_cache (model, text_hash, dim, vector, truncated, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(model, text_hash) DO UPDATE SET dim = excluded.dim, vector = excluded.vector,
       truncated = excluded.truncated, created_at = excluded.created_at`,
  )
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM embedding_cache')
  const countModel = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM embedding_cache WHERE model = ?')
  const deleteModel = db.prepare('DELETE FROM embedding_cache WHERE model = ?')

  const putMany = db.transaction((model: string, entries: Entry[]) => {
    const at = nowIso()
    for (const { hash, vector, truncated } of entries) {
      const blob = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)
      upsert.run(model, hash, vector.length, blob, truncated == null ? null : truncated ? 1 : 0, at)
    }
  }).immediate

  return {
    /** The vector and whether its text was cut at the token limit (null: not known). */
    get(model: string, hash: string): { vector: Float32Array; truncated: boolean | null } | null {
      const row = select.get(model, hash)
      if (!row) return null
      // A row whose BLOB does not match its dimension is treated as missing, so it gets recomputed.
      if (row.vector.byteLength !== row.dim * 4) return null
      // Copied: a Buffer from SQLite need not be 4-byte aligned.
      const vector = new Float32Array(
        row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength),
      )
      return { vector, truncated: row.truncated === null ? null : row.truncated === 1 }
    },
    put(model: string, hash: string, vector: Float32Array, truncated: boolean | null = null) {
      putMany(model, [{ hash, vector, truncated }])
    },
    /** One transaction for many vectors. */
    putMany(model: string, entries: Entry[]) {
      putMany(model, entries)
    },
    count(model?: string): number {
      return (model === undefined ? countAll.get() : countModel.get(model))!.n
    },
    clear(model: string): number {
      return deleteModel.run(model).changes
    },
  }
}
export type EmbeddingCacheRepo = ReturnType<typeof embeddingCacheRepo>
