import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import type { RunSummary } from '@shared/simulation'
import { api } from '../../api/client'
import { useConfirmedAction } from '../../components/ConfirmDialog'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useNavigate, type PageTarget } from '../../components/Navigation'
import { usePageAddress } from '../../lib/address'
import { useToast } from '../../components/Toasts'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useFileDrop } from '../../lib/useFileDrop'
import { useLiveList } from '../../lib/useLiveList'
import { DatasetBrowser } from './browser/DatasetBrowser'
import { DatasetExportDialog } from './DatasetExportDialog'
import { DatasetImportDialog } from './DatasetImportDialog'
import { DatasetRenameDialog } from './DatasetRenameDialog'
import { DatasetTable, deleteBlockedReason } from './DatasetTable'
import { useDatasets } from './useDatasets'

export function DatasetsPage({ target }: { target: PageTarget | null }) {
  const { t } = useTranslation()
  const toast = useToast()
  const navigate = useNavigate()
  const { datasets, error, reload } = useDatasets()
  const { items: runs } = useLiveList(api.listRuns, 'run.progress')
  // The dataset open in the browser and its dialogue are in the address (#/datasets/<id>/<dialogueId>); a link from
  // another page may add a score filter to open it with.
  const [rest, setRest] = usePageAddress('datasets')
  const open = rest?.[0] ? { id: rest[0], dialogueId: rest[1] } : null
  const setOpen = (next: { id: string } | null) => setRest(next ? [next.id] : [])
  const [importFile, setImportFile] = useState<{ file: File | null } | null>(null)
  const [renaming, setRenaming] = useState<Dataset | null>(null)
  const [exporting, setExporting] = useState<Dataset | null>(null)
  /** A dataset opened by id before the list has it (just imported, or a run's just created). */
  const awaiting = useRef<string | null>(null)
  const openById = (id: string) => {
    awaiting.current = id
    setOpen({ id })
    void reload()
  }
  // A link's dataset may be newer than the list (a run's, just created).
  useEffect(() => {
    if (target?.datasetId) {
      awaiting.current = target.datasetId
      void reload()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new navigation target (seq) is what opens a dataset
  }, [target?.seq])
  // The link's score filter applies to the dataset it named; its seq is part of the browser's key, so following the
  // same link again starts the browser over (filters included).
  const link = target?.datasetId && target.datasetId === open?.id ? target : null
  const onDialogueChange = useCallback(
    (dialogueId: string) => open && setRest([open.id, dialogueId], { replace: true }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- setRest is stable; the open dataset is what matters
    [open?.id],
  )

  const runsByDataset = useMemo(
    () => new Map<string, RunSummary>((runs ?? []).map((run) => [run.datasetId, run])),
    [runs],
  )
  const openDataset = open && datasets ? datasets.find((d) => d.id === open.id) : undefined

  // A dataset deleted elsewhere (or a link to one that is gone) shows the datasets instead.
  const openId = open?.id
  useEffect(() => {
    if (openDataset && awaiting.current === openDataset.id) awaiting.current = null
    if (openId && datasets && !openDataset && awaiting.current !== openId) setRest([], { replace: true })
  }, [openId, datasets, openDataset, setRest])

  const deletion = useConfirmedAction<Dataset>({
    dialog: (dataset) => ({
      title: t('datasets.confirmDeleteTitle', { name: dataset.name }),
      body:
        dataset.kind === 'run'
          ? t('datasets.confirmDeleteRunBody', { count: dataset.dialogueCount })
          : t('datasets.confirmDeleteBody', { count: dataset.dialogueCount }),
      confirmLabel: t('common.delete'),
      testId: 'dataset-delete-dialog',
    }),
    run: async (dataset) => {
      await api.deleteDataset({ id: dataset.id })
      toast({ kind: 'success', message: t('datasets.deletedToast', { name: dataset.name }) })
      if (open?.id === dataset.id) setOpen(null)
      void reload()
    },
    failedMessage: (message) => t('datasets.deleteFailed', { message }),
  })

  const { dragging, handlers: dropHandlers } = useFileDrop((file) => setImportFile({ file }))

  return (
    <div className="datasets-page" {...dropHandlers} data-testid="datasets-page">
      {openDataset ? (
        <DatasetBrowser
          key={`${openDataset.id}:${link?.seq ?? ''}`}
          dataset={openDataset}
          initialDialogueId={open?.dialogueId}
          initialScore={link?.score}
          onDialogueChange={onDialogueChange}
          deleteBlocked={deleteBlockedReason(runsByDataset.get(openDataset.id), t)}
          onBack={() => setOpen(null)}
          onRename={() => setRenaming(openDataset)}
          onExport={() => setExporting(openDataset)}
          onDelete={() => deletion.ask(openDataset)}
          onOpenDataset={(saved) => openById(saved.id)}
          onExportDataset={setExporting}
        />
      ) : (
        <>
          <header className="page-header">
            <div className="page-title">
              <h1>{t('datasets.title')}</h1>
              {datasets && (
                <span className="muted" data-testid="dataset-count-total">
                  {t('datasets.count', { count: datasets.length, formatted: formatNumber(datasets.length) })}
                </span>
              )}
            </div>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setImportFile({ file: null })}
              data-testid="dataset-import-button"
            >
              {t('datasets.import')}
            </button>
          </header>
          <div className="datasets-body">
            {error != null && (
              <ErrorBanner onRetry={() => void reload()}>
                {t('datasets.loadFailed', { message: errorMessage(error) })}
              </ErrorBanner>
            )}
            {datasets && datasets.length === 0 && (
              <div className="empty-state" data-testid="datasets-empty">
                <h3>{t('datasets.emptyTitle')}</h3>
                <p>{t('datasets.emptyBody')}</p>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-primary"
                    onClick={() => navigate('simulations')}
                    data-testid="datasets-empty-run"
                  >
                    {t('datasets.emptyRun')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => setImportFile({ file: null })}
                    data-testid="datasets-empty-import"
                  >
                    {t('datasets.import')}
                  </button>
                </div>
                <p className="muted small">{t('datasets.dropHint')}</p>
              </div>
            )}
            {datasets && datasets.length > 0 && (
              <DatasetTable
                datasets={datasets}
                runsByDataset={runsByDataset}
                onOpen={(d) => setOpen({ id: d.id })}
                onRename={setRenaming}
                onExport={setExporting}
                onDelete={deletion.ask}
              />
            )}
            {!datasets && error == null && <p className="muted">{t('app.loading')}</p>}
          </div>
        </>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>{t('datasets.dropHere')}</p>
        </div>
      )}
      {importFile && (
        <DatasetImportDialog
          key={importFile.file ? `${importFile.file.name}:${importFile.file.lastModified}` : 'picker'}
          initialFile={importFile.file}
          onClose={() => setImportFile(null)}
          onOpenDataset={(id) => {
            setImportFile(null)
            openById(id)
          }}
        />
      )}
      {renaming && (
        <DatasetRenameDialog dataset={renaming} onClose={() => setRenaming(null)} onRenamed={() => void reload()} />
      )}
      {exporting && <DatasetExportDialog dataset={exporting} onClose={() => setExporting(null)} />}
      {deletion.dialog}
    </div>
  )
}
