import { describe, expect, it } from 'vitest'
import { RatingSettingsSchema, type Battle } from '@shared/arena'
import { BT_PRIOR_PRECISION, bootstrapBradleyTerry, bradleyTerry } from '../../src/main/arena/bradleyTerry'
import { battleCountMatrix, onlineElo, pairwiseGames, winRateMatrix, type Game } from '../../src/main/arena/ratings'
import { btCoverage } from '../support/btCoverage'

const defaults = RatingSettingsSchema.parse({})
const repeat = (game: Game, times: number): Game[] => Array.from({ length: times }, () => ({ ...game }))
const win = (a: string, b: string, times = 1) => repeat({ a, b, scoreA: 1 }, times)
const tie = (a: string, b: string, times = 1) => repeat({ a, b, scoreA: 0.5 }, times)

describe('pairwiseGames', () => {
  it('expands a k-way win into k-1 games and a tie into one drawn game per pair', () => {
    const battles: Battle[] = [
      { contestants: ['A', 'B', 'C'], winner: 'B' },
      { contestants: ['A', 'B', 'C'], winner: null },
      { contestants: ['A', 'B'], winner: 'A' },
    ]
    expect(pairwiseGames(battles)).toEqual([
      { a: 'B', b: 'A', scoreA: 1 },
      { a: 'B', b: 'C', scoreA: 1 },
      { a: 'A', b: 'B', scoreA: 0.5 },
      { a: 'A', b: 'C', scoreA: 0.5 },
      { a: 'B', b: 'C', scoreA: 0.5 },
      { a: 'A', b: 'B', scoreA: 1 },
    ])
  })

  it('rejects a winner that was not a candidate', () => {
    expect(() => pairwiseGames([{ contestants: ['A', 'B'], winner: 'C' }])).toThrow(/not one of the candidates/)
  })
})

describe('onlineElo', () => {
  it('matches a step-by-step hand computation with K = 4 (a win, a 3-way win, a tie)', () => {
    const battles: Battle[] = [
      { contestants: ['A', 'B'], winner: 'A' },
      { contestants: ['A', 'B', 'C'], winner: 'C' },
      { contestants: ['A', 'B'], winner: null },
    ]
    const expected = (ra: number, rb: number) => 1 / (1 + 10 ** ((rb - ra) / 400))
    // Battle 1, A beats B: E_A = 1/(1+10^0) = 0.5, so A = 1000 + 4·0.5 = 1002 and B = 998.
    let A = 1002
    let B = 998
    let C = 1000
    // Battle 2, C beats A: E_C = 1/(1+10^(2/400)) ≈ 0.497122, step 4·(1 − E_C) ≈ 2.011513.
    const step2 = 4 * (1 - expected(C, A))
    expect(step2).toBeCloseTo(2.011513, 6)
    C += step2
    A -= step2
    // Then C (≈ 1002.0115) beats B (998): step 4·(1 − E_C) ≈ 1.976909.
    const step3 = 4 * (1 - expected(C, B))
    expect(step3).toBeCloseTo(1.976909, 6)
    C += step3
    B -= step3
    // Battle 3, A (≈ 999.9885) ties B (≈ 996.0231): A moves by 4·(0.5 − E_A) ≈ −0.022826.
    const step4 = 4 * (0.5 - expected(A, B))
    expect(step4).toBeCloseTo(-0.022826, 6)
    A += step4
    B -= step4

    const elo = onlineElo(pairwiseGames(battles), ['A', 'B', 'C'], defaults)
    expect(elo.A).toBeCloseTo(A, 10)
    expect(elo.B).toBeCloseTo(B, 10)
    expect(elo.C).toBeCloseTo(C, 10)
    expect(elo.A).toBeCloseTo(999.965662, 5)
    expect(elo.B).toBeCloseTo(996.045917, 5)
    expect(elo.C).toBeCloseTo(1003.988422, 5)
    // Zero-sum updates keep the total at 3 · 1000.
    expect(elo.A + elo.B + elo.C).toBeCloseTo(3000, 9)
  })

  it('uses K, initial, scale and base from the settings and leaves idle contestants at initial', () => {
    const settings = RatingSettingsSchema.parse({ k: 32, initial: 1500, scale: 1, base: Math.E })
    // E_A = 1/(1+e^0) = 0.5: A gains 32·0.5 = 16. Then B beats A: E_B = 1/(1+e^(1516−1484)) = 1/(1+e^32).
    const eB = 1 / (1 + Math.exp(32))
    const elo = onlineElo([...win('A', 'B'), ...win('B', 'A')], ['A', 'B', 'D'], settings)
    expect(elo.A).toBeCloseTo(1516 - 32 * (1 - eB), 10)
    expect(elo.B).toBeCloseTo(1484 + 32 * (1 - eB), 10)
    expect(elo.D).toBe(1500)
  })

  it('rejects a game with an unknown contestant', () => {
    expect(() => onlineElo(win('A', 'X'), ['A', 'B'], defaults)).toThrow(/"X" is not one of the contestants/)
  })
})

