import { openSsh, type SshSession, type SshTarget } from './sshSession'

interface Entry {
  session: Promise<SshSession>
  users: number
  idle: NodeJS.Timeout | null
}

/**
 * One SSH connection per profile, shared by the follower's polls and the API calls,
 * closed after `idleMs` without use (or when the profile changes, or at close).
 */
export function sshPool(options: { idleMs: number; open?: (target: SshTarget) => Promise<SshSession> }) {
  const open = options.open ?? openSsh
  const entries = new Map<string, Entry>()

  const drop = (profileId: string) => {
    const entry = entries.get(profileId)
    if (!entry) return
    entries.delete(profileId)
    if (entry.idle) clearTimeout(entry.idle)
    entry.session.then(
      (s) => s.close(),
      () => {},
    )
  }

  return {
    async use<T>(target: SshTarget, fn: (session: SshSession) => Promise<T>): Promise<T> {
      let entry = entries.get(target.profileId)
      if (entry) {
        const current = await entry.session.catch(() => null)
        if (!current || current.closed) {
          if (entries.get(target.profileId) === entry) drop(target.profileId)
          entry = undefined
        }
      }
      if (!entry) {
        entry = { session: open(target), users: 0, idle: null }
        entries.set(target.profileId, entry)
        entry.session.catch(() => entries.get(target.profileId) === entry && entries.delete(target.profileId))
      }
      const mine = entry
      if (mine.idle) clearTimeout(mine.idle)
      mine.idle = null
      mine.users++
      try {
        return await fn(await mine.session)
      } finally {
        mine.users--
        if (mine.users === 0 && entries.get(target.profileId) === mine) {
          mine.idle = setTimeout(() => drop(target.profileId), options.idleMs)
          mine.idle.unref()
        }
      }
    },
    /** Forget a profile's connection (its settings or accepted host key changed). */
    drop,
    closeAll() {
      for (const id of [...entries.keys()]) drop(id)
    },
  }
}
export type SshPool = ReturnType<typeof sshPool>
