import { useEffect, useRef } from 'react'

/**
 * Calls `refresh` when `signal` changes (e.g. an arena's counts from 'arena.progress', an analysis's failure count),
 * at most once per `intervalMs`; a change inside the interval is caught up at its end.
 */
export function useThrottledRefresh(signal: string, refresh: () => void, intervalMs = 2000): void {
  const latest = useRef(refresh)
  latest.current = refresh
  const last = useRef(0)
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const wait = Math.max(0, last.current + intervalMs - Date.now())
    const timer = setTimeout(() => {
      last.current = Date.now()
      latest.current()
    }, wait)
    return () => clearTimeout(timer)
  }, [signal, intervalMs])
}
