import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { StatusBadge } from '../../components/StatusBadge'
import { ItemList, ItemRow } from '../../components/ItemList'
import { StackedTrack, type Segment } from '../../components/StackedProgress'
import { formatDateTime, formatNumber } from '../../lib/format'
import { RefereeBadge } from './ArenaBadges'

/** Dialogues that will not change any more. */
export const finishedDialogues = (arena: ArenaSummary) =>
  arena.dialogues.completed + arena.dialogues.failed + arena.dialogues.cancelled
/** A short key that changes whenever an arena's dialogues or turns move on. */
export const progressSignal = (arena: { turns: number; status: string; dialogues: Record<string, number> }) =>
  `${arena.status}:${arena.turns}:${Object.values(arena.dialogues).join(',')}`

const SEGMENTS = ['completed', 'failed', 'cancelled', 'running', 'awaitingVote'] as const
/** The stacked-bar classes the run pages use, plus the arena's own state. */
const SEGMENT_CLASS: Record<(typeof SEGMENTS)[number], string> = {
  completed: 'stacked-completed',
  failed: 'stacked-failed',
  cancelled: 'stacked-cancelled',
  running: 'stacked-running',
  awaitingVote: 'stacked-awaiting',
}

/** The stacked dialogue bar's parts: done, failed, cancelled, running, waiting for a vote. */
export const arenaSegments = (arena: ArenaSummary): Segment[] =>
  SEGMENTS.map((segment) => [SEGMENT_CLASS[segment], arena.dialogues[segment]])

const ArenaRow = memo(function ArenaRow({
  arena,
  selected,
  onSelect,
}: {
  arena: ArenaSummary
  selected: boolean
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <ItemRow
      className="arena-row"
      selected={selected}
      onSelect={() => onSelect(arena.id)}
      testId="arena-row"
      data={{ 'data-arena-id': arena.id, 'data-status': arena.status }}
    >
      <span className="run-row-line">
        <span className="run-row-name">{arena.name}</span>
        <RefereeBadge kind={arena.referee} />
        <StatusBadge status={arena.status} testId="arena-row-status" />
      </span>
      <span className="run-row-line run-row-sub">
        <span className="arena-row-contestants" title={arena.contestants.join(' · ')}>
          {t('arena.list.contestants', {
            count: arena.contestants.length,
            k: arena.k,
            names: arena.contestants.join(' · '),
          })}
        </span>
      </span>
      <StackedTrack className="run-mini-track" segments={arenaSegments(arena)} total={arena.dialogues.total} />
      <span className="run-row-line run-row-sub">
        <span data-testid="arena-row-progress">
          {t('arena.list.progress', {
            done: formatNumber(finishedDialogues(arena)),
            total: formatNumber(arena.dialogues.total),
          })}
        </span>
        <span>{formatDateTime(arena.createdAt)}</span>
      </span>
    </ItemRow>
  )
})

/** The arenas, newest first; ↑/↓ move between them. */
export function ArenaList({
  arenas,
  selectedId,
  onSelect,
}: {
  arenas: ArenaSummary[]
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <ItemList label={t('arena.list.label')} testId="arena-list">
      {arenas.map((arena) => (
        <ArenaRow key={arena.id} arena={arena} selected={arena.id === selectedId} onSelect={onSelect} />
      ))}
    </ItemList>
  )
}
