import { nowIso, type Db } from './connection'

/** Accepted judge answers by request hash (see judgeCacheKey), shared by all evaluations of a workspace. */
export function judgeCacheRepo(db: Db) {
  const select = db.prepare<[string], { response: string }>('SELECT response FROM judge_cache WHERE request_hash = ?')
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO judge_cache (request_hash, response, created_at) VALUES (?, ?, ?)
     ON CONFLICT(request_hash) DO UPDATE SET response = excluded.response, created_at = excluded.created_at`,
  )
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM judge_cache')
  return {
    get(hash: string): string | null {
      // A judge call cancelled while the workspace closes may still ask or answer.
      if (!db.open) return null
      return select.get(hash)?.response ?? null
    },
    put(hash: string, response: string): void {
      if (db.open) upsert.run(hash, response, nowIso())
    },
    count: (): number => count.get()!.n,
    /** Forget every cached answer; returns how many were dropped. */
    clear: (): number => db.prepare('DELETE FROM judge_cache').run().changes,
  }
}
export type JudgeCacheRepo = ReturnType<typeof judgeCacheRepo>
