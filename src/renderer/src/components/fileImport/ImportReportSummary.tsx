import { SummaryList } from '../SummaryList'

/** The counts of a checked (dry-run) or finished import, as label–value rows. */
export function ImportReportSummary({
  title,
  rows,
  testId,
}: {
  title: string
  rows: [label: string, value: string][]
  testId: string
}) {
  return (
    <section className="import-report" aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      <SummaryList rows={rows} />
    </section>
  )
}
