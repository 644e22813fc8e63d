import { useTranslation } from 'react-i18next'
import type { ImportReport } from '@shared/roleCard'
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
  return (
    <section className="import-report" aria-label={title} data-testid="import-report">
      <h3>{title}</h3>
      <dl className="summary-list">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
