import { useTranslation } from 'react-i18next'
import type { ImportReport } from '@shared/roleCard'
import { ImportReportSummary } from '../../components/fileImport/ImportReportSummary'
import { formatNumber } from '../../lib/format'

/** The counts of a dry run (what will happen) or of a finished import. */
export function ImportReportView({ report, title }: { report: ImportReport; title: string }) {
  const { t } = useTranslation()
  const rows: [string, string][] = [
    [t('importDialog.reportFile'), report.file],
    [t('importDialog.reportFormat'), t(`importDialog.formats.${report.format}`)],
    [t('importDialog.reportRows'), formatNumber(report.rows)],
    [t('importDialog.reportImport'), formatNumber(report.imported)],
    [t('importDialog.reportSkip'), formatNumber(report.skipped)],
    [t('importDialog.reportReplace'), formatNumber(report.replaced)],
  ]
  return <ImportReportSummary title={title} rows={rows} testId="import-report" />
}
