import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { SEARCH_DEBOUNCE_MS, type Dataset } from '@shared/dialogue'
import type { NavTarget } from '../../../components/Navigation'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { useDebouncedValue } from '../../../lib/useDebouncedValue'
import { useWorkbenchEvent } from '../../../lib/useWorkbenchEvent'
import { metricLabel } from '../../../lib/scoreText'
import { TranscriptView } from '../transcript/TranscriptView'
import {
  clearedFilters,
  filtersFromTarget,
  hasBrowserFilters,
  toDialogueQuery,
  type BrowserFilters,
  type ScoreFilter,
} from './browserFilters'
import { BrowserHeader } from './BrowserHeader'
import { DialogueFilters } from './DialogueFilters'
import { DialogueList } from './DialogueList'
import { SaveSelectionDialog } from './SaveSelectionDialog'
import { useBrowserShortcuts } from './useBrowserShortcuts'
import { useDialoguePages } from './useDialoguePages'
import { useScoreAnalyses } from './useScoreAnalyses'

interface DatasetBrowserProps {
  dataset: Dataset
  /** Open this dialogue first (from a link elsewhere). */
  initialDialogueId?: string
  /** Open filtered by this score (from a link on the Evaluation page). */
  initialScore?: NavTarget['score']
  deleteBlocked: string | null
  /** The dialogue shown changed (the page keeps it in its address). */
  onDialogueChange?: (dialogueId: string) => void
  onBack: () => void
  onRename: () => void
  onExport: () => void
  onDelete: () => void
  /** A dataset saved from the selection: open it, or export it. */
  onOpenDataset: (dataset: Dataset) => void
  onExportDataset: (dataset: Dataset) => void
}

const REFRESH_MS = 1500

