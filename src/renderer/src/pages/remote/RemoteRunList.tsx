import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { RemoteRunView } from '@shared/remoteRun'
import { ItemList, ItemRow } from '../../components/ItemList'
import { StackedTrack, type Segment } from '../../components/StackedProgress'
import { formatDateTime, formatNumber } from '../../lib/format'
import { TrainingStatusBadge } from '../training/TrainingStatusBadge'

/** The bar's parts: done (less the failed), failed, and what is left. */
export const remoteSegments = (run: RemoteRunView): Segment[] => {
  const p = run.progress
  if (!p) return []
  return [
    ['stacked-completed', Math.max(0, p.done - p.failed)],
    ['stacked-failed', p.failed],
  ]
}

const RemoteRunRow = memo(function RemoteRunRow({
  run,
  selected,
  onSelect,
}: {
  run: RemoteRunView
  selected: boolean
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  const p = run.progress
  const progress =
    p && p.total > 0
      ? t('remote.list.progress', { done: formatNumber(p.done), total: formatNumber(p.total) })
      : t(`remote.list.noProgress.${run.status === 'uploading' || run.status === 'running' ? run.status : 'other'}`)
  return (
    <ItemRow
      className="training-row"
      selected={selected}
      onSelect={() => onSelect(run.id)}
      testId="remote-row"
      data={{ 'data-remote-id': run.id, 'data-status': run.status }}
    >
      <span className="run-row-line">
        <span className="run-row-name">{run.name}</span>
        <TrainingStatusBadge area="remote" status={run.status} testId="remote-row-status" />
      </span>
      <span className="run-row-line run-row-sub">
        <span>{t(`remote.kind.${run.kind}`)}</span>
        <span title={run.target}>{run.profileName}</span>
      </span>
      <StackedTrack className="run-mini-track" segments={remoteSegments(run)} total={p?.total || 1} />
      <span className="run-row-line run-row-sub">
        <span data-testid="remote-row-progress">
          {progress}
          {run.pulled ? ` · ${t('remote.list.pulled')}` : ''}
        </span>
        <span>{formatDateTime(run.createdAt)}</span>
      </span>
    </ItemRow>
  )
})

/** The remote runs, newest first; ↑/↓ move between them. */
export function RemoteRunList({
  runs,
  selectedId,
  onSelect,
}: {
  runs: RemoteRunView[]
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <ItemList label={t('remote.list.label')} testId="remote-list">
      {runs.map((run) => (
        <RemoteRunRow key={run.id} run={run} selected={run.id === selectedId} onSelect={onSelect} />
      ))}
    </ItemList>
  )
}
