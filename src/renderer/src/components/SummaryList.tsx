import type { ReactNode } from 'react'

/** A label, its value, and the value's class ("mono selectable" for ids and paths). */
export type SummaryRow = readonly [label: string, value: ReactNode, valueClassName?: string]

/** Label–value rows (a run's settings, a launch summary, an import's counts). */
export function SummaryList({ rows, labelClassName, testId }: { rows: readonly SummaryRow[]; labelClassName?: string; testId?: string }) {
  return (
    <dl className="summary-list" data-testid={testId}>
      {rows.map(([label, value, valueClassName]) => (
        <div key={label}>
          <dt className={labelClassName}>{label}</dt>
          <dd className={valueClassName}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A titled group of rows; `labelClassName` styles its labels (e.g. "mono" for YAML keys). */
export type ConfigGroup = readonly [title: string, rows: readonly SummaryRow[], labelClassName?: string]

/** What something was started with, as titled groups of label–value rows side by side. */
export function ConfigGroups({ groups }: { groups: readonly ConfigGroup[] }) {
  return (
    <div className="config-groups">
      {groups.map(([title, rows, labelClassName]) => (
        <section key={title} className="config-group">
          <h4>{title}</h4>
          <SummaryList rows={rows} labelClassName={labelClassName} />
        </section>
      ))}
    </div>
  )
}
