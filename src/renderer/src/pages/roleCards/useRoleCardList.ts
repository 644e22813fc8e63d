import { useCallback, useEffect, useRef, useState } from 'react'
import type { Language, RoleCardPage, RoleCardQuery } from '@shared/roleCard'
import { api } from '../../api/client'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

export interface ListFilters {
  text: string
  language: Language | ''
  tag: string
  pool: string
  source: string
}

export const NO_FILTERS: ListFilters = { text: '', language: '', tag: '', pool: '', source: '' }

export function hasActiveFilters(filters: ListFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== '')
}

export function toQuery(filters: ListFilters): RoleCardQuery {
  return {
    text: filters.text.trim(),
    language: filters.language || undefined,
    tag: filters.tag || undefined,
    pool: filters.pool || undefined,
    source: filters.source || undefined,
  }
}

const EMPTY_PAGE: RoleCardPage = { total: 0, items: [], facets: { tags: [], pools: [], sources: [] } }

export interface RoleCardList {
  page: RoleCardPage
  /** Cards in the whole workspace (differs from page.total only when filtering). */
  workspaceTotal: number
  loaded: boolean
  loading: boolean
  error: unknown
  reload: () => Promise<void>
}

/** Fetches the summaries for the filters, refetching whenever cards change anywhere. */
export function useRoleCardList(filters: ListFilters): RoleCardList {
  const [page, setPage] = useState<RoleCardPage>(EMPTY_PAGE)
  const [workspaceTotal, setWorkspaceTotal] = useState(0)
  const [loaded, setLoaded] = useState(false)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const requestSeq = useRef(0)
  const filtersRef = useRef(filters)
  filtersRef.current = filters

  const reload = useCallback(async () => {
    const seq = ++requestSeq.current
    const current = filtersRef.current
    setLoading(true)
    try {
      const filtered = hasActiveFilters(current)
      const [result, all] = await Promise.all([
        api.listRoleCards(toQuery(current)),
        filtered ? api.listRoleCards({ limit: 1 }) : Promise.resolve(null),
      ])
      if (seq !== requestSeq.current) return
      setPage(result)
      setWorkspaceTotal(all ? all.total : result.total)
      setError(null)
      setLoaded(true)
    } catch (failure) {
      if (seq === requestSeq.current) setError(failure)
    } finally {
      if (seq === requestSeq.current) setLoading(false)
    }
  }, [])

  const key = JSON.stringify(filters)
  useEffect(() => {
    void reload()
  }, [key, reload])

  useWorkbenchEvent('roleCards.changed', () => void reload())

  return { page, workspaceTotal, loaded, loading, error, reload }
}
