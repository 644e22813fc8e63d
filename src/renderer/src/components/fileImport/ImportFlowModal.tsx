import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobProgress } from '@shared/api'
import { formatNumber } from '../../lib/format'
import { ErrorBanner } from '../ErrorBanner'
import { Modal } from '../Modal'
import { ProgressBar } from '../ProgressBar'
import { ImportErrorTable } from './ImportErrorTable'
import { ImportFlowFooter, type ImportFlowFooterProps } from './ImportFlowFooter'
import type { ImportReportBase } from './useImportFlow'

interface ImportFlowModalProps<
  Options extends { file: File | null },
  Report extends ImportReportBase,
> extends ImportFlowFooterProps<Options, Report> {
  title: string
  /** Shown until the file is checked, and again after "Change options". */
  optionsForm: ReactNode
  progress?: Pick<JobProgress, 'done' | 'total'> | null
  preview: (report: Report) => ReactNode
  /** Follows the bold "Nothing was imported" above the error table. */
  failedMessage: (report: Report) => ReactNode
  done: (report: Report) => ReactNode
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1)

/** The dialog of a `useImportFlow`: the options form, progress, the checked report, the errors, the result. */
export function ImportFlowModal<Options extends { file: File | null }, Report extends ImportReportBase>({
  title,
  optionsForm,
  progress = null,
  preview,
  failedMessage,
  done,
  ...footer
}: ImportFlowModalProps<Options, Report>) {
  const { t } = useTranslation()
  const { flow, idPrefix, onClose } = footer
  const { step } = flow
  return (
    <Modal
      title={title}
      onClose={onClose}
      size="large"
      testId={`${idPrefix}-dialog`}
      footer={<ImportFlowFooter {...footer} />}
    >
      {step.kind === 'options' && (
        <>
          {step.error && <ErrorBanner testId={`${idPrefix}-error`}>{step.error}</ErrorBanner>}
          {optionsForm}
        </>
      )}
      {step.kind === 'working' && step.phase === 'uploading' && (
        <ProgressBar
          label={t('importDialog.uploading')}
          progress={{ done: step.sent, total: step.total }}
          detail={t('importDialog.uploaded', { done: megabytes(step.sent), total: megabytes(step.total) })}
        />
      )}
      {step.kind === 'working' && step.phase !== 'uploading' && (
        <ProgressBar
          label={t(`importDialog.${step.phase}`)}
          progress={progress}
          detail={
            progress
              ? t('importDialog.progress', { done: formatNumber(progress.done), total: formatNumber(progress.total) })
              : undefined
          }
        />
      )}
      {step.kind === 'preview' && preview(step.report)}
      {step.kind === 'failed' && (
        <div data-testid={`${idPrefix}-failed`}>
          <ErrorBanner>
            <strong>{t('importDialog.failedTitle')}</strong> {failedMessage(step.report)}
          </ErrorBanner>
          <ImportErrorTable errors={step.report.errors} />
        </div>
      )}
      {step.kind === 'done' && done(step.report)}
    </Modal>
  )
}
