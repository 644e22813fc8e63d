import { formatNumber } from '../lib/format'

/** One coloured part of a stacked bar: its class (`stacked-completed` …) and how many items it stands for. */
export type Segment = readonly [className: string, count: number]

interface StackedTrackProps {
  segments: readonly Segment[]
  total: number
  /** `stacked-track` (a dashboard) or `run-mini-track` (a list row). */
  className: string
  /** Makes the bar a progress bar for assistive technology; without it the bar is decoration beside a text. */
  progress?: { label: string; done: number }
}

/** A bar of segments, each as wide as its share of `total`. */
export function StackedTrack({ segments, total, className, progress }: StackedTrackProps) {
  const bar = progress
    ? {
        role: 'progressbar',
        'aria-label': progress.label,
        'aria-valuemin': 0,
        'aria-valuemax': total,
        'aria-valuenow': progress.done,
      }
    : { 'aria-hidden': true }
  return (
    <span className={className} {...bar}>
      {segments.map(([segment, count]) => (
        <span
          key={segment}
          className={`stacked-fill ${segment}`}
          style={{ width: total > 0 ? `${(count / total) * 100}%` : '0' }}
        />
      ))}
    </span>
  )
}

/** One count of a state, in the colour of its segment (`count-completed` …). */
export interface CountChip {
  id: string
  className: string
  label: string
  count: number
  hint?: string
}

/** A count per state under a stacked bar; each chip is `<testIdPrefix>-<id>` with its count in data-count. */
export function CountChips({
  label,
  chips,
  testIdPrefix,
}: {
  label: string
  chips: readonly CountChip[]
  testIdPrefix: string
}) {
  return (
    <ul className="count-chips" aria-label={label}>
      {chips.map((chip) => (
        <li
          key={chip.id}
          className={`count-chip ${chip.className}`}
          data-testid={`${testIdPrefix}-${chip.id}`}
          data-count={chip.count}
          title={chip.hint}
        >
          <span className="count-dot" aria-hidden="true" />
          <span className="count-label">{chip.label}</span>
          <span className="count-value">{formatNumber(chip.count)}</span>
        </li>
      ))}
    </ul>
  )
}