/** One dataset: a searchable, filterable list of its dialogues (any size) beside the selected transcript. */
export function DatasetBrowser({
  dataset,
  initialDialogueId,
  initialScore,
  deleteBlocked,
  onDialogueChange,
  onBack,
  onRename,
  onExport,
  onDelete,
  onOpenDataset,
  onExportDataset,
}: DatasetBrowserProps) {
  const { t } = useTranslation()
  const [filters, setFilters] = useState<BrowserFilters>(() => filtersFromTarget(initialScore))
  const onScoreChange = useCallback(
    (patch: Partial<ScoreFilter>) => setFilters((current) => ({ ...current, score: { ...current.score, ...patch } })),
    [],
  )
  const { analyses, error: analysesError } = useScoreAnalyses(dataset.id, filters.score.evaluationId)
  const [savingSelection, setSavingSelection] = useState(false)
  // Typing (search words, score bounds) waits for a pause before the list reloads. Search words wait less: the
  // target is results within 300 ms of the last key; a search's first page at 55k dialogues takes up to ~50 ms
  // (a frequent word's count follows it: bench:search).
  const debouncedText = useDebouncedValue(filters.text, SEARCH_DEBOUNCE_MS)
  const debouncedScore = useDebouncedValue(filters.score, 300)
  const query = useMemo(
    () => toDialogueQuery(dataset.id, { ...filters, text: debouncedText, score: debouncedScore }),
    [dataset.id, filters, debouncedText, debouncedScore],
  )
  const queryKey = JSON.stringify(query)
  const pages = useDialoguePages(query)
  const total = pages.total ?? 0
  const { itemAt, ensure, refresh } = pages
  const [active, setActive] = useState<{ index: number; id: string | null }>({
    index: -1,
    id: initialDialogueId ?? null,
  })
  const listRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)

  // A new query starts at its first match (a linked dialogue stays open until the user moves).
  const firstQuery = useRef(true)
  useEffect(() => {
    if (firstQuery.current) {
      firstQuery.current = false
      return
    }
    setActive({ index: -1, id: null })
  }, [queryKey])

  // Pick the first match when nothing is open; fill in the id once the active row's page has arrived.
  useEffect(() => {
    if (pages.total === null) return
    setActive((current) => {
      if (current.index < 0 && current.id === null && total > 0) return { index: 0, id: itemAt(0)?.id ?? null }
      if (current.index >= 0 && current.id === null) {
        const id = itemAt(current.index)?.id ?? null
        return id ? { ...current, id } : current
      }
      return current
    })
  }, [pages.version, pages.total, total, itemAt])

  useEffect(() => {
    if (active.id) onDialogueChange?.(active.id)
  }, [active.id, onDialogueChange])

  const select = useCallback((index: number) => setActive({ index, id: itemAt(index)?.id ?? null }), [itemAt])
  // A case's sessions are stored one after another: in the list's own order the session `delta` away is usually that
  // many rows away; otherwise (filtered, sorted) it opens by its id.
  const openSession = useCallback(
    (id: string, delta: number) =>
      setActive((current) => {
        const index = current.index + delta
        return current.index >= 0 && itemAt(index)?.id === id ? { index, id } : { index: -1, id }
      }),
    [itemAt],
  )

  // Functional update: key repeat can outrun rendering, and each press must count from the latest position.
  const totalRef = useRef(total)
  totalRef.current = total
  const move = useCallback(
    (delta: number | 'first' | 'last') => {
      setActive((current) => {
        const count = totalRef.current
        if (count === 0) return current
        const from = current.index
        const index =
          delta === 'first'
            ? 0
            : delta === 'last'
              ? count - 1
              : Math.min(count - 1, Math.max(0, from < 0 ? 0 : from + delta))
        if (index === from) return current
        ensure(index, index)
        return { index, id: itemAt(index)?.id ?? null }
      })
    },
    [ensure, itemAt],
  )

  useBrowserShortcuts({ onSearch: () => searchRef.current?.focus(), onMove: move })

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, number | 'first' | 'last'> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: 10,
      PageUp: -10,
      Home: 'first',
      End: 'last',
    }
    const delta = keys[event.key]
    if (delta === undefined || event.altKey) return
    event.preventDefault()
    move(delta)
  }

  // Dialogues of a running run change status as we watch: refresh the loaded pages now and then.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useWorkbenchEvent('dialogue.status', (event) => {
    if (dataset.kind !== 'run' || refreshTimer.current) return
    const runId = itemAt(Math.max(0, active.index))?.runId
    if (runId && event.runId !== runId) return
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null
      refresh()
    }, REFRESH_MS)
  })
  useEffect(() => () => void (refreshTimer.current && clearTimeout(refreshTimer.current)), [])

  const filtered = hasBrowserFilters(filters)
  const scoreQuery = query.score
  const scoreColumn = useMemo(
    () =>
      scoreQuery
        ? {
            metric: metricLabel(t, scoreQuery.metric),
            analysis: analyses?.find((a) => a.id === scoreQuery.evaluationId)?.name ?? '',
          }
        : null,
    [scoreQuery, analyses, t],
  )
  const position =
    active.index >= 0
      ? t(pages.counting ? 'transcript.positionCounting' : 'transcript.position', {
          n: formatNumber(active.index + 1),
          total: formatNumber(total),
        })
      : ''

  return (
    <div className="dataset-browser" data-testid="dataset-browser" data-dataset-id={dataset.id}>
      <BrowserHeader
        dataset={dataset}
        total={pages.total}
        counting={pages.counting}
        filtered={filtered}
        deleteBlocked={deleteBlocked}
        onBack={onBack}
        onRename={onRename}
        onExport={onExport}
        onDelete={onDelete}
        onSaveSelection={filtered ? () => setSavingSelection(true) : null}
      />
      {pages.error != null && (
        <ErrorBanner onRetry={refresh}>{t('browser.loadFailed', { message: errorMessage(pages.error) })}</ErrorBanner>
      )}
      <div className="split">
        <section className="list-pane" aria-label={t('browser.listLabel')}>
          <DialogueFilters
            filters={filters}
            searchRef={searchRef}
            onChange={setFilters}
            analyses={analyses}
            analysesError={analysesError}
            onScoreChange={onScoreChange}
          />
          {pages.total === 0 ? (
            <div className="empty-state" data-testid="dialogues-empty">
              {filtered ? (
                <>
                  <h3>{t('browser.noMatchTitle')}</h3>
                  <p>{t('browser.noMatchBody')}</p>
                  <button type="button" className="button" onClick={() => setFilters(clearedFilters(filters))}>
                    {t('roleCards.clearFilters')}
                  </button>
                </>
              ) : (
                <p>{t('browser.emptyDataset')}</p>
              )}
            </div>
          ) : (
            <DialogueList
              pages={pages}
              activeIndex={active.index}
              listRef={listRef}
              resetKey={queryKey}
              scoreColumn={scoreColumn}
              onSelect={select}
              onKeyDown={onListKeyDown}
            />
          )}
          <footer className="list-footer">
            <span className="muted small" id="dialogue-list-hint">
              {t('browser.listHint')}
            </span>
          </footer>
        </section>
        <div className="detail-pane">
          {active.id ? (
            <TranscriptView
              dialogueId={active.id}
              highlight={debouncedText}
              position={position}
              onPrev={active.index > 0 ? () => move(-1) : null}
              onNext={active.index >= 0 && active.index < total - 1 ? () => move(1) : null}
              onOpenSession={openSession}
              onShowCase={(caseId) => setFilters((current) => ({ ...current, caseId, session: '' }))}
            />
          ) : (
            <div className="empty-state">{total > 0 ? <p>{t('browser.noSelection')}</p> : null}</div>
          )}
        </div>
      </div>
      {savingSelection && (
        <SaveSelectionDialog
          dataset={dataset}
          query={query}
          count={pages.counting ? null : pages.total}
          onClose={() => setSavingSelection(false)}
          onOpen={(saved) => {
            setSavingSelection(false)
            onOpenDataset(saved)
          }}
          onExport={(saved) => {
            setSavingSelection(false)
            onExportDataset(saved)
          }}
        />
      )}
    </div>
  )
}
