import { useCallback, useEffect, useRef, useState } from 'react'
import type { DialogueCursor, DialogueQuery, DialogueSummary } from '@shared/dialogue'
import { api } from '../../../api/client'

const PAGE_SIZE = 200

export interface DialoguePages {
  /**
   * Dialogues matching the query; null until the first page arrives. While `counting`, the rows found so far (a
   * frequent word's pages come before its count).
   */
  total: number | null
  /** The exact count is on its way (`total` is a lower bound meanwhile). */
  counting: boolean
  /** The summary at a position, or undefined while its page is loading. */
  itemAt: (index: number) => DialogueSummary | undefined
  /** Loads the pages that cover these positions (what the list is about to show). */
  ensure: (start: number, end: number) => void
  /** Reloads the pages already loaded (after live changes), keeping them on screen meanwhile. */
  refresh: () => void
  error: unknown
  /** Bumps whenever a page arrives, so the list re-renders. */
  version: number
}

/**
 * The dialogues of a query, fetched a page at a time as the list scrolls:
 * 50,000 rows never travel at once. A new query starts from scratch.
 * A page after a loaded one is asked for by the cursor where that one ended (keyset: no rows skipped or repeated
 * when dialogues are stored meanwhile); a page reached by jumping (the scrollbar) by its offset.
 * Pages may come before their count (`countLater`: a frequent word's first page takes ~10 ms at 55k dialogues, its
 * count ~100 ms); the count is then asked for once, and the list grows to it when it arrives.
 */
export function useDialoguePages(query: Omit<DialogueQuery, 'limit' | 'offset'>): DialoguePages {
  const [total, setTotal] = useState<number | null>(null)
  const [counting, setCounting] = useState(false)
  const [error, setError] = useState<unknown>(null)
  /** The query's exact count is known or asked for (reset by a new query and by a refresh). */
  const countAsked = useRef(false)
  const [version, setVersion] = useState(0)
  const pages = useRef(new Map<number, DialogueSummary[]>())
  /** Where each loaded page ended (null: the last page). */
  const cursors = useRef(new Map<number, DialogueCursor | null>())
  const loading = useRef(new Set<number>())
  const generation = useRef(0)
  const queryRef = useRef(query)
  queryRef.current = query
  const key = JSON.stringify(query)

  const fetchCount = useCallback(() => {
    const gen = generation.current
    countAsked.current = true
    setCounting(true)
    api.countDialogues({ ...queryRef.current }).then(
      (result) => {
        if (gen !== generation.current) return
        setTotal(result.total)
        setCounting(false)
      },
      (failure) => {
        if (gen !== generation.current) return
        countAsked.current = false
        setCounting(false)
        setError(failure)
      },
    )
  }, [])

  const fetchPage = useCallback(
    (page: number) => {
      const gen = generation.current
      loading.current.add(page)
      const after = page > 0 ? cursors.current.get(page - 1) : undefined
      const where = after ? { after, offset: 0 } : { offset: page * PAGE_SIZE }
      api.listDialogues({ ...queryRef.current, limit: PAGE_SIZE, countLater: true, ...where }).then(
        (result) => {
          if (gen !== generation.current) return
          loading.current.delete(page)
          pages.current.set(page, result.items)
          cursors.current.set(page, result.next)
          if (result.counted) setTotal(result.total)
          else {
            // Uncounted: at least the rows up to this page's end, until the count comes (kept on a refresh).
            const seen = page * PAGE_SIZE + result.items.length
            setTotal((current) => Math.max(current ?? 0, seen))
            if (!countAsked.current) fetchCount()
          }
          setError(null)
          setVersion((v) => v + 1)
        },
        (failure) => {
          if (gen !== generation.current) return
          loading.current.delete(page)
          setError(failure)
        },
      )
    },
    [fetchCount],
  )

  useEffect(() => {
    generation.current++
    pages.current = new Map()
    cursors.current = new Map()
    loading.current = new Set()
    countAsked.current = false
    setTotal(null)
    setCounting(false)
    setVersion((v) => v + 1)
    fetchPage(0)
  }, [key, fetchPage])

  const ensure = useCallback(
    (start: number, end: number) => {
      for (
        let page = Math.floor(Math.max(0, start) / PAGE_SIZE);
        page <= Math.floor(Math.max(0, end) / PAGE_SIZE);
        page++
      ) {
        if (!pages.current.has(page) && !loading.current.has(page)) fetchPage(page)
      }
    },
    [fetchPage],
  )

  const refresh = useCallback(() => {
    // Live changes may change the count too: an uncounted page asks for it again.
    countAsked.current = false
    for (const page of pages.current.keys()) if (!loading.current.has(page)) fetchPage(page)
    if (pages.current.size === 0 && !loading.current.has(0)) fetchPage(0)
  }, [fetchPage])

  const itemAt = useCallback(
    (index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [],
  )

  return { total, counting, itemAt, ensure, refresh, error, version }
}
