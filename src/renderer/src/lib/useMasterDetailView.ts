import { useEffect, useState } from 'react'

/** What the right-hand side of a list page shows: nothing, a "new" form, one item, or a page's own panel by name. */
export type MasterDetailView =
  { kind: 'none' } | { kind: 'new' } | { kind: 'item'; id: string } | { kind: 'panel'; name: string }

/** Remembers a page's view across visits to other pages (e.g. to Settings to add an endpoint and back). */
export interface ViewMemory {
  last: MasterDetailView
}
export const viewMemory = (): ViewMemory => ({ last: { kind: 'none' } })

/**
 * The view of a list page: follows navigation targets, and shows the newest item
 * when nothing is chosen or the chosen item is gone.
 */
export function useMasterDetailView<T extends { id: string }>(
  memory: ViewMemory,
  items: T[] | null,
  target: { seq: number; id?: string } | null,
) {
  const [view, setViewState] = useState<MasterDetailView>(memory.last)
  const setView = (next: MasterDetailView) => {
    memory.last = next
    setViewState(next)
  }
  useEffect(() => {
    if (target?.id) setView({ kind: 'item', id: target.id })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new navigation target (seq) is what moves the view
  }, [target?.seq, target?.id])
  useEffect(() => {
    if (!items) return
    if (view.kind === 'item' && items.some((item) => item.id === view.id)) return
    if (view.kind === 'new' || view.kind === 'panel' || (view.kind === 'none' && items.length === 0)) return
    setView(items.length > 0 ? { kind: 'item', id: items[0].id } : { kind: 'none' })
    // SetView is a fresh closure over a stable setter and memory object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, view])
  /** Back from the "new" form: the newest item, or nothing. */
  const showNewest = () => setView(items && items.length > 0 ? { kind: 'item', id: items[0].id } : { kind: 'none' })
  const showItem = (id: string) => setView({ kind: 'item', id })
  /** After `id` was deleted: the newest other item, or nothing. */
  const showOtherThan = (id: string) => {
    const next = items?.find((item) => item.id !== id)
    setView(next ? { kind: 'item', id: next.id } : { kind: 'none' })
  }
  const selected = view.kind === 'item' ? (items?.find((item) => item.id === view.id) ?? null) : null
  return { view, setView, showNewest, showItem, showOtherThan, selected }
}
