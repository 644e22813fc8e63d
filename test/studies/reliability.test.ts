import { describe, expect, it } from 'vitest'
import { agreementStats } from '../../src/main/arena/agreement'
import {
  agreementFigures,
  icc2,
  krippendorffAlpha,
  meanInterval,
  signTest,
  weightedKappa,
  wilsonInterval,
  type Rating,
} from '../../src/main/studies/reliability'

/** Ratings from a units × raters table (rows = raters here, as in Krippendorff's papers; null = missing). */
function fromObserverRows(rows: Record<string, (number | null)[]>): Rating[] {
  const ratings: Rating[] = []
  for (const [rater, values] of Object.entries(rows))
    values.forEach((value, u) => {
      if (value !== null) ratings.push({ unit: `u${u + 1}`, rater, value })
    })
  return ratings
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 observers × 12 units example with
// missing values (unit 12 has a single value and is not pairable). Reported: nominal .743, ordinal .815,
// interval .849, ratio .797.
const krippendorff2011 = fromObserverRows({
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
})

describe("Krippendorff's alpha", () => {
  it('reproduces the published values of Krippendorff (2011)', () => {
    expect(krippendorffAlpha(krippendorff2011, 'nominal')).toBeCloseTo(0.743, 3)
    expect(krippendorffAlpha(krippendorff2011, 'ordinal')).toBeCloseTo(0.815, 3)
    expect(krippendorffAlpha(krippendorff2011, 'interval')).toBeCloseTo(0.849, 3)
    expect(krippendorffAlpha(krippendorff2011, 'ratio')).toBeCloseTo(0.797, 3)
  })

  it('matches a hand-worked coincidence matrix, with a three-rater unit and a unit that is not pairable', () => {
    // u1 (1,1): o11 += 2. u2 (1,2): o12 += 1, o21 += 1. u3 (2,2): o22 += 2.
    // u4 (1,1,2), weight 1/(3 − 1): o11 += 2·1·½ = 1, o12 += 2·1·½ = 1, o21 += 1, o22 += 0. u5 (one value): dropped.
    // o = [[3, 2], [2, 2]], n1 = 5, n2 = 4, n = 9.
    // Two values, so δ² is the same constant d for every level (nominal 1, interval 1, ordinal ((5 + 4)/2)²):
    // alpha = 1 − (n − 1)·(o12 + o21)·d / (2·n1·n2·d) = 1 − 8·4/40 = 0.2.
    const ratings = fromObserverRows({
      r1: [1, 1, 2, 1, 2],
      r2: [1, 2, 2, 1, null],
      r3: [null, null, null, 2, null],
    })
    for (const level of ['nominal', 'ordinal', 'interval'] as const)
      expect(krippendorffAlpha(ratings, level)).toBeCloseTo(0.2, 12)
    // Without u4: o = [[2, 1], [1, 2]], n1 = n2 = 3, n = 6: alpha = 1 − 5·2/(2·3·3) = 4/9.
    const pairsOnly = ratings.filter((r) => r.unit !== 'u4')
    expect(krippendorffAlpha(pairsOnly, 'nominal')).toBeCloseTo(4 / 9, 12)
  })

  it('is 1 for perfect agreement and null when undefined', () => {
    const perfect = fromObserverRows({ a: [1, 3, 5, 2], b: [1, 3, 5, 2], c: [1, null, 5, null] })
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const)
      expect(krippendorffAlpha(perfect, level)).toBe(1)
    // One value throughout: no expected disagreement.
    expect(krippendorffAlpha(fromObserverRows({ a: [2, 2], b: [2, 2] }), 'interval')).toBeNull()
    // No unit with two ratings: nothing pairable.
    expect(krippendorffAlpha(fromObserverRows({ a: [1, null], b: [null, 2] }), 'nominal')).toBeNull()
    expect(krippendorffAlpha([], 'ordinal')).toBeNull()
  })

  it('is invariant to the transformations each level allows', () => {
    const map = (f: (v: number) => number): Rating[] => krippendorff2011.map((r) => ({ ...r, value: f(r.value) }))
    const interval = krippendorffAlpha(krippendorff2011, 'interval')!
    const ordinal = krippendorffAlpha(krippendorff2011, 'ordinal')!
    const nominal = krippendorffAlpha(krippendorff2011, 'nominal')!
    expect(
      krippendorffAlpha(
        map((v) => 3 * v - 7),
        'interval',
      ),
    ).toBeCloseTo(interval, 12)
    expect(
      krippendorffAlpha(
        map((v) => v ** 3),
        'ordinal',
      ),
    ).toBeCloseTo(ordinal, 12)
    expect(
      krippendorffAlpha(
        map((v) => [0, 40, 10, 30, 20, 50][v]),
        'nominal',
      ),
    ).toBeCloseTo(nominal, 12)
  })

  it('rejects a rater rating a unit twice', () => {
    const twice = [
      { unit: 'u', rater: 'a', value: 1 },
      { unit: 'u', rater: 'a', value: 2 },
    ]
    expect(() => krippendorffAlpha(twice, 'nominal')).toThrow(RangeError)
  })
})

// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges. Reported ICC(2,1) = .29, ICC(2,4) = .62.
const shroutFleiss = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
]

describe('ICC(2,1) and ICC(2,k)', () => {
  it('reproduces Shrout & Fleiss (1979)', () => {
    const icc = icc2(shroutFleiss)!
    expect(icc.icc21).toBeCloseTo(0.29, 2)
    expect(icc.icc2k).toBeCloseTo(0.62, 2)
  })

  it('obeys the Spearman–Brown relation between one rater and the mean of k', () => {
    const { icc21, icc2k } = icc2(shroutFleiss)!
    const k = 4
    expect(icc2k).toBeCloseTo((k * icc21) / (1 + (k - 1) * icc21), 12)
  })

  it('is 1 for perfect agreement and null when undefined', () => {
    expect(
      icc2([
        [1, 1, 1],
        [4, 4, 4],
        [2, 2, 2],
      ]),
    ).toEqual({ icc21: 1, icc2k: 1 })
    expect(
      icc2([
        [3, 3],
        [3, 3],
      ]),
    ).toBeNull()
    expect(icc2([[1, 2, 3]])).toBeNull()
    expect(icc2([[1], [2], [3]])).toBeNull()
    expect(icc2([])).toBeNull()
    expect(() => icc2([[1, 2], [3]])).toThrow(RangeError)
  })
})

