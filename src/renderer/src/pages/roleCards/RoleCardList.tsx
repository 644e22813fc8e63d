import { useEffect, useMemo, type KeyboardEvent, type MouseEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { RoleCardSummary } from '@shared/roleCard'
import { optionId, RoleCardRow } from './RoleCardRow'

const ROW_HEIGHT = 58

interface RoleCardListProps {
  items: RoleCardSummary[]
  activeId: string | null
  selected: Set<string>
  listRef: RefObject<HTMLDivElement | null>
  /** Changes when the filters change: the list then starts again from the top. */
  resetKey: string
  onRowClick: (id: string, event: MouseEvent) => void
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void
}

/** A virtualized listbox: only the visible rows exist in the DOM, so thousands of cards stay smooth. */
export function RoleCardList({
  items,
  activeId,
  selected,
  listRef,
  resetKey,
  onRowClick,
  onKeyDown,
}: RoleCardListProps) {
  const { t } = useTranslation()
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => items[index].id,
  })

  useEffect(() => {
    virtualizer.scrollToOffset(0)
  }, [resetKey, virtualizer])

  const activeIndex = useMemo(
    () => (activeId ? items.findIndex((item) => item.id === activeId) : -1),
    [items, activeId],
  )
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtualizer])

  return (
    <div
      ref={listRef}
      className="card-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('roleCards.listLabel')}
      aria-multiselectable="true"
      aria-activedescendant={activeIndex >= 0 ? optionId(items[activeIndex].id) : undefined}
      onKeyDown={onKeyDown}
      aria-describedby="role-card-list-hint"
      data-testid="role-card-list"
    >
      <div className="card-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const card = items[row.index]
          return (
            <RoleCardRow
              key={card.id}
              card={card}
              active={card.id === activeId}
              selected={selected.has(card.id)}
              top={row.start}
              height={ROW_HEIGHT}
              position={row.index + 1}
              setSize={items.length}
              onClick={onRowClick}
            />
          )
        })}
      </div>
    </div>
  )
}
