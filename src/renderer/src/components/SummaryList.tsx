import type { ReactNode } from 'react'

/** A label, its value, the value's class ("mono selectable" for ids and paths) and its test id. */
export type SummaryRow = readonly [label: string, value: ReactNode, valueClassName?: string, valueTestId?: string]

/** Label–value rows (a run's settings, a launch summary, an import's counts). */
export function SummaryList({
  rows,
  className,
  labelClassName,
  testId,
}: {
  rows: readonly SummaryRow[]
  className?: string
  labelClassName?: string
  testId?: string
}) {
  return (
    <dl className={className ? `summary-list ${className}` : 'summary-list'} data-testid={testId}>
      {rows.map(([label, value, valueClassName, valueTestId]) => (
        <div key={label}>
          <dt className={labelClassName}>{label}</dt>
          <dd className={valueClassName} data-testid={valueTestId}>
            {value}
          </dd>
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
