import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { StatusBadge } from '../../components/StatusBadge'
import { ItemList, ItemRow } from '../../components/ItemList'
import { StackedTrack, type Segment } from '../../components/StackedProgress'
import { formatDateTime, formatNumber } from '../../lib/format'

export const doneCount = (run: RunSummary) => run.counts.completed + run.counts.failed + run.counts.cancelled

/** The stacked bar's parts: completed, failed, cancelled, running. */
export const runSegments = (run: RunSummary): Segment[] =>
  (['completed', 'failed', 'cancelled', 'running'] as const).map((state) => [`stacked-${state}`, run.counts[state]])

const RunRow = memo(function RunRow({
  run,
  selected,
  onSelect,
}: {
  run: RunSummary
  selected: boolean
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  const done = doneCount(run)
  return (
    <ItemRow selected={selected} onSelect={() => onSelect(run.id)} testId="run-row" data={{ 'data-run-id': run.id }}>
      <span className="run-row-line">
        <span className="run-row-name">{run.name}</span>
        <StatusBadge status={run.status} testId="run-row-status" />
      </span>
      <StackedTrack className="run-mini-track" segments={runSegments(run)} total={run.counts.total} />
      <span className="run-row-line run-row-sub">
        <span data-testid="run-row-progress">
          {t('runs.progressShort', { done: formatNumber(done), total: formatNumber(run.counts.total) })}
        </span>
        <span>{formatDateTime(run.createdAt)}</span>
      </span>
    </ItemRow>
  )
})

/** The runs, newest first; ↑/↓ move between them. */
export function RunList({
  runs,
  selectedId,
  onSelect,
}: {
  runs: RunSummary[]
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <ItemList label={t('runs.listLabel')} testId="run-list">
      {runs.map((run) => (
        <RunRow key={run.id} run={run} selected={run.id === selectedId} onSelect={onSelect} />
      ))}
    </ItemList>
  )
}
