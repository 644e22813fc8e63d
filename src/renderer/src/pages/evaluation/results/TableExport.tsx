import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExportedFile } from '@shared/api'
import { useToast } from '../../../components/Toasts'
import { downloadFile } from '../../../lib/download'
import { errorMessage } from '../../../lib/errors'

const FORMATS = ['csv', 'markdown', 'latex'] as const
export type TableFormat = (typeof FORMATS)[number]

/** A result table as CSV, Markdown or LaTeX, built by the server (provenance included) through `exportTable`. */
export function TableExport({ exportTable }: { exportTable: (format: TableFormat) => Promise<ExportedFile> }) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, setBusy] = useState<string | null>(null)
  const run = async (format: TableFormat) => {
    setBusy(format)
    try {
      downloadFile(await exportTable(format))
    } catch (error) {
      toast({ kind: 'error', message: t('results.tableExportFailed', { message: errorMessage(error) }) })
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className="button-row table-export" role="group" aria-label={t('results.tableExport')}>
      <span className="muted small">{t('results.tableExport')}</span>
      {FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className="button button-small"
          onClick={() => void run(format)}
          disabled={busy !== null}
          title={busy ? t('common.working') : t(`results.tableFormats.${format}Hint`)}
          data-testid={`table-export-${format}`}
        >
          {t(`results.tableFormats.${format}`)}
        </button>
      ))}
    </div>
  )
}
