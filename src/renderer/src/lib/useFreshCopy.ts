import { useEffect, useRef, useState } from 'react'

/**
 * Events keep an opened item current; a fresh copy on opening covers anything missed while the page was closed.
 * Returns the failure to fetch it (and its setter, for later refreshes).
 */
export function useFreshCopy<T>(id: string, get: (input: { id: string }) => Promise<T>, onUpdate: (fresh: T) => void) {
  const [refreshError, setRefreshError] = useState<unknown>(null)
  // The api client hands out a new function on every access: only the id and onUpdate decide when to fetch.
  const getter = useRef(get)
  getter.current = get
  useEffect(() => {
    let live = true
    getter.current({ id }).then(
      (fresh) => live && onUpdate(fresh),
      (failure) => live && setRefreshError(failure),
    )
    return () => {
      live = false
    }
  }, [id, onUpdate])
  return [refreshError, setRefreshError] as const
}