describe('weighted kappa', () => {
  // Rater a: 1 1 1 2 2 2 3 3 3 3; rater b: 1 1 2 2 2 3 3 3 3 2. Counts (rows a, columns b):
  //   [2 1 0]  rows 3 3 4
  //   [0 2 1]  columns 2 4 4, N = 10
  //   [0 1 3]
  // Chance counts e_ij = row_i · col_j / N: [.6 1.2 1.2], [.6 1.2 1.2], [.8 1.6 1.6].
  // Quadratic w = ((i − j)/2)²: observed Σ w o = ¼·(1 + 1 + 1) = .75; chance Σ w e = ¼·(1.2 + .6 + 1.2 + 1.6)
  //   + 1·(1.2 + .8) = 1.15 + 2 = 3.15; kappa = 1 − .75/3.15 = 16/21.
  // Linear w = |i − j|/2: observed 1.5; chance ½·4.6 + 2 = 4.3; kappa = 1 − 1.5/4.3 = 28/43.
  // Unweighted: p_o = .7, p_e = (.6 + 1.2 + 1.6)/10 = .34; kappa = .36/.66 = 6/11.
  const a = [1, 1, 1, 2, 2, 2, 3, 3, 3, 3]
  const b = [1, 1, 2, 2, 2, 3, 3, 3, 3, 2]

  it('matches the hand-worked 3 × 3 example', () => {
    expect(weightedKappa(a, b, [1, 2, 3])).toBeCloseTo(16 / 21, 12)
    expect(weightedKappa(a, b, [1, 2, 3], 'linear')).toBeCloseTo(28 / 43, 12)
    expect(weightedKappa(a, b, [1, 2, 3], 'none')).toBeCloseTo(6 / 11, 12)
    // Symmetric in the two raters.
    expect(weightedKappa(b, a, [1, 2, 3])).toBeCloseTo(16 / 21, 12)
  })

  it('is 1 for identical ratings and null when undefined', () => {
    expect(weightedKappa([1, 3, 5, 2, 4], [1, 3, 5, 2, 4], [1, 2, 3, 4, 5])).toBe(1)
    expect(weightedKappa([], [], [1, 2, 3])).toBeNull()
    expect(weightedKappa([2, 2], [2, 2], [1, 2, 3])).toBeNull()
    expect(() => weightedKappa([1, 4], [1, 2], [1, 2, 3])).toThrow(RangeError)
    expect(() => weightedKappa([1], [1, 2], [1, 2, 3])).toThrow(RangeError)
  })

  it('unweighted agrees with the arena agreementStats on the same labels', () => {
    const human = ['A', 'B', 'tie', 'A', 'A', 'B', 'tie', 'B', 'A', 'A', 'B', 'tie']
    const llm = ['A', 'B', 'A', 'A', 'B', 'B', 'tie', 'A', 'A', 'tie', 'B', 'tie']
    const expected = agreementStats(human.map((h, i) => ({ human: h, llm: llm[i] }))).kappa!
    expect(weightedKappa(human, llm, ['A', 'tie', 'B'], 'none')).toBeCloseTo(expected, 12)
  })
})

describe('Wilson interval', () => {
  it('matches the closed form for 81 of 263 at 95%', () => {
    // p = 81/263 = .307985, z = 1.959964, z²/n = .0146063.
    // centre = (p + z²/2n)/(1 + z²/n) = .315288/1.014606 = .310749;
    // half = z·√(p(1 − p)/n + z²/4n²)/(1 + z²/n) = 1.959964·√(.00081038 + .00001388)/1.014606 = .055461;
    // [.2553, .3662].
    const { low, high } = wilsonInterval(81, 263)!
    expect(low).toBeCloseTo(0.2553, 4)
    expect(high).toBeCloseTo(0.3662, 4)
  })

  it('stays in [0, 1], mirrors failures and successes, and is null for n = 0', () => {
    expect(wilsonInterval(0, 10)!.low).toBe(0)
    expect(wilsonInterval(10, 10)!.high).toBe(1)
    const three = wilsonInterval(3, 10)!
    const seven = wilsonInterval(7, 10)!
    expect(three.low).toBeCloseTo(1 - seven.high, 12)
    expect(three.high).toBeCloseTo(1 - seven.low, 12)
    // A wider confidence gives a wider interval.
    const wide = wilsonInterval(3, 10, 0.99)!
    expect(wide.low).toBeLessThan(three.low)
    expect(wide.high).toBeGreaterThan(three.high)
    expect(wilsonInterval(0, 0)).toBeNull()
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError)
  })
})

describe('sign test', () => {
  it('gives the exact two-sided binomial p', () => {
    // 9 wins of 10: P(X ≤ 1) = (1 + 10)/1024 = .0107422; two-sided .0214844.
    expect(signTest(9, 1)).toBeCloseTo(22 / 1024, 12)
    expect(signTest(9, 1)).toBeCloseTo(0.02148, 5)
    expect(signTest(1, 9)).toBe(signTest(9, 1))
    // 3 of 6: P(X ≤ 3) = 42/64 > ½, so p is capped at 1.
    expect(signTest(3, 3)).toBe(1)
    // 5 of 5: 2·(1/32).
    expect(signTest(5, 0)).toBeCloseTo(1 / 16, 12)
    expect(signTest(0, 0)).toBeNull()
  })
})

