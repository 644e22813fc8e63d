import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { binomial, plannedDialogues, sharedDialogues } from '@shared/arenaPlan'
import type { RoleCard } from '@shared/roleCard'
import { planArena } from '../../../src/main/arena/matchmaking'
import { planSummary } from '../../../src/renderer/src/pages/arena/form/planSummary'
import type { ArenaFormState } from '../../../src/renderer/src/pages/arena/form/arenaFormState'
import { useUiStrings } from '../i18n'

beforeAll(() => useUiStrings('en'))

const cards = Array.from({ length: 5 }, (_, i) => ({ id: `card-${i}`, language: 'en' }) as RoleCard)
const names = (n: number) => Array.from({ length: n }, (_, i) => `m${i + 1}`)

/** The form state BattlePreview reads: n contestants, k, dialogues per combination, turns and the referee. */
function formState(n: number, k: number, per: number, positionSwap = false): ArenaFormState {
  return {
    config: {
      contestants: names(n).map((name, i) => ({ key: `c${i}`, name })),
      k,
      dialoguesPerCombination: per,
      maxTurns: 10,
      referee: { kind: 'llm', positionSwap },
    },
  } as unknown as ArenaFormState
}

/** The battle preview's text (BattlePreview shows these lines). */
const preview = (state: ArenaFormState) => {
  const plan = planSummary(state.config, i18next.t)
  return plan ? `${plan.totalText} = ${plan.formulaText} ${plan.decisionsText}` : ''
}

describe('the arena plan count', () => {
  it('is n choose k, also for k above n / 2', () => {
    expect(binomial(3, 2)).toBe(3)
    expect(binomial(4, 3)).toBe(4)
    expect(binomial(5, 3)).toBe(10)
    expect(binomial(6, 4)).toBe(15)
    expect(binomial(12, 7)).toBe(792)
    expect(binomial(4, 4)).toBe(1)
    expect(binomial(3, 4)).toBe(0)
  })

  const cases: [number, number, number][] = [
    [2, 2, 4],
    [3, 2, 3],
    [4, 2, 2],
    [4, 3, 2],
    [5, 3, 1],
    [5, 4, 3],
    [6, 4, 1],
    [6, 6, 2],
  ]
  it.each(cases)('matches the dialogues the server plans (n = %i, k = %i, %i per combination)', (n, k, per) => {
    const plan = planArena(names(n), k, per, cards, 7)
    expect(plannedDialogues(n, k, per)).toBe(plan.length)
    const combos = new Set(plan.map((d) => d.contestants.join(',')))
    expect(binomial(n, k)).toBe(combos.size)
    const both = plan.filter((d) => d.contestants.includes('m1') && d.contestants.includes('m2')).length
    expect(sharedDialogues(n, k, per)).toBe(both)
  })

  it.each(cases)('is what the new-arena form previews (n = %i, k = %i, %i per combination)', (n, k, per) => {
    const planned = planArena(names(n), k, per, cards, 7).length
    const combos = planned / per
    const text = preview(formState(n, k, per, true))
    expect(text).toContain(`${planned} dialogue`)
    expect(text).toContain(`C(${n}, ${k}) = ${combos} combination`)
    // one referee call per turn, twice with the position-swap check, at most 10 turns
    expect(text).toContain(`Up to ${(planned * 10 * 2).toLocaleString('en')} referee calls`)
  })

  it('previews 3 contestants with k = 2 as 9 dialogues, as the server runs them', () => {
    const text = preview(formState(3, 2, 3))
    expect(text).toContain('9 dialogues = C(3, 2) = 3 combinations × 3 per combination')
    expect(text).toContain('Up to 90 referee calls')
  })
})

describe('the arena plan count with a focal contestant', () => {
  const focalCases: [number, number, number][] = [
    [5, 3, 100],
    [5, 2, 3],
    [4, 3, 2],
    [6, 4, 1],
    [3, 3, 2],
  ]
  it.each(focalCases)('matches the server: the focal one in every dialogue (n = %i, k = %i, %i each)', (n, k, per) => {
    const plan = planArena(names(n), k, per, cards, 7, 'm1')
    expect(plannedDialogues(n, k, per, true)).toBe(plan.length)
    expect(plan.every((d) => d.contestants.includes('m1') && d.contestants.length === k)).toBe(true)
    expect(new Set(plan.map((d) => d.contestants.join(','))).size).toBe(binomial(n - 1, k - 1))
    const meets = (a: string, b: string) =>
      plan.filter((d) => d.contestants.includes(a) && d.contestants.includes(b)).length
    expect(sharedDialogues(n, k, per, true, true)).toBe(meets('m1', 'm2'))
    expect(sharedDialogues(n, k, per, true, false)).toBe(meets('m2', 'm3'))
  })

  it('gives every combination the same cards, as the release ran each one on the same held-out cards', () => {
    const deck = Array.from({ length: 100 }, (_, i) => ({ id: `card-${i}`, language: 'zh' }) as RoleCard)
    const plan = planArena(names(5), 3, 100, deck, 7, 'm1')
    const cardsOf = new Map<string, Set<string>>()
    for (const d of plan) {
      const key = d.contestants.join(',')
      cardsOf.set(key, (cardsOf.get(key) ?? new Set()).add(d.card.id))
    }
    expect(cardsOf.size).toBe(6)
    for (const ids of cardsOf.values()) expect(ids.size).toBe(100)
  })

  it('previews the released arena as 6 combinations: the model under test + 2 of 4 baselines, 100 cards each', () => {
    const state = formState(5, 3, 100)
    const plan = planSummary(state.config, i18next.t, 0)!
    expect(plan.total).toBe(600)
    expect(plan.combinations).toBe(6)
    expect(plan.totalText).toBe('600 dialogues')
    expect(plan.formulaText).toBe('m1 + C(4, 2) = 6 combinations of the others × 100 per combination')
    // the focal one meets each baseline in the C(3, 1) = 3 combinations holding both, two baselines in C(2, 0) = 1
    expect(plan.sharedWithFocal).toBe(300)
    expect(plan.shared).toBe(100)
    // without a focal contestant the same form plans C(5, 3) = 10 combinations
    expect(planSummary(state.config, i18next.t)!.total).toBe(1000)
  })
})
