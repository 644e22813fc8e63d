import { useEffect, type KeyboardEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { useVirtualizer } from '@tanstack/react-virtual'
import { dialogueOptionId, DialogueRow } from './DialogueRow'
import type { DialoguePages } from './useDialoguePages'

const ROW_HEIGHT = 58

interface DialogueListProps {
  pages: DialoguePages
  activeIndex: number
  listRef: RefObject<HTMLDivElement | null>
  /** Changes with the query: the list starts again from the top. */
  resetKey: string
  /** The metric the list is filtered by: each row shows its value. */
  scoreColumn: { metric: string; analysis: string } | null
  onSelect: (index: number) => void
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void
}

/** A virtualized listbox over every matching dialogue; rows are fetched page by page as they come into view. */
export function DialogueList({
  pages,
  activeIndex,
  listRef,
  resetKey,
  scoreColumn,
  onSelect,
  onKeyDown,
}: DialogueListProps) {
  const { t } = useTranslation()
  const total = pages.total ?? 0
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  })
  const rows = virtualizer.getVirtualItems()
  const first = rows[0]?.index ?? 0
  const last = rows[rows.length - 1]?.index ?? 0
  const { ensure } = pages

  useEffect(() => {
    if (total > 0) ensure(first, last)
  }, [first, last, total, ensure])

  useEffect(() => {
    virtualizer.scrollToOffset(0)
  }, [resetKey, virtualizer])

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < total) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, total, virtualizer])

  return (
    <div
      ref={listRef}
      className="card-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('browser.listLabel')}
      aria-activedescendant={activeIndex >= 0 && activeIndex < total ? dialogueOptionId(activeIndex) : undefined}
      aria-describedby="dialogue-list-hint"
      onKeyDown={onKeyDown}
      data-testid="dialogue-list"
    >
      <div className="card-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <DialogueRow
            key={row.index}
            item={pages.itemAt(row.index)}
            index={row.index}
            total={total}
            active={row.index === activeIndex}
            top={row.start}
            height={ROW_HEIGHT}
            scoreColumn={scoreColumn}
            onSelect={onSelect}
          />
        ))}
      </div>
    </div>
  )
}
