import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import type { RunSummary } from '@shared/simulation'
import { DataTable } from '../../components/DataTable'
import { RanOn } from '../remote/RanOn'
import { formatDateTime, formatNumber } from '../../lib/format'

interface DatasetTableProps {
  datasets: Dataset[]
  runsByDataset: Map<string, RunSummary>
  onOpen: (dataset: Dataset) => void
  onRename: (dataset: Dataset) => void
  onExport: (dataset: Dataset) => void
  onDelete: (dataset: Dataset) => void
}

/** Whether a dataset may be deleted now: not while its run is still producing it. */
export function deleteBlockedReason(run: RunSummary | undefined, t: (key: string) => string): string | null {
  return run && run.status === 'running' ? t('datasets.deleteRunningReason') : null
}

export function DatasetTable({ datasets, runsByDataset, onOpen, onRename, onExport, onDelete }: DatasetTableProps) {
  const { t } = useTranslation()
  const columns = [
    { label: t('datasets.colName') },
    { label: t('datasets.colKind') },
    { label: t('datasets.colDialogues'), numeric: true },
    { label: t('datasets.colLanguage') },
    { label: t('datasets.colCreated') },
    { label: <span className="visually-hidden">{t('datasets.colActions')}</span> },
  ]
  return (
    <DataTable
      columns={columns}
      className="dataset-table"
      scrollClassName="dataset-table-scroll"
      testId="dataset-table"
    >
      {datasets.map((dataset) => {
        const run = runsByDataset.get(dataset.id)
        const blocked = deleteBlockedReason(run, t)
        return (
          <tr key={dataset.id} data-testid="dataset-row" data-dataset-id={dataset.id}>
            <td>
              <button
                type="button"
                className="link-button dataset-name"
                onClick={() => onOpen(dataset)}
                data-testid="dataset-open"
              >
                {dataset.name}
              </button>
              <div className="muted small dataset-source">
                {run ? t('datasets.fromRun', { status: t(`status.${run.status}`) }) : dataset.source}
              </div>
              {dataset.ranOn && <RanOn ranOn={dataset.ranOn} testId="dataset-ran-on" />}
            </td>
            <td>
              <span className={`badge ${dataset.kind === 'run' ? 'badge-running' : 'badge-neutral'}`}>
                {t(`datasets.kinds.${dataset.kind}`)}
              </span>
            </td>
            <td className="numeric" data-testid="dataset-count">
              {formatNumber(dataset.dialogueCount)}
            </td>
            <td>
              {dataset.language === 'mixed' ? t('datasets.mixed') : t(`editor.cardLanguages.${dataset.language}`)}
            </td>
            <td>{formatDateTime(dataset.createdAt)}</td>
            <td>
              <div className="button-row row-actions">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onOpen(dataset)}
                  title={t('datasets.openHint')}
                >
                  {t('datasets.open')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onRename(dataset)}
                  data-testid="dataset-rename"
                >
                  {t('datasets.rename')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onExport(dataset)}
                  disabled={dataset.dialogueCount === 0}
                  title={dataset.dialogueCount === 0 ? t('datasets.emptyExportReason') : undefined}
                  data-testid="dataset-export"
                >
                  {t('datasets.export')}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger-outline"
                  onClick={() => onDelete(dataset)}
                  disabled={blocked !== null}
                  title={blocked ?? undefined}
                  data-testid="dataset-delete"
                >
                  {t('common.delete')}
                </button>
              </div>
            </td>
          </tr>
        )
      })}
    </DataTable>
  )
}
