import { useEffect, useState } from 'react'
import { api } from '../../../api/client'
import { useWorkbenchEvent } from '../../../lib/useWorkbenchEvent'

/** The role-card pools of the workspace and how many cards the chosen one holds ('' = every card); kept current. */
export function usePoolCards(pool: string): { pools: string[]; count: number | null; error: unknown } {
  const [pools, setPools] = useState<string[]>([])
  const [count, setCount] = useState<number | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [changes, setChanges] = useState(0)
  useWorkbenchEvent('roleCards.changed', () => setChanges((n) => n + 1))

  useEffect(() => {
    let live = true
    setCount(null)
    api.listRoleCards({ pool: pool || undefined, limit: 1 }).then(
      (page) => {
        if (!live) return
        setPools(page.facets.pools)
        setCount(page.total)
        setError(null)
      },
      (failure) => live && setError(failure),
    )
    return () => {
      live = false
    }
  }, [pool, changes])
  return { pools, count, error }
}
