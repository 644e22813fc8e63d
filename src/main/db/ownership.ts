import { nowIso, type Db } from './connection'

/**
 * What a fenced write returns: its value, or `held: false` (nothing written) when another process holds the job now.
 */
export type Fenced<T> = { held: true; value: T } | { held: false }

/**
 * Which process drives a run, an evaluation or an arena: the row's `owner`
 * and `heartbeat_at` columns. Another process takes over only when the owner
 * is gone (see processOwner.ts) or its heartbeat is older than `staleMs`.
 *
 * Fencing: every write of a job goes through `fenced`, one BEGIN IMMEDIATE
 * transaction that first checks this process still owns the row. A process
 * that slept past the stale limit (a closed laptop lid, SIGSTOP) and lost its
 * job to another one therefore writes nothing more for it.
 */
export function ownership(db: Db, table: 'runs' | 'evaluations' | 'arenas' | 'arena_agreements' | 'study_judges') {
  const claim = db.prepare(
    `UPDATE ${table} SET owner = ?, heartbeat_at = ? WHERE id = ? AND (owner IS NULL OR owner = ? OR heartbeat_at IS NULL OR heartbeat_at < ?)`,
  )
  const beat = db.prepare(`UPDATE ${table} SET heartbeat_at = ? WHERE id = ? AND owner = ?`)
  const free = db.prepare(`UPDATE ${table} SET owner = NULL WHERE id = ? AND owner = ?`)
  const holder = db.prepare<[string], string | null>(`SELECT owner FROM ${table} WHERE id = ?`).pluck()
  const fenced = db.transaction(<T>(id: string, owner: string, write: () => T): Fenced<T> =>
    holder.get(id) === owner ? { held: true, value: write() } : { held: false },
  )
  return {
    /** Claims the row for this process unless another owner has beaten its heartbeat within `staleMs`. */
    claim(id: string, owner: string, staleMs: number): boolean {
      const cutoff = new Date(Date.now() - staleMs).toISOString()
      return claim.run(owner, nowIso(), id, owner, cutoff).changes > 0
    },
    /** False when this process no longer holds the row (another one took it over). */
    heartbeat(id: string, owner: string): boolean {
      return beat.run(nowIso(), id, owner).changes > 0
    },
    release(id: string, owner: string) {
      free.run(id, owner)
    },
    /**
     * Runs `write` in one BEGIN IMMEDIATE transaction if, inside it, `owner` still holds the row; else writes nothing.
     */
    fenced<T>(id: string, owner: string, write: () => T): Fenced<T> {
      return fenced.immediate(id, owner, write) as Fenced<T>
    },
  }
}
