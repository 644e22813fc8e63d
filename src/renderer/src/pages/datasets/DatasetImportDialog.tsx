import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DatasetProgress } from '@shared/dialogue'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'
import type { DatasetImportReport } from '@shared/datasetApi'
import { api } from '../../api/client'
import { ImportErrorTable } from '../../components/fileImport/ImportErrorTable'
import { ImportFlowModal } from '../../components/fileImport/ImportFlowModal'
import { useImportFlow } from '../../components/fileImport/useImportFlow'
import { formatNumber } from '../../lib/format'
import { DatasetImportOptions, nameFromFile, type DatasetImportOptionsValue } from './DatasetImportOptions'
import { DatasetImportReportView } from './DatasetImportReportView'

interface DatasetImportDialogProps {
  initialFile: File | null
  onClose: () => void
  onOpenDataset: (datasetId: string) => void
}

/** Every problem is a broken row and some rows are fine, so skipping the broken ones would still import something. */
const rowErrorsOnly = (report: DatasetImportReport) => report.errors.every((e) => e.row !== null) && report.imported > 0

/** Choose → check (dry run) → import; broken rows are listed, and may be skipped. */
export function DatasetImportDialog({ initialFile, onClose, onOpenDataset }: DatasetImportDialogProps) {
  const { t } = useTranslation()
  const flow = useImportFlow<DatasetImportOptionsValue, DatasetImportReport>({
    initialOptions: {
      file: initialFile,
      format: 'auto',
      name: initialFile ? nameFromFile(initialFile.name) : '',
      skipInvalidRows: false,
    },
    acceptsUpload: true,
    send: (upload, options, dryRun) =>
      api.importDataset({
        ...upload,
        format: options.format,
        name: options.name.trim() || undefined,
        skipInvalidRows: options.skipInvalidRows,
        dryRun,
      }),
  })

  // Dialogues stored so far, while this dialog's import runs (the server parses, then stores in batches).
  const importing = flow.step.kind === 'working' && flow.step.phase === 'importing'
  const [stored, setStored] = useState<DatasetProgress | null>(null)
  useWorkbenchEvent('datasets.progress', (p) => {
    if (p.operation === 'import' && importing) setStored(p)
  })
  useEffect(() => {
    if (!importing) setStored(null)
  }, [importing])

  const skipAndRetry = () => {
    const next = { ...flow.options, skipInvalidRows: true }
    flow.setOptions(next)
    void flow.check(next)
  }

  return (
    <ImportFlowModal
      title={t('datasetImport.title')}
      idPrefix="dataset-import"
      flow={flow}
      progress={stored}
      onClose={onClose}
      optionsForm={<DatasetImportOptions value={flow.options} onChange={flow.setOptions} />}
      toCommit={(report) => report.imported}
      commitLabel={(count, formatted) => t('datasetImport.importN', { count, formatted })}
      preview={(report) => (
        <div data-testid="dataset-import-preview">
          <DatasetImportReportView report={report} title={t('importDialog.reportTitle')} />
          {report.errors.length > 0 && (
            <div className="import-skipped">
              <p className="banner banner-warning">{t('datasetImport.willSkip', { count: report.skipped })}</p>
              <ImportErrorTable errors={report.errors} />
            </div>
          )}
        </div>
      )}
      failedMessage={(report) =>
        rowErrorsOnly(report)
          ? t('datasetImport.failedRowsBody', { count: report.imported })
          : t('datasetImport.failedBody')
      }
      failedAction={(report) =>
        rowErrorsOnly(report) &&
        !flow.options.skipInvalidRows && (
          <button
            type="button"
            className="button button-primary"
            onClick={skipAndRetry}
            data-autofocus
            data-testid="dataset-import-skip-retry"
          >
            {t('datasetImport.skipAndCheck')}
          </button>
        )
      }
      done={(report) => (
        <div data-testid="dataset-import-done">
          <div className="banner banner-success" role="status">
            <strong>{t('importDialog.doneTitle')}</strong>{' '}
            {t('datasetImport.doneBody', {
              count: report.imported,
              imported: formatNumber(report.imported),
              skipped: formatNumber(report.skipped),
            })}
          </div>
          <DatasetImportReportView report={report} title={t('datasetImport.summary')} done />
        </div>
      )}
      doneAction={(report) =>
        report.datasetId && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => onOpenDataset(report.datasetId!)}
            data-autofocus
            data-testid="dataset-import-open"
          >
            {t('datasetImport.openDataset')}
          </button>
        )
      }
    />
  )
}
