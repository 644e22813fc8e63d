import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DatasetImportReport } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { ProgressBar } from '../../components/ProgressBar'
import { fileToBase64 } from '../../lib/base64'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { ImportErrorTable } from '../roleCards/ImportErrorTable'
import { DatasetImportOptions, nameFromFile, type DatasetImportOptionsValue } from './DatasetImportOptions'
import { DatasetImportReportView } from './DatasetImportReportView'

type Step =
  | { kind: 'options'; error?: string }
  | { kind: 'working'; phase: 'reading' | 'checking' | 'importing' }
  | { kind: 'preview'; report: DatasetImportReport }
  | { kind: 'failed'; report: DatasetImportReport }
  | { kind: 'done'; report: DatasetImportReport }

const isReport = (value: unknown): value is DatasetImportReport => typeof value === 'object' && value !== null && Array.isArray((value as DatasetImportReport).errors)

interface DatasetImportDialogProps {
  initialFile: File | null
  onClose: () => void
  onOpenDataset: (datasetId: string) => void
}

/** Choose → check (dry run) → import; broken rows are listed, and may be skipped. */
export function DatasetImportDialog({ initialFile, onClose, onOpenDataset }: DatasetImportDialogProps) {
  const { t } = useTranslation()
  const [options, setOptions] = useState<DatasetImportOptionsValue>({ file: initialFile, format: 'auto', name: initialFile ? nameFromFile(initialFile.name) : '', skipInvalidRows: false })
  const [step, setStep] = useState<Step>({ kind: 'options' })
  const encoded = useRef<{ file: File; base64: string } | null>(null)

  const run = async (dryRun: boolean, current = options) => {
    const file = current.file
    if (!file) return
    try {
      if (encoded.current?.file !== file) {
        setStep({ kind: 'working', phase: 'reading' })
        encoded.current = { file, base64: await fileToBase64(file) }
      }
      setStep({ kind: 'working', phase: dryRun ? 'checking' : 'importing' })
      const report = await api.importDataset({
        fileName: file.name,
        contentBase64: encoded.current.base64,
        format: current.format,
        name: current.name.trim() || undefined,
        skipInvalidRows: current.skipInvalidRows,
        dryRun,
      })
      setStep({ kind: dryRun ? 'preview' : 'done', report })
    } catch (error) {
      if (error instanceof WorkbenchError && isReport(error.details)) setStep({ kind: 'failed', report: error.details })
      else if (error instanceof WorkbenchError && error.code === 'too_large') setStep({ kind: 'options', error: t('importDialog.tooLarge', { message: error.message }) })
      else setStep({ kind: 'options', error: t('common.unknownError', { message: errorMessage(error) }) })
    }
  }

  const skipAndRetry = () => {
    const next = { ...options, skipInvalidRows: true }
    setOptions(next)
    void run(true, next)
  }

  const back = () => setStep({ kind: 'options' })
  const phaseLabel = step.kind === 'working' ? t(`importDialog.${step.phase}`) : ''
  const rowErrorsOnly = step.kind === 'failed' && step.report.errors.every((e) => e.row !== null) && step.report.imported > 0

  const footer = (() => {
    switch (step.kind) {
      case 'options':
        return (
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button button-primary" disabled={!options.file} title={options.file ? t('importDialog.checkHint') : t('importDialog.noFileReason')} onClick={() => void run(true)} data-testid="dataset-import-check">
              {t('importDialog.check')}
            </button>
          </>
        )
      case 'working':
        return (
          <button type="button" className="button" disabled title={phaseLabel}>
            {t('common.working')}
          </button>
        )
      case 'preview':
        return (
          <>
            <button type="button" className="button" onClick={back} data-testid="dataset-import-back">
              {t('importDialog.changeOptions')}
            </button>
            <button type="button" className="button button-primary" disabled={step.report.imported === 0} title={step.report.imported === 0 ? t('importDialog.nothingToImportReason') : undefined} onClick={() => void run(false)} data-autofocus data-testid="dataset-import-commit">
              {t('datasetImport.importN', { count: step.report.imported, formatted: formatNumber(step.report.imported) })}
            </button>
          </>
        )
      case 'failed':
        return (
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('common.close')}
            </button>
            <button type="button" className="button" onClick={back} data-testid="dataset-import-back">
              {t('importDialog.changeOptions')}
            </button>
            {rowErrorsOnly && !options.skipInvalidRows && (
              <button type="button" className="button button-primary" onClick={skipAndRetry} data-autofocus data-testid="dataset-import-skip-retry">
                {t('datasetImport.skipAndCheck')}
              </button>
            )}
          </>
        )
      case 'done':
        return (
          <>
            <button type="button" className="button" onClick={onClose} data-testid="dataset-import-close">
              {t('common.close')}
            </button>
            {step.report.datasetId && (
              <button type="button" className="button button-primary" onClick={() => onOpenDataset(step.report.datasetId!)} data-autofocus data-testid="dataset-import-open">
                {t('datasetImport.openDataset')}
              </button>
            )}
          </>
        )
    }
  })()

  return (
    <Modal title={t('datasetImport.title')} onClose={onClose} size="large" testId="dataset-import-dialog" footer={footer}>
      {step.kind === 'options' && (
        <>
          {step.error && <ErrorBanner testId="dataset-import-error">{step.error}</ErrorBanner>}
          <DatasetImportOptions value={options} onChange={setOptions} />
        </>
      )}
      {step.kind === 'working' && <ProgressBar label={phaseLabel} progress={null} />}
      {step.kind === 'preview' && (
        <div data-testid="dataset-import-preview">
          <DatasetImportReportView report={step.report} title={t('importDialog.reportTitle')} />
          {step.report.errors.length > 0 && (
            <div className="import-skipped">
              <p className="banner banner-warning">{t('datasetImport.willSkip', { count: step.report.skipped })}</p>
              <ImportErrorTable errors={step.report.errors} />
            </div>
          )}
        </div>
      )}
      {step.kind === 'failed' && (
        <div data-testid="dataset-import-failed">
          <ErrorBanner>
            <strong>{t('importDialog.failedTitle')}</strong> {rowErrorsOnly ? t('datasetImport.failedRowsBody', { count: step.report.imported }) : t('datasetImport.failedBody')}
          </ErrorBanner>
          <ImportErrorTable errors={step.report.errors} />
        </div>
      )}
      {step.kind === 'done' && (
        <div data-testid="dataset-import-done">
          <div className="banner banner-success" role="status">
            <strong>{t('importDialog.doneTitle')}</strong> {t('datasetImport.doneBody', { imported: formatNumber(step.report.imported), skipped: formatNumber(step.report.skipped) })}
          </div>
          <DatasetImportReportView report={step.report} title={t('datasetImport.summary')} done />
        </div>
      )}
    </Modal>
  )
}
