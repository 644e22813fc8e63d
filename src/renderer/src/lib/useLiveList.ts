import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { EventMap, EventName } from '@shared/api'
import { useWorkbenchEvent } from './useWorkbenchEvent'

interface Item {
  id: string
  createdAt: string
}

/** The events whose payload is one whole item of type T ('run.progress' for RunSummary …). */
type ItemEvent<T> = { [K in EventName]: EventMap[K] extends T ? K : never }[EventName]

export interface LiveList<T> {
  /** Newest first; null until the first load. */
  items: T[] | null
  error: unknown
  reload: () => Promise<void>
  /** Put a fresher copy (from an action, a refresh or an event) in place. */
  upsert: (item: T) => void
  /** Drop an item for good: a late event for it (sent while it stopped) does not bring it back. */
  remove: (id: string) => void
}

/** A list loaded from the API and kept live by an event that carries one item at a time. */
export function useLiveList<T extends Item>(load: () => Promise<T[]>, event: ItemEvent<T>): LiveList<T> {
  const [byId, setById] = useState<Map<string, T> | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [deleted] = useState(() => new Set<string>())
  // The api client hands out a new function on every access: the first load and reload do not depend on it.
  const loader = useRef(load)
  loader.current = load

  const reload = useCallback(async () => {
    try {
      const list = await loader.current()
      setById(new Map(list.filter((item) => !deleted.has(item.id)).map((item) => [item.id, item])))
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [deleted])
  useEffect(() => void reload(), [reload])

  const upsert = useCallback(
    (item: T) => {
      if (deleted.has(item.id)) return
      setById((current) => new Map(current ?? []).set(item.id, item))
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
  // The event's payload is a T (ItemEvent<T> picks only such events); TypeScript cannot follow that through the index.
  useWorkbenchEvent(event, upsert as (payload: EventMap[ItemEvent<T>]) => void)

  const items = useMemo(
    () => (byId ? [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null),
    [byId],
  )
  return { items, error, reload, upsert, remove }
}
