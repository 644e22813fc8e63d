import type { TFunction } from 'i18next'
import { combinationCount, plannedDialogues, sharedDialogues } from '@shared/arenaPlan'
import { formatNumber } from '../../../lib/format'
import type { ArenaFormState } from './arenaFormState'

const valid = (n: number) => Number.isInteger(n) && n > 0

export interface PlanSummary {
  combinations: number
  total: number
  /** Dialogues in which two given contestants are both candidates (with a focal contestant: two of the others). */
  shared: number
  /** With a focal contestant: dialogues in which it meets a given other contestant; else null. */
  sharedWithFocal: number | null
  totalText: string
  formulaText: string
  /** Votes or referee calls at most; null without a valid turn limit. */
  decisionsText: string | null
}

/**
 * What the battle preview says about the plan, or null while the settings it needs are invalid. `focal`: the focal
 * contestant's position (in every dialogue, with every k − 1 of the others), or null for every combination of k.
 */
export function planSummary(
  config: ArenaFormState['config'],
  t: TFunction,
  focal: number | null = null,
): PlanSummary | null {
  const { contestants, k, dialoguesPerCombination: per, maxTurns, referee } = config
  const n = contestants.length
  if (!valid(per) || k > n) return null
  const withFocal = focal !== null && focal < n
  const combinations = combinationCount(n, k, withFocal)
  const total = plannedDialogues(n, k, per, withFocal)
  const turns = valid(maxTurns) ? total * maxTurns : null
  return {
    combinations,
    total,
    shared: sharedDialogues(n, k, per, withFocal, false),
    sharedWithFocal: withFocal ? sharedDialogues(n, k, per, true, true) : null,
    totalText: t('arena.form.planTotal', { count: total, formatted: formatNumber(total) }),
    formulaText: t(withFocal ? 'arena.form.planFormulaFocal' : 'arena.form.planFormula', {
      count: combinations,
      n: withFocal ? n - 1 : n,
      k: withFocal ? k - 1 : k,
      combinations: formatNumber(combinations),
      per: formatNumber(per),
      focal: withFocal ? contestants[focal].name.trim() || t('arena.form.contestantN', { n: focal + 1 }) : '',
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
