import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RowError } from '@shared/roleCard'
import { WorkbenchError } from '@shared/errors'
import { fileToBase64 } from '../../lib/base64'
import { errorMessage } from '../../lib/errors'

export interface ImportReportBase {
  errors: RowError[]
}

export type ImportStep<Report> =
  | { kind: 'options'; error?: string }
  | { kind: 'working'; phase: 'reading' | 'checking' | 'importing' }
  | { kind: 'preview'; report: Report }
  | { kind: 'failed'; report: Report }
  | { kind: 'done'; report: Report }

export interface UploadedFile {
  fileName: string
  contentBase64: string
}

interface ImportFlowConfig<Options extends { file: File | null }, Report extends ImportReportBase> {
  initialOptions: Options
  send: (upload: UploadedFile, options: Options, dryRun: boolean) => Promise<Report>
  /** A report that counts as failed although the request itself succeeded. */
  isFailure?: (report: Report) => boolean
  onDone?: (report: Report) => void
}

export interface ImportFlow<Options extends { file: File | null }, Report extends ImportReportBase> {
  options: Options
  setOptions: (options: Options) => void
  step: ImportStep<Report>
  /** Dry run with the current options, or with `next` when options change in the same click. */
  check: (next?: Options) => Promise<void>
  commit: () => Promise<void>
  back: () => void
}

function isReport(value: unknown): value is ImportReportBase {
  return typeof value === 'object' && value !== null && Array.isArray((value as ImportReportBase).errors)
}

/**
 * Choose → check (dry run) → import → done, or failed with the report's errors.
 * The file is read once and reused while it stays the same.
 */
export function useImportFlow<Options extends { file: File | null }, Report extends ImportReportBase>({
  initialOptions,
  send,
  isFailure,
  onDone,
}: ImportFlowConfig<Options, Report>): ImportFlow<Options, Report> {
  const { t } = useTranslation()
  const [options, setOptions] = useState(initialOptions)
  const [step, setStep] = useState<ImportStep<Report>>({ kind: 'options' })
  const encoded = useRef<{ file: File; base64: string } | null>(null)

  const run = async (dryRun: boolean, current: Options) => {
    const file = current.file
    if (!file) return
    try {
      if (encoded.current?.file !== file) {
        setStep({ kind: 'working', phase: 'reading' })
        encoded.current = { file, base64: await fileToBase64(file) }
      }
      setStep({ kind: 'working', phase: dryRun ? 'checking' : 'importing' })
      const report = await send({ fileName: file.name, contentBase64: encoded.current.base64 }, current, dryRun)
      if (isFailure?.(report)) setStep({ kind: 'failed', report })
      else if (dryRun) setStep({ kind: 'preview', report })
      else {
        setStep({ kind: 'done', report })
        onDone?.(report)
      }
    } catch (error) {
      if (error instanceof WorkbenchError && isReport(error.details))
        setStep({ kind: 'failed', report: error.details as Report })
      else if (error instanceof WorkbenchError && error.code === 'too_large')
        setStep({ kind: 'options', error: t('importDialog.tooLarge', { message: error.message }) })
      else setStep({ kind: 'options', error: t('common.unknownError', { message: errorMessage(error) }) })
    }
  }

  return {
    options,
    setOptions,
    step,
    check: (next = options) => run(true, next),
    commit: () => run(false, options),
    back: () => setStep({ kind: 'options' }),
  }
}
