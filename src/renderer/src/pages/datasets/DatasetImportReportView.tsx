import { useTranslation } from 'react-i18next'
import type { DatasetImportReport } from '@shared/datasetApi'
import { ImportReportSummary } from '../../components/fileImport/ImportReportSummary'
import { formatNumber } from '../../lib/format'

/** The counts of a checked (dry-run) or finished dataset import. */
export function DatasetImportReportView({
  report,
  title,
  done = false,
}: {
  report: DatasetImportReport
  title: string
  done?: boolean
}) {
  const { t } = useTranslation()
  const rows: [string, string][] = [
    [t('importDialog.reportFile'), report.file],
    [t('importDialog.reportFormat'), t(`datasetFormats.${report.format}`, { defaultValue: report.format })],
    [t('importDialog.reportRows'), formatNumber(report.rows)],
    [done ? t('datasetImport.reportImported') : t('datasetImport.reportDialogues'), formatNumber(report.imported)],
    [t('datasetImport.reportWithCards'), formatNumber(report.withRoleCards)],
    [t('datasetImport.reportSkipped'), formatNumber(report.skipped)],
  ]
  return <ImportReportSummary title={title} rows={rows} testId="dataset-import-report" />
}
