import { useEffect, useRef } from 'react'
import { usePageAddress, type PageId } from './address'

/** What the right-hand side of a list page shows: nothing, a "new" form, one item, or a page's own panel by name. */
export type MasterDetailView =
  { kind: 'none' } | { kind: 'new' } | { kind: 'item'; id: string } | { kind: 'panel'; name: string }

/** A view's address segments after the page: [] · ['new'] · [id] · ['panel', name]. */
function segmentsOf(view: MasterDetailView): string[] {
  if (view.kind === 'new') return ['new']
  if (view.kind === 'item') return [view.id]
  if (view.kind === 'panel') return ['panel', view.name]
  return []
}

function viewOf(rest: string[]): MasterDetailView {
  if (rest.length === 0) return { kind: 'none' }
  if (rest[0] === 'new') return { kind: 'new' }
  if (rest[0] === 'panel' && rest[1]) return { kind: 'panel', name: rest[1] }
  return { kind: 'item', id: rest[0] }
}

/**
 * The view of a list page, kept in the page's address (`#/runs/<id>`, `#/runs/new`, `#/analyses/panel/compare`), so
 * reload, Back / Forward and links bring it back. Shows the newest item when nothing is chosen or the chosen item is
 * gone (replacing the address, so Back does not step through those automatic moves).
 */
export function useMasterDetailView<T extends { id: string }>(page: PageId, items: T[] | null) {
  const [rest, setRest] = usePageAddress(page)
  // While the address already names another page (leaving), the page keeps showing what it showed.
  const last = useRef<MasterDetailView>({ kind: 'none' })
  const view = rest ? viewOf(rest) : last.current
  useEffect(() => {
    last.current = view
  })
  const setView = (next: MasterDetailView, replace = false) => setRest(segmentsOf(next), { replace })
  const viewKey = segmentsOf(view).join('/')
  useEffect(() => {
    if (!items || !rest) return
    if (view.kind === 'item' && items.some((item) => item.id === view.id)) return
    if (view.kind === 'new' || view.kind === 'panel' || (view.kind === 'none' && items.length === 0)) return
    setView(items.length > 0 ? { kind: 'item', id: items[0].id } : { kind: 'none' }, true)
    // SetView is a fresh closure over the page's stable address setter; viewKey stands for the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, viewKey, rest === null])
  /** Back from the "new" form: the newest item, or nothing. */
  const showNewest = () => setView(items && items.length > 0 ? { kind: 'item', id: items[0].id } : { kind: 'none' })
  /**
   * Opens an item in place of the shown item (moving between items by click or arrow key) or of the "new" form it was
   * just started from, so Back leaves the list rather than stepping through every item passed on the way; from nothing
   * or a panel it is a new history entry.
   */
  const showItem = (id: string) => setView({ kind: 'item', id }, view.kind === 'item' || view.kind === 'new')
  /** After `id` was deleted: the newest other item, or nothing (in place of the deleted item's address). */
  const showOtherThan = (id: string) => {
    const next = items?.find((item) => item.id !== id)
    setView(next ? { kind: 'item', id: next.id } : { kind: 'none' }, true)
  }
  const selected = view.kind === 'item' ? (items?.find((item) => item.id === view.id) ?? null) : null
  return { view, setView: (next: MasterDetailView) => setView(next), showNewest, showItem, showOtherThan, selected }
}
