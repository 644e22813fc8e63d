import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { CountChips, StackedTrack } from '../../../components/StackedProgress'
import { StatGrid, type Stat } from '../../../components/StatGrid'
import { formatNumber } from '../../../lib/format'
import { arenaSegments, finishedDialogues } from '../ArenaList'

const COUNTS = [
  ['completed', 'count-completed'],
  ['running', 'count-running'],
  ['awaitingVote', 'count-awaiting'],
  ['pending', 'count-pending'],
  ['failed', 'count-failed'],
  ['cancelled', 'count-cancelled'],
] as const

/** Dialogues done of all (a stacked bar and a count per state), turns decided, and the referee's problems. */
export function ArenaProgress({ arena }: { arena: ArenaSummary }) {
  const { t } = useTranslation()
  const { dialogues } = arena
  const done = finishedDialogues(arena)
  const percent = dialogues.total > 0 ? Math.round((done / dialogues.total) * 100) : 0
  const stats: Stat[] = [
    ['turns', t('arena.progress.turns'), formatNumber(arena.turns), t('arena.progress.turnsHint')],
    [
      'referee-failures',
      t('arena.progress.refereeFailures'),
      formatNumber(arena.refereeFailures),
      t('arena.progress.refereeFailuresHint'),
    ],
  ]
  if (arena.referee === 'llm') {
    const { made, inconsistent } = arena.swapChecks
    stats.push([
      'swap',
      t('arena.progress.swapChecks'),
      made === 0
        ? '—'
        : t('arena.progress.swapValue', {
            inconsistent: formatNumber(inconsistent),
            made: formatNumber(made),
            percent: Math.round((inconsistent / made) * 100),
          }),
      arena.config.referee.kind === 'llm' && arena.config.referee.positionSwap
        ? t('arena.progress.swapHint')
        : t('arena.progress.swapOff'),
    ])
  }
  return (
    <section
      className="run-progress"
      aria-label={t('arena.progress.label')}
      data-testid="arena-progress"
      data-done={done}
      data-total={dialogues.total}
    >
      <div className="progress-label">
        <strong data-testid="arena-progress-text">
          {t('arena.progress.text', { done: formatNumber(done), total: formatNumber(dialogues.total), percent })}
        </strong>
      </div>
      <StackedTrack
        className="stacked-track"
        segments={arenaSegments(arena)}
        total={dialogues.total}
        progress={{ label: t('arena.progress.label'), done }}
      />
      <CountChips
        label={t('arena.progress.counts')}
        testIdPrefix="arena-count"
        chips={COUNTS.map(([key, className]) => ({
          id: key,
          className,
          label: t(`arena.progress.countLabels.${key}`),
          count: dialogues[key],
        }))}
      />
      <StatGrid stats={stats} className="arena-stats" testIdPrefix="arena-stat" />
    </section>
  )
}
