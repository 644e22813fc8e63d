import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { RoleCard } from '@shared/roleCard'
import { api } from '../../api/client'
import { usePageAddress } from '../../lib/address'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useLeaveGuard } from '../../components/LeaveGuard'
import { useNavigate } from '../../components/Navigation'
import { useToast } from '../../components/Toasts'
import { useUiLanguage } from '../../components/UiLanguage'
import { useUnsavedPrompt } from '../../components/useUnsavedPrompt'
import { errorMessage } from '../../lib/errors'
import { useDebouncedValue } from '../../lib/useDebouncedValue'
import { useFileDrop } from '../../lib/useFileDrop'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'
import { BulkEditDialog } from './BulkEditDialog'
import { CardEditor } from './CardEditor'
import { ExportDialog } from './ExportDialog'
import { ImportDialog } from './ImportDialog'
import { RoleCardsHeader } from './RoleCardsHeader'
import { RoleCardsListPane } from './RoleCardsListPane'
import { TestDriveView } from './TestDriveView'
import { useCardEditor } from './useCardEditor'
import { useDeleteWithUndo } from './useDeleteWithUndo'
import { useListSelection } from './useListSelection'
import { usePageShortcuts } from './usePageShortcuts'
import { NO_FILTERS, toQuery, useRoleCardList, type ListFilters } from './useRoleCardList'