/** Elo-scale rating → natural-log strength θ (relative to the mean). */
const theta = (rating: number) => ((rating - defaults.initial) * Math.log(defaults.base)) / defaults.scale

describe('bradleyTerry', () => {
  it('two players, A wins 3 of 4: strength ratio 3, gap 400·log10(3) ≈ 190.85, mean at initial', () => {
    const bt = bradleyTerry([...win('A', 'B', 3), ...win('B', 'A')], ['A', 'B'], defaults)
    // The tiny prior moves this by about 0.01 Elo.
    expect(bt.A - bt.B).toBeCloseTo(190.85, 1)
    expect(bt.A).toBeCloseTo(1000 + 190.8485 / 2, 1)
    expect((bt.A + bt.B) / 2).toBeCloseTo(1000, 9)
  })

  it('counts a tie as half a win to each side (1 win + 1 tie = 1.5 of 2, ratio 3)', () => {
    const bt = bradleyTerry([...win('A', 'B'), ...tie('B', 'A')], ['A', 'B'], defaults)
    expect(bt.A - bt.B).toBeCloseTo(190.85, 1)
  })

  it('recovers strengths 4 : 2 : 1 from counts that match them exactly', () => {
    // p_A/(p_A+p_B) = 4/6 → A 2–1 B; p_B/(p_B+p_C) = 2/3 → B 2–1 C; p_A/(p_A+p_C) = 4/5 → A 4–1 C.
    // Each pair's observed share equals its model share, so the gradient vanishes at (4, 2, 1).
    const games = [
      ...win('A', 'B', 2),
      ...win('B', 'A'),
      ...win('B', 'C', 2),
      ...win('C', 'B'),
      ...win('A', 'C', 4),
      ...win('C', 'A'),
    ]
    const bt = bradleyTerry(games, ['A', 'B', 'C'], defaults)
    // log10 strengths 2·log10 2, log10 2, 0 have mean log10 2, so ratings are 1000 + 400·log10(2)·(1, 0, −1).
    expect(bt.A).toBeCloseTo(1120.412, 1)
    expect(bt.B).toBeCloseTo(1000, 1)
    expect(bt.C).toBeCloseTo(879.588, 1)
  })

  it('satisfies the likelihood equations wins_i = Σ_j n_ij·p_i/(p_i+p_j) on an intransitive log', () => {
    const names = ['A', 'B', 'C']
    // A beats B 3–1, B beats C 3–2, C beats A 2–2 plus one tie.
    const games = [
      ...win('A', 'B', 3),
      ...win('B', 'A'),
      ...win('B', 'C', 3),
      ...win('C', 'B', 2),
      ...win('C', 'A', 2),
      ...win('A', 'C', 2),
      ...tie('A', 'C'),
    ]
    const wins: Record<string, number> = { A: 3 + 2 + 0.5, B: 1 + 3, C: 2 + 2 + 0.5 }
    const n = (i: string, j: string) => games.filter((g) => (g.a === i && g.b === j) || (g.a === j && g.b === i)).length
    const bt = bradleyTerry(games, names, defaults)
    const p = Object.fromEntries(names.map((c) => [c, Math.exp(theta(bt[c]))]))
    for (const i of names) {
      const expectedWins = names.filter((j) => j !== i).reduce((s, j) => s + (n(i, j) * p[i]) / (p[i] + p[j]), 0)
      expect(expectedWins).toBeCloseTo(wins[i], 3)
    }
    expect((bt.A + bt.B + bt.C) / 3).toBeCloseTo(1000, 9)
  })

  it('stays finite when a contestant never lost or never won, and solves the prior-penalised equations', () => {
    const names = ['A', 'B', 'C', 'D']
    // A → B → C, never the other way round; D has no games.
    const games = [...win('A', 'B', 2), ...win('B', 'C', 2)]
    const bt = bradleyTerry(games, names, defaults)
    for (const c of names) expect(Number.isFinite(bt[c])).toBe(true)
    expect(bt.A).toBeGreaterThan(bt.B)
    expect(bt.B).toBeGreaterThan(bt.C)
    expect(bt.D).toBe(1000)
    expect((bt.A + bt.B + bt.C + bt.D) / 4).toBeCloseTo(1000, 9)
    // With the N(0, 1/λ) prior the optimum solves wins_i − Σ_j n_ij·σ(θ_i − θ_j) = λ·θ_i.
    const t = Object.fromEntries(names.map((c) => [c, theta(bt[c])]))
    const sigma = (x: number) => 1 / (1 + Math.exp(-x))
    const residualA = 2 - 2 * sigma(t.A - t.B)
    const residualB = 2 - 2 * sigma(t.B - t.C) - 2 * sigma(t.B - t.A)
    const residualC = 0 - 2 * sigma(t.C - t.B)
    expect(residualA).toBeCloseTo(BT_PRIOR_PRECISION * t.A, 9)
    expect(residualB).toBeCloseTo(BT_PRIOR_PRECISION * t.B, 9)
    expect(residualC).toBeCloseTo(BT_PRIOR_PRECISION * t.C, 9)
  })

  it('gives everyone the initial rating without games', () => {
    expect(bradleyTerry([], ['A', 'B'], defaults)).toEqual({ A: 1000, B: 1000 })
  })
})

