import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportReport } from '@shared/roleCard'
import { WorkbenchError } from '@shared/errors'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { ProgressBar } from '../../components/ProgressBar'
import { fileToBase64 } from '../../lib/base64'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'
import { useJobProgress } from '../../lib/useJobProgress'
import { ImportErrorTable } from './ImportErrorTable'
import { ImportOptions, parseTags, poolFromFileName, type ImportOptionsValue } from './ImportOptions'
import { ImportReportView } from './ImportReportView'

type Step =
  | { kind: 'options'; error?: string }
  | { kind: 'working'; phase: 'reading' | 'checking' | 'importing' }
  | { kind: 'preview'; report: ImportReport }
  | { kind: 'failed'; report: ImportReport }
  | { kind: 'done'; report: ImportReport }

function isImportReport(value: unknown): value is ImportReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as ImportReport).errors)
}

interface ImportDialogProps {
  initialFile: File | null
  pools: string[]
  onClose: () => void
  onImported: (report: ImportReport) => void
}

/** Choose → check (dry run) → import. Nothing is written until the user confirms the checked report. */
export function ImportDialog({ initialFile, pools, onClose, onImported }: ImportDialogProps) {
  const { t } = useTranslation()
  const [options, setOptions] = useState<ImportOptionsValue>({
    file: initialFile,
    format: 'auto',
    onConflict: 'error',
    pool: initialFile ? poolFromFileName(initialFile.name) : '',
    tags: '',
  })
  const [step, setStep] = useState<Step>({ kind: 'options' })
  const encoded = useRef<{ file: File; base64: string } | null>(null)
  const progress = useJobProgress('import', step.kind === 'working')

  const run = async (dryRun: boolean) => {
    const file = options.file
    if (!file) return
    try {
      if (encoded.current?.file !== file) {
        setStep({ kind: 'working', phase: 'reading' })
        encoded.current = { file, base64: await fileToBase64(file) }
      }
      setStep({ kind: 'working', phase: dryRun ? 'checking' : 'importing' })
      const tags = parseTags(options.tags)
      const report = await api.importRoleCards({
        fileName: file.name,
        contentBase64: encoded.current.base64,
        format: options.format,
        onConflict: options.onConflict,
        pool: options.pool.trim() || undefined,
        tags: tags.length ? tags : undefined,
        dryRun,
      })
      if (report.errors.length > 0) setStep({ kind: 'failed', report })
      else if (dryRun) setStep({ kind: 'preview', report })
      else {
        setStep({ kind: 'done', report })
        onImported(report)
      }
    } catch (error) {
      if (error instanceof WorkbenchError && isImportReport(error.details)) setStep({ kind: 'failed', report: error.details })
      else if (error instanceof WorkbenchError && error.code === 'too_large') setStep({ kind: 'options', error: t('importDialog.tooLarge', { message: error.message }) })
      else setStep({ kind: 'options', error: t('common.unknownError', { message: errorMessage(error) }) })
    }
  }

  const back = () => setStep({ kind: 'options' })
  const phaseLabel = step.kind === 'working' ? t(`importDialog.${step.phase}`) : ''
  const toImport = step.kind === 'preview' ? step.report.imported + step.report.replaced : 0

  const footer = (() => {
    switch (step.kind) {
      case 'options':
        return (
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button button-primary" disabled={!options.file} title={options.file ? t('importDialog.checkHint') : t('importDialog.noFileReason')} onClick={() => void run(true)} data-testid="import-check">
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
            <button type="button" className="button" onClick={back} data-testid="import-back">
              {t('importDialog.changeOptions')}
            </button>
            <button type="button" className="button button-primary" disabled={toImport === 0} title={toImport === 0 ? t('importDialog.nothingToImportReason') : undefined} onClick={() => void run(false)} data-autofocus data-testid="import-commit">
              {t('importDialog.importN', { count: toImport, formatted: formatNumber(toImport) })}
            </button>
          </>
        )
      case 'failed':
        return (
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('common.close')}
            </button>
            <button type="button" className="button button-primary" onClick={back} data-autofocus data-testid="import-back">
              {t('importDialog.changeOptions')}
            </button>
          </>
        )
      case 'done':
        return (
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus data-testid="import-close">
            {t('common.close')}
          </button>
        )
    }
  })()

  return (
    <Modal title={t('importDialog.title')} onClose={onClose} size="large" testId="import-dialog" footer={footer}>
      {step.kind === 'options' && (
        <>
          {step.error && <ErrorBanner testId="import-error">{step.error}</ErrorBanner>}
          <ImportOptions value={options} pools={pools} onChange={setOptions} />
        </>
      )}
      {step.kind === 'working' && (
        <ProgressBar label={phaseLabel} progress={progress} detail={progress ? t('importDialog.progress', { done: progress.done, total: progress.total }) : undefined} />
      )}
      {step.kind === 'preview' && <ImportReportView report={step.report} title={t('importDialog.reportTitle')} />}
      {step.kind === 'failed' && (
        <div data-testid="import-failed">
          <ErrorBanner>
            <strong>{t('importDialog.failedTitle')}</strong> {t('importDialog.failedBody')}
          </ErrorBanner>
          <ImportErrorTable errors={step.report.errors} />
        </div>
      )}
      {step.kind === 'done' && (
        <div className="banner banner-success" role="status" data-testid="import-done">
          <strong>{t('importDialog.doneTitle')}</strong>{' '}
          {t('importDialog.doneBody', { imported: formatNumber(step.report.imported), skipped: formatNumber(step.report.skipped), replaced: formatNumber(step.report.replaced) })}
        </div>
      )}
    </Modal>
  )
}
