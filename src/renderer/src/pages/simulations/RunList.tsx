import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { StatusBadge } from '../../components/StatusBadge'
import { ItemList, ItemRow } from '../../components/ItemList'
import { formatDateTime, formatNumber } from '../../lib/format'

export const doneCount = (run: RunSummary) => run.counts.complete + run.counts.failed + run.counts.cancelled

const RunRow = memo(function RunRow({ run, selected, onSelect }: { run: RunSummary; selected: boolean; onSelect: (id: string) => void }) {
  const { t } = useTranslation()
  const done = doneCount(run)
  const width = (n: number) => (run.counts.total > 0 ? `${(n / run.counts.total) * 100}%` : '0')
  return (
    <ItemRow selected={selected} onSelect={() => onSelect(run.id)} testId="run-row" data={{ 'data-run-id': run.id }}>
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
    </ItemRow>
  )
})

/** The runs, newest first; ↑/↓ move between them. */
export function RunList({ runs, selectedId, onSelect }: { runs: RunSummary[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation()
  return (
    <ItemList label={t('runs.listLabel')} testId="run-list">
      {runs.map((run) => (
        <RunRow key={run.id} run={run} selected={run.id === selectedId} onSelect={onSelect} />
      ))}
    </ItemList>
  )
}
