import { useCallback, useState } from 'react'

export interface ListSelection {
  selected: Set<string>
  /** Plain click / arrow: just this one. */
  selectOnly: (id: string) => void
  /** Ctrl/Cmd+click. */
  toggle: (id: string) => void
  /** Shift+click or Shift+arrow: from the anchor to this one. */
  extendTo: (id: string, orderedIds: string[]) => void
  selectAll: (orderedIds: string[]) => void
  /** Drop ids that are no longer in the list. */
  retain: (existing: Set<string>) => void
  clear: () => void
}

export function useListSelection(): ListSelection {
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [anchor, setAnchor] = useState<string | null>(null)

  const selectOnly = useCallback((id: string) => {
    setSelected(new Set([id]))
    setAnchor(id)
  }, [])

  const toggle = useCallback((id: string) => {
    setSelected((previous) => {
      const next = new Set(previous)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
    setAnchor(id)
  }, [])

  const extendTo = useCallback(
    (id: string, orderedIds: string[]) => {
      const from = anchor ? orderedIds.indexOf(anchor) : -1
      const to = orderedIds.indexOf(id)
      if (from < 0 || to < 0) {
        selectOnly(id)
        return
      }
      const [start, end] = from <= to ? [from, to] : [to, from]
      setSelected(new Set(orderedIds.slice(start, end + 1)))
    },
    [anchor, selectOnly],
  )

  const selectAll = useCallback((orderedIds: string[]) => setSelected(new Set(orderedIds)), [])

  const retain = useCallback((existing: Set<string>) => {
    setSelected((previous) => {
      const next = new Set([...previous].filter((id) => existing.has(id)))
      return next.size === previous.size ? previous : next
    })
  }, [])

  const clear = useCallback(() => {
    setSelected(new Set())
    setAnchor(null)
  }, [])

  return { selected, selectOnly, toggle, extendTo, selectAll, retain, clear }
}