describe('bootstrapBradleyTerry', () => {
  const settings = RatingSettingsSchema.parse({ bootstrapRounds: 300, seed: 7 })
  const battle = (a: string, b: string, times: number, winner: string | null): Battle[] =>
    Array.from({ length: times }, () => ({ contestants: [a, b], winner }))
  const log = (times: number): Battle[] => [
    ...battle('A', 'B', 3 * times, 'A'),
    ...battle('A', 'B', times, 'B'),
    ...battle('B', 'C', 2 * times, 'B'),
    ...battle('B', 'C', times, 'C'),
    ...battle('A', 'C', times, null),
  ]
  const names = ['A', 'B', 'C']

  it('contains the point estimate and is the same for the same seed', () => {
    const battles = log(5)
    const point = bradleyTerry(pairwiseGames(battles), names, settings)
    const ci = bootstrapBradleyTerry(battles, names, settings)
    for (const c of names) {
      expect(ci[c].low).toBeLessThan(point[c])
      expect(ci[c].high).toBeGreaterThan(point[c])
    }
    expect(bootstrapBradleyTerry(battles, names, settings)).toEqual(ci)
    expect(bootstrapBradleyTerry(battles, names, { ...settings, seed: 8 })).not.toEqual(ci)
  })

  it('narrows with more games', () => {
    const small = bootstrapBradleyTerry(log(3), names, settings)
    const large = bootstrapBradleyTerry(log(30), names, settings)
    for (const c of names) expect(large[c].high - large[c].low).toBeLessThan((small[c].high - small[c].low) / 2)
  })

  it('gives a zero-width interval at initial without games', () => {
    expect(bootstrapBradleyTerry([], ['A', 'B'], settings)).toEqual({
      A: { low: 1000, high: 1000 },
      B: { low: 1000, high: 1000 },
    })
  })

  it('covers the true ratings about 95% of the time with three candidates per battle', () => {
    // 300 simulated arenas of 130 three-way battles among four contestants with known ratings (see btCoverage), 200
    // bootstrap rounds each (the full 1000 × 1000 figures: npm run bench:bt-coverage). The four intervals of one
    // arena are correlated, so count conservatively 300 independent trials: the binomial SD of the share at the
    // nominal 0.95 is √(0.95 · 0.05 / 300) ≈ 0.0126, and 0.91 is about 3 SD below. With these seeds, resampling the
    // k − 1 games of each battle independently covers 0.864 (over 3.5 SD below the bound), resampling whole battles
    // 0.930 (the percentile bootstrap runs a little under nominal at 130 battles).
    const coverage = btCoverage({ k: 3, repetitions: 300, battles: 130, bootstrapRounds: 200, seed: 1 })
    expect(coverage.overall).toBeGreaterThanOrEqual(0.91)
  })
})

describe('battleCountMatrix and winRateMatrix', () => {
  const names = ['A', 'B', 'C', 'D']
  const battles: Battle[] = [
    { contestants: ['A', 'B'], winner: 'A' },
    { contestants: ['A', 'B'], winner: null },
    { contestants: ['A', 'B', 'C'], winner: 'C' },
    { contestants: ['B', 'C'], winner: null },
    { contestants: ['A', 'C'], winner: 'A' },
  ]

  it('counts battles in which both were candidates', () => {
    // A–B: battles 1, 2, 3; A–C: 3, 5; B–C: 3, 4; D: none.
    expect(battleCountMatrix(battles, names)).toEqual([
      [0, 3, 2, 0],
      [3, 0, 2, 0],
      [2, 2, 0, 0],
      [0, 0, 0, 0],
    ])
  })

  it('gives the share of games won, ties half, null without games', () => {
    // Games: A>B, A=B, C>A, C>B, B=C, A>C.
    // A vs B: 1 + 0.5 of 2 = 0.75; A vs C: 1 of 2 = 0.5; B vs C: 0.5 of 2 = 0.25.
    expect(winRateMatrix(pairwiseGames(battles), names)).toEqual([
      [null, 0.75, 0.5, null],
      [0.25, null, 0.25, null],
      [0.5, 0.75, null, null],
      [null, null, null, null],
    ])
  })
})
