import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RowError } from '@shared/roleCard'
import { WorkbenchError } from '@shared/errors'
import { uploadFile } from '../../api/client'
import { fileToBase64 } from '../../lib/base64'
import { errorMessage } from '../../lib/errors'

export interface ImportReportBase {
  errors: RowError[]
}

export type ImportStep<Report> =
  | { kind: 'options'; error?: string }
  | { kind: 'working'; phase: 'reading' | 'checking' | 'importing' }
  /** Sending the file as it is (serve mode), in bytes. */
  | { kind: 'working'; phase: 'uploading'; sent: number; total: number }
  | { kind: 'preview'; report: Report }
  | { kind: 'failed'; report: Report }
  | { kind: 'done'; report: Report }

/** The file as an API call takes it: its bytes as base64, or (serve mode, where the call takes one) an upload. */
export type UploadedFile = { fileName: string } & ({ contentBase64: string } | { uploadId: string })

/** The file as base64, for a `send` whose flow does not accept uploads (so never gets one). */
export function asBase64(file: UploadedFile): { fileName: string; contentBase64: string } {
  if (!('contentBase64' in file)) throw new Error('This import takes the file as base64, not as an upload.')
  return file
}

interface ImportFlowConfig<Options extends { file: File | null }, Report extends ImportReportBase> {
  initialOptions: Options
  send: (upload: UploadedFile, options: Options, dryRun: boolean) => Promise<Report>
  /** A report that counts as failed although the request itself succeeded. */
  isFailure?: (report: Report) => boolean
  /** `send` takes an upload id: where the transport can, the file is sent as it is, not as base64. */
  acceptsUpload?: boolean
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
  acceptsUpload = false,
}: ImportFlowConfig<Options, Report>): ImportFlow<Options, Report> {
  const { t } = useTranslation()
  const [options, setOptions] = useState(initialOptions)
  const [step, setStep] = useState<ImportStep<Report>>({ kind: 'options' })
  const encoded = useRef<{ file: File; sent: UploadedFile } | null>(null)
  const upload = acceptsUpload ? uploadFile : null

  /** The file read (or sent) once, and again only when another is chosen or the import took the upload. */
  const prepare = async (file: File): Promise<UploadedFile> => {
    if (encoded.current?.file === file) return encoded.current.sent
    let sent: UploadedFile
    if (upload) {
      setStep({ kind: 'working', phase: 'uploading', sent: 0, total: file.size })
      const receipt = await upload(file, (done, total) =>
        setStep({ kind: 'working', phase: 'uploading', sent: done, total }),
      )
      sent = { fileName: file.name, uploadId: receipt.uploadId }
    } else {
      setStep({ kind: 'working', phase: 'reading' })
      sent = { fileName: file.name, contentBase64: await fileToBase64(file) }
    }
    encoded.current = { file, sent }
    return sent
  }

  const run = async (dryRun: boolean, current: Options) => {
    const file = current.file
    if (!file) return
    try {
      const sent = await prepare(file)
      setStep({ kind: 'working', phase: dryRun ? 'checking' : 'importing' })
      const report = await send(sent, current, dryRun)
      // The server removes an upload once imported from it.
      if (!dryRun && 'uploadId' in sent && !isFailure?.(report)) encoded.current = null
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
