import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { StatusBadge } from '../../components/StatusBadge'
import { formatDateTime, formatNumber } from '../../lib/format'
import { selectRowWithArrows } from '../../lib/keyboard'

export const doneCount = (run: RunSummary) => run.counts.complete + run.counts.failed + run.counts.cancelled

const RunRow = memo(function RunRow({ run, selected, onSelect }: { run: RunSummary; selected: boolean; onSelect: (id: string) => void }) {
  const { t } = useTranslation()
  const done = doneCount(run)
  const width = (n: number) => (run.counts.total > 0 ? `${(n / run.counts.total) * 100}%` : '0')
  return (
    <li>
      <button type="button" className="run-row" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(run.id)} data-testid="run-row" data-run-id={run.id}>
        <span className="run-row-line">
          <span className="run-row-name">{run.name}</span>
          <StatusBadge status={run.status} testId="run-row-status" />
        </span>
        <span className="run-mini-track" aria-hidden="true">
          {(['complete', 'failed', 'cancelled', 'running'] as const).map((segment) => (
            <span key={segment} className={`stacked-fill stacked-${segment}`} style={{ width: width(run.counts[segment]) }} />
          ))}
        </span>
        <span className="run-row-line run-row-sub">
          <span data-testid="run-row-progress">{t('runs.progressShort', { done: formatNumber(done), total: formatNumber(run.counts.total) })}</span>
          <span>{formatDateTime(run.createdAt)}</span>
        </span>
      </button>
    </li>
  )
})

/** The runs, newest first; ↑/↓ move between them. */
export function RunList({ runs, selectedId, onSelect }: { runs: RunSummary[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation()
  const onKeyDown = selectRowWithArrows('.run-row')
  return (
    <ul className="run-list" aria-label={t('runs.listLabel')} onKeyDown={onKeyDown} data-testid="run-list">
      {runs.map((run) => (
        <RunRow key={run.id} run={run} selected={run.id === selectedId} onSelect={onSelect} />
      ))}
    </ul>
  )
}
