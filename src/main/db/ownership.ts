import { nowIso, type Db } from './connection'

/**
 * Which process drives a run, an evaluation or an arena: the row's `owner`
 * and `heartbeat_at` columns. Another process takes over only when the owner
 * is gone (see processOwner.ts) or its heartbeat is older than `staleMs`.
 */
export function ownership(db: Db, table: 'runs' | 'evaluations' | 'arenas') {
  const claim = db.prepare(
    `UPDATE ${table} SET owner = ?, heartbeat_at = ? WHERE id = ? AND (owner IS NULL OR owner = ? OR heartbeat_at IS NULL OR heartbeat_at < ?)`,
  )
  const beat = db.prepare(`UPDATE ${table} SET heartbeat_at = ? WHERE id = ? AND owner = ?`)
  const free = db.prepare(`UPDATE ${table} SET owner = NULL WHERE id = ? AND owner = ?`)
  return {
    /** Claims the row for this process unless another owner has beaten its heartbeat within `staleMs`. */
    claim(id: string, owner: string, staleMs: number): boolean {
      const cutoff = new Date(Date.now() - staleMs).toISOString()
      return claim.run(owner, nowIso(), id, owner, cutoff).changes > 0
    },
    heartbeat(id: string, owner: string) {
      beat.run(nowIso(), id, owner)
    },
    release(id: string, owner: string) {
      free.run(id, owner)
    },
  }
}
