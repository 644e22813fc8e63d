import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ArenaSummary } from '@shared/arena'
import { api } from '../../api/client'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

export interface ArenasState {
  /** Newest first; null until the first load. */
  arenas: ArenaSummary[] | null
  error: unknown
  reload: () => Promise<void>
  /** Put a fresher summary (from an action or getArena) in place. */
  upsert: (arena: ArenaSummary) => void
  remove: (id: string) => void
}

/** All arenas, updated live from 'arena.progress'. */
export function useArenas(): ArenasState {
  const [byId, setById] = useState<Map<string, ArenaSummary> | null>(null)
  const [error, setError] = useState<unknown>(null)
  // A progress event for a deleted arena (emitted while it stopped) must not bring it back.
  const [deleted] = useState(() => new Set<string>())

  const reload = useCallback(async () => {
    try {
      const list = await api.listArenas()
      setById(new Map(list.filter((arena) => !deleted.has(arena.id)).map((arena) => [arena.id, arena])))
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [deleted])
  useEffect(() => void reload(), [reload])

  const upsert = useCallback(
    (arena: ArenaSummary) => {
      if (deleted.has(arena.id)) return
      setById((current) => new Map(current ?? []).set(arena.id, arena))
    },
    [deleted],
  )
  const remove = useCallback(
    (id: string) => {
      deleted.add(id)
      setById((current) => {
        if (!current?.has(id)) return current
        const next = new Map(current)
        next.delete(id)
        return next
      })
    },
    [deleted],
  )
  useWorkbenchEvent('arena.progress', upsert)

  const arenas = useMemo(() => (byId ? [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null), [byId])
  return { arenas, error, reload, upsert, remove }
}
