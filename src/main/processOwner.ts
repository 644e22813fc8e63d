import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'

/**
 * Runs and evaluations are driven by one process at a time. Owners are
 * "host:pid:nonce", so a process on this host that died (a crash, kill -9)
 * frees its work at once instead of after its heartbeat goes stale.
 */
export const newOwnerId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

export function ownerIsGone(owner: string | null): boolean {
  if (!owner) return true
  const [host, pid] = owner.split(':')
  if (host !== hostname()) return false
  try {
    process.kill(Number(pid), 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