export function RoleCardsPage() {
  const { t } = useTranslation()
  const toast = useToast()
  const { language: uiLanguage } = useUiLanguage()
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS)
  const debouncedText = useDebouncedValue(filters.text, 250)
  const queryFilters = useMemo(() => ({ ...filters, text: debouncedText }), [filters, debouncedText])
  const list = useRoleCardList(queryFilters)
  const items = list.page.items
  const selection = useListSelection()
  const editor = useCardEditor()
  const unsaved = useUnsavedPrompt()
  const [activeId, setActiveId] = useState<string | null>(null)
  const [importFile, setImportFile] = useState<{ file: File | null } | null>(null)
  const [exportOpen, setExportOpen] = useState(false)
  const [bulkEditIds, setBulkEditIds] = useState<string[] | null>(null)
  const navigate = useNavigate()
  const listRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const orderedIds = useMemo(() => items.map((item) => item.id), [items])

  // eslint-disable-next-line react-hooks/exhaustive-deps -- retain is stable; the selection object is not
  useEffect(() => selection.retain(new Set(orderedIds)), [orderedIds, selection.retain])
  // The list refreshes itself; the open card is refreshed here when it has no unsaved edits.
  useWorkbenchEvent('roleCards.changed', () => void editor.refreshIfClean())

  const save = useCallback(
    async (overwrite = false) => {
      const outcome = await editor.save(overwrite)
      if (!outcome.ok) return false
      toast({ kind: 'success', message: outcome.created ? t('editor.createdToast') : t('editor.savedToast') })
      setActiveId(outcome.card.id)
      selection.selectOnly(outcome.card.id)
      void list.reload()
      return true
    },
    [editor, list, selection, t, toast],
  )

  /** True when the editor may be left: it is clean, or the user saved or discarded. */
  const confirmLeaveEditor = useCallback(async () => {
    if (!editor.dirty) return true
    const choice = await unsaved.ask()
    if (choice === 'cancel') return false
    return choice === 'discard' || (await save())
  }, [editor.dirty, save, unsaved])

  useLeaveGuard(confirmLeaveEditor)

  useEffect(() => {
    if (!editor.dirty) return
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [editor.dirty])

  /** Opens a card in the editor (after saving or discarding unsaved edits); false when the user stayed. */
  const openCard = useCallback(
    async (id: string) => {
      if (id === activeId && editor.mode === 'existing') {
        selection.selectOnly(id)
        return true
      }
      if (!(await confirmLeaveEditor())) return false
      setActiveId(id)
      selection.selectOnly(id)
      void editor.open(id)
      return true
    },
    [activeId, confirmLeaveEditor, editor, selection],
  )

  // The open card is in the address (#/cards/<id>, replaced as cards are opened), so reload, Back / Forward and a
  // copied link open it again; an address naming another card (Back, a link) opens that one.
  const [address, setAddress] = usePageAddress('roleCards')
  const addressedId = address ? (address[0] ?? null) : undefined
  /** #/cards/<id>/drive: the card's test drive. */
  const driving = address?.[1] === 'drive' && !!addressedId
  const shownId = useRef(activeId)
  useEffect(() => {
    if (shownId.current === activeId) return
    shownId.current = activeId
    if (address && !driving) setAddress(activeId ? [activeId] : [], { replace: true })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the open card is what moves the address
  }, [activeId])
  useEffect(() => {
    if (!addressedId || addressedId === activeId) return
    void openCard(addressedId).then((opened) => {
      if (!opened) setAddress(activeId ? [activeId] : [], { replace: true })
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new address is what opens a card
  }, [addressedId])

  const focusEditor = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus())

  const createCard = useCallback(async () => {
    if (!(await confirmLeaveEditor())) return
    editor.startNew(filters.language || uiLanguage)
    setActiveId(null)
    selection.clear()
    focusEditor()
  }, [confirmLeaveEditor, editor, filters.language, selection, uiLanguage])

  const duplicateCard = async () => {
    const id = editor.card?.id
    if (!id || !(await confirmLeaveEditor())) return
    try {
      const copy = await api.duplicateRoleCard({ id })
      editor.showCard(copy)
      setActiveId(copy.id)
      selection.selectOnly(copy.id)
      toast({ kind: 'success', message: t('editor.duplicatedToast') })
      void list.reload()
    } catch (error) {
      toast({ kind: 'error', message: t('common.unknownError', { message: errorMessage(error) }) })
    }
  }

  const deletion = useDeleteWithUndo({
    onDeleted: (ids) => {
      const gone = new Set(ids)
      if (activeId && gone.has(activeId)) {
        const start = orderedIds.indexOf(activeId)
        const next = [...orderedIds.slice(start + 1), ...orderedIds.slice(0, start).reverse()].find(
          (id) => !gone.has(id),
        )
        if (next) {
          setActiveId(next)
          selection.selectOnly(next)
          void editor.open(next)
        } else {
          setActiveId(null)
          selection.clear()
          editor.close()
        }
      }
      void list.reload()
      listRef.current?.focus()
    },
    onRestored: (cards: RoleCard[]) => {
      void list.reload()
      if (cards.length === 1 && !editor.dirty) {
        setActiveId(cards[0].id)
        selection.selectOnly(cards[0].id)
        void editor.open(cards[0].id)
      }
    },
  })

  const targetIds = () => (selection.selected.size > 0 ? [...selection.selected] : activeId ? [activeId] : [])

  const onRowClick = (id: string, event: MouseEvent) => {
    if (event.shiftKey) selection.extendTo(id, orderedIds)
    else if (event.ctrlKey || event.metaKey) selection.toggle(id)
    else void openCard(id)
  }

  const moveBy = (delta: number | 'first' | 'last') => {
    if (orderedIds.length === 0) return
    const current = activeId ? orderedIds.indexOf(activeId) : -1
    const index =
      delta === 'first'
        ? 0
        : delta === 'last'
          ? orderedIds.length - 1
          : Math.min(orderedIds.length - 1, Math.max(0, current < 0 ? 0 : current + delta))
    void openCard(orderedIds[index])
  }

  usePageShortcuts({
    onSave: () => editor.mode !== 'empty' && void save(),
    onNew: () => void createCard(),
    onSearch: () => searchRef.current?.focus(),
  })

  const { dragging, handlers: dropHandlers } = useFileDrop((file) => setImportFile({ file }))
  const clearFilters = () => setFilters(NO_FILTERS)

  if (driving && addressedId) return <TestDriveView cardId={addressedId} onBack={() => setAddress([addressedId])} />

  return (
    <div className="role-cards-page" {...dropHandlers} data-testid="role-cards-page">
      <RoleCardsHeader
        total={list.page.total}
        workspaceTotal={list.workspaceTotal}
        filtered={list.page.total !== list.workspaceTotal}
        onCreate={() => void createCard()}
        onImport={() => setImportFile({ file: null })}
        onExport={() => setExportOpen(true)}
      />
      {list.error != null && (
        <ErrorBanner onRetry={() => void list.reload()}>
          {t('roleCards.loadFailed', { message: errorMessage(list.error) })}
        </ErrorBanner>
      )}
      <div className="split">
        <RoleCardsListPane
          list={list}
          filters={filters}
          onFiltersChange={setFilters}
          activeId={activeId}
          selection={selection}
          listRef={listRef}
          searchRef={searchRef}
          onRowClick={onRowClick}
          onMove={moveBy}
          onEnter={focusEditor}
          onSelectAll={() => selection.selectAll(orderedIds)}
          onDelete={() => deletion.requestDelete(targetIds())}
          onExport={() => setExportOpen(true)}
          onSimulate={() => navigate('simulations', { newRun: { cardIds: targetIds() } })}
          onBulkEdit={() => setBulkEditIds(targetIds())}
          onCreate={() => void createCard()}
          onImport={() => setImportFile({ file: null })}
          onClearFilters={clearFilters}
        />
        <div className="editor-pane">
          {editor.mode === 'empty' && !editor.loading ? (
            <div className="empty-state" data-testid="editor-empty">
              {editor.loadError != null && (
                <ErrorBanner>{t('common.unknownError', { message: errorMessage(editor.loadError) })}</ErrorBanner>
              )}
              {/* With no cards at all, the list's empty state already says what to do. */}
              {list.workspaceTotal > 0 && (
                <>
                  <p>{t('roleCards.noCardSelected')}</p>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void createCard()}
                    title={t('roleCards.newCardHint')}
                  >
                    {t('roleCards.newCard')}
                  </button>
                </>
              )}
            </div>
          ) : (
            <CardEditor
              editor={editor}
              suggestions={list.page.facets}
              formRef={formRef}
              onSave={(overwrite) => void save(overwrite)}
              onDuplicate={() => void duplicateCard()}
              onDelete={() => editor.card && deletion.requestDelete([editor.card.id])}
              onTestDrive={() =>
                editor.card && void confirmLeaveEditor().then((ok) => ok && setAddress([editor.card!.id, 'drive']))
              }
              onLeave={() => listRef.current?.focus()}
            />
          )}
        </div>
      </div>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>{t('roleCards.dropHere')}</p>
        </div>
      )}
      {importFile && (
        <ImportDialog
          key={importFile.file ? `${importFile.file.name}:${importFile.file.lastModified}` : 'picker'}
          initialFile={importFile.file}
          pools={list.page.facets.pools}
          onClose={() => setImportFile(null)}
          onImported={() => void list.reload()}
        />
      )}
      {exportOpen && (
        <ExportDialog
          selectedIds={targetIds()}
          query={toQuery(queryFilters)}
          matchingCount={list.page.total}
          onClose={() => setExportOpen(false)}
        />
      )}
      {bulkEditIds && (
        <BulkEditDialog
          ids={bulkEditIds}
          pools={list.page.facets.pools}
          tags={list.page.facets.tags}
          onClose={() => setBulkEditIds(null)}
          onEdited={() => {
            void list.reload()
            void editor.refreshIfClean()
          }}
        />
      )}
      {deletion.dialog}
      {unsaved.dialog}
    </div>
  )
}
