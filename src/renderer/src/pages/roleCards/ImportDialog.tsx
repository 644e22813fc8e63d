import { useTranslation } from 'react-i18next'
import type { ImportReport } from '@shared/roleCard'
import { api } from '../../api/client'
import { ImportFlowModal } from '../../components/fileImport/ImportFlowModal'
import { asBase64, useImportFlow } from '../../components/fileImport/useImportFlow'
import { formatNumber } from '../../lib/format'
import { useJobProgress } from '../../lib/useJobProgress'
import { ImportOptions, parseTags, poolFromFileName, type ImportOptionsValue } from './ImportOptions'
import { ImportReportView } from './ImportReportView'

interface ImportDialogProps {
  initialFile: File | null
  pools: string[]
  onClose: () => void
  onImported: (report: ImportReport) => void
}

/** Choose → check (dry run) → import. Nothing is written until the user confirms the checked report. */
export function ImportDialog({ initialFile, pools, onClose, onImported }: ImportDialogProps) {
  const { t } = useTranslation()
  const flow = useImportFlow<ImportOptionsValue, ImportReport>({
    initialOptions: {
      file: initialFile,
      format: 'auto',
      onConflict: 'error',
      pool: initialFile ? poolFromFileName(initialFile.name) : '',
      tags: '',
    },
    send: (upload, options, dryRun) => {
      const tags = parseTags(options.tags)
      return api.importRoleCards({
        ...asBase64(upload),
        format: options.format,
        onConflict: options.onConflict,
        pool: options.pool.trim() || undefined,
        tags: tags.length ? tags : undefined,
        dryRun,
      })
    },
    isFailure: (report) => report.errors.length > 0,
    onDone: onImported,
  })
  const progress = useJobProgress('import', flow.step.kind === 'working')

  return (
    <ImportFlowModal
      title={t('importDialog.title')}
      idPrefix="import"
      flow={flow}
      onClose={onClose}
      optionsForm={<ImportOptions value={flow.options} pools={pools} onChange={flow.setOptions} />}
      progress={progress}
      toCommit={(report) => report.imported + report.replaced}
      commitLabel={(count, formatted) => t('importDialog.importN', { count, formatted })}
      preview={(report) => <ImportReportView report={report} title={t('importDialog.reportTitle')} />}
      failedMessage={() => t('importDialog.failedBody')}
      done={(report) => (
        <div className="banner banner-success" role="status" data-testid="import-done">
          <strong>{t('importDialog.doneTitle')}</strong>{' '}
          {t('importDialog.doneBody', {
            imported: formatNumber(report.imported),
            skipped: formatNumber(report.skipped),
            replaced: formatNumber(report.replaced),
          })}
        </div>
      )}
    />
  )
}
