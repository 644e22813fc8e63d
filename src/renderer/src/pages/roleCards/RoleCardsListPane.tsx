import type { KeyboardEvent, MouseEvent, RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../lib/format'
import { isModKey } from '../../lib/keyboard'
import { EmptyListState } from './EmptyListState'
import { ListFilters } from './ListFilters'
import { RoleCardList } from './RoleCardList'
import type { ListSelection } from './useListSelection'
import { hasActiveFilters, type ListFilters as Filters, type RoleCardList as ListState } from './useRoleCardList'

interface RoleCardsListPaneProps {
  list: ListState
  filters: Filters
  onFiltersChange: (filters: Filters) => void
  activeId: string | null
  selection: ListSelection
  listRef: RefObject<HTMLDivElement | null>
  searchRef: RefObject<HTMLInputElement | null>
  onRowClick: (id: string, event: MouseEvent) => void
  onMove: (delta: number | 'first' | 'last') => void
  onEnter: () => void
  onSelectAll: () => void
  onDelete: () => void
  onExport: () => void
  onSimulate: () => void
  onBulkEdit: () => void
  onCreate: () => void
  onImport: () => void
  onClearFilters: () => void
}

export function RoleCardsListPane(props: RoleCardsListPaneProps) {
  const { t } = useTranslation()
  const { list, filters, selection, listRef } = props
  const items = list.page.items
  const selectedCount = selection.selected.size

  const keyAction = (event: KeyboardEvent<HTMLDivElement>): (() => void) | null => {
    if (isModKey(event) && event.key.toLowerCase() === 'a') return props.onSelectAll
    switch (event.key) {
      case 'ArrowDown':
        return () => props.onMove(1)
      case 'ArrowUp':
        return () => props.onMove(-1)
      case 'PageDown':
        return () => props.onMove(10)
      case 'PageUp':
        return () => props.onMove(-10)
      case 'Home':
        return () => props.onMove('first')
      case 'End':
        return () => props.onMove('last')
      case 'Enter':
        return props.onEnter
      case 'Delete':
        return props.onDelete
      case 'Backspace': // Cmd+Backspace is "delete" on macOS keyboards
        return event.metaKey ? props.onDelete : null
      case 'Escape':
        return selectedCount > 1 && props.activeId ? () => selection.selectOnly(props.activeId!) : null
      default:
        return null
    }
  }
  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = keyAction(event)
    if (!action) return
    event.preventDefault()
    action()
  }

  const emptyKind = list.loaded && items.length === 0 ? (hasActiveFilters(filters) ? 'noMatch' : 'empty') : null

  return (
    <section className="list-pane" aria-label={t('roleCards.listLabel')}>
      <ListFilters
        filters={filters}
        facets={list.page.facets}
        searchRef={props.searchRef}
        onChange={props.onFiltersChange}
      />
      {emptyKind ? (
        <EmptyListState
          kind={emptyKind}
          onCreate={props.onCreate}
          onImport={props.onImport}
          onClearFilters={props.onClearFilters}
        />
      ) : (
        <RoleCardList
          items={items}
          activeId={props.activeId}
          selected={selection.selected}
          listRef={listRef}
          resetKey={JSON.stringify(filters)}
          onRowClick={props.onRowClick}
          onKeyDown={onListKeyDown}
        />
      )}
      <footer className="list-footer">
        <span className="muted small" id="role-card-list-hint">
          {t('roleCards.listHint')}
        </span>
        {selectedCount > 1 && (
          <div className="selection-bar">
            <span data-testid="selection-count">
              {t('roleCards.selected', { formatted: formatNumber(selectedCount) })}
            </span>
            <button
              type="button"
              className="button button-small button-danger-outline"
              onClick={props.onDelete}
              title={t('roleCards.deleteSelectedHint')}
              data-testid="delete-selected"
            >
              {t('roleCards.deleteSelected')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={props.onExport}
              data-testid="export-selected"
            >
              {t('roleCards.export')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={props.onBulkEdit}
              title={t('roleCards.editSelectedHint')}
              data-testid="edit-selected"
            >
              {t('roleCards.editSelected')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={props.onSimulate}
              title={t('roleCards.simulateSelectedHint')}
              data-testid="simulate-selected"
            >
              {t('roleCards.simulateSelected')}
            </button>
          </div>
        )}
      </footer>
    </section>
  )
}
