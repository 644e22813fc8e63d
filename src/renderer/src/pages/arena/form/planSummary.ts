import type { TFunction } from 'i18next'
import { binomial, plannedDialogues, sharedDialogues } from '@shared/arenaPlan'
import { formatNumber } from '../../../lib/format'
import type { ArenaFormState } from './arenaFormState'

const valid = (n: number) => Number.isInteger(n) && n > 0

export interface PlanSummary {
  combinations: number
  total: number
  /** Dialogues in which two given contestants are both candidates. */
  shared: number
  totalText: string
  formulaText: string
  /** Votes or referee calls at most; null without a valid turn limit. */
  decisionsText: string | null
}

/** What the battle preview says about the plan, or null while the settings it needs are invalid. */
export function planSummary(config: ArenaFormState['config'], t: TFunction): PlanSummary | null {
  const { contestants, k, dialoguesPerCombination: per, maxTurns, referee } = config
  const n = contestants.length
  if (!valid(per) || k > n) return null
  const combinations = binomial(n, k)
  const total = plannedDialogues(n, k, per)
  const turns = valid(maxTurns) ? total * maxTurns : null
  return {
    combinations,
    total,
    shared: sharedDialogues(n, k, per),
    totalText: t('arena.form.planTotal', { count: total, formatted: formatNumber(total) }),
    formulaText: t('arena.form.planFormula', {
      count: combinations,
      n,
      k,
      combinations: formatNumber(combinations),
      per: formatNumber(per),
    }),
    decisionsText:
      turns === null
        ? null
        : referee.kind === 'human'
          ? t('arena.form.planVotes', { formatted: formatNumber(turns), turns: maxTurns })
          : t('arena.form.planRefereeCalls', {
              // one referee call per turn, a second one with the position-swap check
              formatted: formatNumber(referee.positionSwap ? turns * 2 : turns),
              turns: maxTurns,
            }),
  }
}
