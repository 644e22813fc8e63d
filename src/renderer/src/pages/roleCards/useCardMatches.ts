import type { RoleCardPage, RoleCardQuery } from '@shared/roleCard'
import { api } from '../../api/client'
import { useLoaded } from '../../lib/useLoaded'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

export interface CardMatches {
  /** How many role cards match the query; null while it is being counted. */
  count: number | null
  /** The workspace's pools and tags (from the latest answer, also while a new query is counted). */
  facets: RoleCardPage['facets'] | null
  error: unknown
}

/** How many role cards a run or an arena would use, kept current when cards change anywhere. */
export function useCardMatches(query: RoleCardQuery): CardMatches {
  const key = JSON.stringify(query)
  const { value, error, reload } = useLoaded(
    async () => ({ key, page: await api.listRoleCards({ ...query, limit: 1 }) }),
    [key],
  )
  useWorkbenchEvent('roleCards.changed', () => void reload())
  return { count: value?.key === key ? value.page.total : null, facets: value?.page.facets ?? null, error }
}