describe('mean interval', () => {
  it('is the t interval, hand-worked', () => {
    // 1, 2, 3: mean 2, sd 1, se 1/√3; t(.975, 2) = 4.303 (tables): 2 ± 4.303/√3 = 2 ± 2.484.
    const stat = meanInterval([1, 2, 3])
    expect(stat.n).toBe(3)
    expect(stat.mean).toBe(2)
    expect(stat.sd).toBeCloseTo(1, 12)
    expect(stat.low).toBeCloseTo(2 - 2.484, 3)
    expect(stat.high).toBeCloseTo(2 + 2.484, 3)
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sd √(32/7) = 2.13809; t(.975, 7) = 2.3646 (tables):
    // half = 2.3646·2.13809/√8 = 1.7875.
    const eight = meanInterval([2, 4, 4, 4, 5, 5, 7, 9])
    expect(eight.mean).toBe(5)
    expect(eight.sd).toBeCloseTo(Math.sqrt(32 / 7), 12)
    expect(eight.high! - eight.mean!).toBeCloseTo(1.7875, 3)
    expect(eight.mean! - eight.low!).toBeCloseTo(eight.high! - eight.mean!, 12)
  })

  it('has nulls for too few values', () => {
    expect(meanInterval([])).toEqual({ n: 0, mean: null, sd: null, low: null, high: null })
    expect(meanInterval([4])).toEqual({ n: 1, mean: 4, sd: null, low: null, high: null })
    expect(meanInterval([4, 4])).toEqual({ n: 2, mean: 4, sd: 0, low: 4, high: 4 })
  })
})

describe('agreementFigures', () => {
  it('puts alpha, ICC over the units every rater rated, and pairwise kappas together', () => {
    // Three raters on a 1–5 scale; c skips u4, a alone rated u5 (not pairable).
    const ratings = fromObserverRows({
      a: [1, 2, 4, 5, 3],
      b: [2, 2, 5, 4, null],
      c: [1, 3, 4, null, null],
    })
    const figures = agreementFigures(ratings, { min: 1, max: 5 })
    expect(figures.units).toBe(4)
    expect(figures.raters).toBe(3)
    expect(figures.alphaInterval).toBeCloseTo(krippendorffAlpha(ratings, 'interval')!, 12)
    expect(figures.alphaOrdinal).toBeCloseTo(krippendorffAlpha(ratings, 'ordinal')!, 12)
    // u1..u3 are the units all of a, b, c rated.
    expect(figures.iccUnits).toBe(3)
    const icc = icc2([
      [1, 2, 1],
      [2, 2, 3],
      [4, 5, 4],
    ])!
    expect(figures.icc21).toBeCloseTo(icc.icc21, 12)
    expect(figures.icc2k).toBeCloseTo(icc.icc2k, 12)
    const scale = [1, 2, 3, 4, 5]
    expect(figures.kappas).toEqual([
      { a: 'a', b: 'b', n: 4, kappa: weightedKappa([1, 2, 4, 5], [2, 2, 5, 4], scale) },
      { a: 'a', b: 'c', n: 3, kappa: weightedKappa([1, 2, 4], [1, 3, 4], scale) },
      { a: 'b', b: 'c', n: 3, kappa: weightedKappa([2, 2, 5], [1, 3, 4], scale) },
    ])
  })

  it('leaves ICC null when no two units were rated by everyone', () => {
    const ratings = fromObserverRows({ a: [1, 2, null], b: [1, null, 3], c: [null, 2, 3] })
    const figures = agreementFigures(ratings, { min: 1, max: 3 })
    expect(figures.iccUnits).toBe(0)
    expect(figures.icc21).toBeNull()
    expect(figures.icc2k).toBeNull()
    expect(figures.kappas.map((k) => k.n)).toEqual([1, 1, 1])
  })
})
