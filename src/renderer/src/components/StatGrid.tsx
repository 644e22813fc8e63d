import type { ReactNode } from 'react'

/** One figure of a stat grid: its id (in the test id), label, value and an optional tooltip. */
export type Stat = readonly [id: string, label: string, value: ReactNode, hint?: string]

/** Big numbers with small labels, in a row that wraps (a run's speed and cost, a job's losses, an agreement's κ). */
export function StatGrid({
  stats,
  className,
  testId,
  testIdPrefix,
}: {
  stats: readonly Stat[]
  className?: string
  testId?: string
  testIdPrefix?: string
}) {
  return (
    <dl className={className ? `stat-grid ${className}` : 'stat-grid'} data-testid={testId}>
      {stats.map(([id, label, value, hint]) => (
        <div key={id} className="stat" data-testid={testIdPrefix && `${testIdPrefix}-${id}`} title={hint}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
