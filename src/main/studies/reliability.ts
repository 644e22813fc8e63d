import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import type { AgreementFigures, MeanInterval } from '@shared/study'
import { mean, std } from '../evaluation/statistics'

/*
 * Statistics of expert rating studies: inter-rater reliability (Krippendorff's alpha, ICC, weighted kappa) and the
 * intervals and tests the results page shows. Pure functions. Unlike ../evaluation/statistics (NaN), an undefined
 * quantity here is null, as the shared result types carry it. Bad input (values that are not finite numbers, a
 * rater rating a unit twice, a rating outside the categories) throws a RangeError rather than being skipped.
 */

/** One rating: `rater` gave `value` to `unit` (a dialogue, or a dialogue × item). */
export interface Rating {
  unit: string
  rater: string
  value: number
}

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio'

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}`)
}

/** Values per unit, in input order; throws when a rater rated a unit twice. */
function valuesByUnit(ratings: readonly Rating[]): Map<string, number[]> {
  const units = new Map<string, number[]>()
  const seen = new Set<string>()
  for (const r of ratings) {
    assertFinite(r.value, `the rating of ${r.rater} for ${r.unit}`)
    const key = JSON.stringify([r.unit, r.rater])
    if (seen.has(key)) throw new RangeError(`${r.rater} rated ${r.unit} twice`)
    seen.add(key)
    const values = units.get(r.unit)
    if (values) values.push(r.value)
    else units.set(r.unit, [r.value])
  }
  return units
}

/**
 * Krippendorff's alpha = 1 − D_o / D_e, computed from the coincidence matrix (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability"). Missing data are allowed: each unit may be rated by any subset of raters;
 * units with fewer than two ratings are not pairable and are dropped.
 *
 * A unit u with m_u ratings adds, for every ordered pair of its ratings (by different raters) with values c and k,
 * 1 / (m_u − 1) to o_ck. With n_c = Σ_k o_ck and n = Σ_c n_c (the pairable values):
 *   alpha = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 * with δ²_ck: nominal [c ≠ k]; interval (c − k)²; ratio ((c − k) / (c + k))² (values ≥ 0);
 * ordinal (Σ_{g from c to k} n_g − (n_c + n_k) / 2)², over the values g that occur, in order.
 *
 * Null when undefined: fewer than two pairable values, or expected disagreement 0 (a single value throughout).
 */
export function krippendorffAlpha(ratings: readonly Rating[], level: AlphaLevel): number | null {
  const units = [...valuesByUnit(ratings).values()].filter((values) => values.length >= 2)
  const distinct = [...new Set(units.flat())].sort((x, y) => x - y)
  if (level === 'ratio' && distinct.length > 0 && distinct[0] < 0) throw new RangeError('ratio alpha needs values ≥ 0')
  const index = new Map(distinct.map((v, i) => [v, i]))
  const size = distinct.length
  const o: number[][] = distinct.map(() => new Array<number>(size).fill(0))
  for (const values of units) {
    const counts = new Map<number, number>()
    for (const v of values) counts.set(index.get(v)!, (counts.get(index.get(v)!) ?? 0) + 1)
    const weight = 1 / (values.length - 1)
    for (const [c, nc] of counts) for (const [k, nk] of counts) o[c][k] += nc * (c === k ? nk - 1 : nk) * weight
  }
  const marginals = o.map((row) => row.reduce((s, x) => s + x, 0))
  const n = marginals.reduce((s, x) => s + x, 0)
  if (n < 2 || size < 2) return null

  // Cumulative marginals for the ordinal metric: below[i] = Σ_{g < i} n_g.
  const below = [0]
  for (const nc of marginals) below.push(below[below.length - 1] + nc)
  const delta2 = (c: number, k: number): number => {
    if (c === k) return 0
    const vc = distinct[c]
    const vk = distinct[k]
    switch (level) {
      case 'nominal':
        return 1
      case 'interval':
        return (vc - vk) ** 2
      case 'ratio':
        return ((vc - vk) / (vc + vk)) ** 2
      case 'ordinal': {
        const [lo, hi] = c < k ? [c, k] : [k, c]
        return (below[hi + 1] - below[lo] - (marginals[lo] + marginals[hi]) / 2) ** 2
      }
    }
  }
  let observed = 0
  let expected = 0
  for (let c = 0; c < size; c++)
    for (let k = 0; k < size; k++) {
      const d = delta2(c, k)
      observed += o[c][k] * d
      expected += marginals[c] * marginals[k] * d
    }
  if (expected === 0) return null
  return 1 - ((n - 1) * observed) / expected
}

export interface Icc2 {
  /** ICC(2,1): the reliability of one rater's rating (McGraw & Wong's ICC(A,1)). */
  icc21: number
  /** ICC(2,k): the reliability of the mean of the k raters' ratings (ICC(A,k)). */
  icc2k: number
}

/**
 * Two-way random-effects, absolute-agreement intraclass correlations (Shrout & Fleiss 1979, ICC(2,1) and ICC(2,k);
 * McGraw & Wong 1996, ICC(A,1) and ICC(A,k)) of a complete matrix: matrix[i][j] is rater j's rating of unit i.
 * From the two-way ANOVA mean squares BMS (units), JMS (raters) and EMS (residual), with n units and k raters:
 *   ICC(2,1) = (BMS − EMS) / (BMS + (k − 1) EMS + k (JMS − EMS) / n)
 *   ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS) / n)
 * Null when undefined: fewer than two units or two raters, or a zero denominator (e.g. one value throughout).
 * Throws when rows differ in length or a value is not finite.
 */
export function icc2(matrix: readonly (readonly number[])[]): Icc2 | null {
  const n = matrix.length
  const k = n > 0 ? matrix[0].length : 0
  for (const row of matrix) {
    if (row.length !== k) throw new RangeError('every unit needs a rating from every rater (rows of equal length)')
    for (const v of row) assertFinite(v, 'a rating')
  }
  if (n < 2 || k < 2) return null
  const grand = mean(matrix.flat())
  const rowMeans = matrix.map((row) => mean(row))
  const colMeans = Array.from({ length: k }, (_, j) => mean(matrix.map((row) => row[j])))
  let ssRows = 0
  for (const m of rowMeans) ssRows += k * (m - grand) ** 2
  let ssCols = 0
  for (const m of colMeans) ssCols += n * (m - grand) ** 2
  let ssError = 0
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) ssError += (matrix[i][j] - rowMeans[i] - colMeans[j] + grand) ** 2
  const bms = ssRows / (n - 1)
  const jms = ssCols / (k - 1)
  const ems = ssError / ((n - 1) * (k - 1))
  const single = bms + (k - 1) * ems + (k * (jms - ems)) / n
  const average = bms + (jms - ems) / n
  if (single === 0 || average === 0) return null
  return { icc21: (bms - ems) / single, icc2k: (bms - ems) / average }
}

export type KappaWeights = 'quadratic' | 'linear' | 'none'

/**
 * Cohen's kappa of two raters' paired ratings a[i], b[i] over the ordered `categories`, weighted by disagreement:
 *   kappa = 1 − Σ_ij w_ij o_ij / Σ_ij w_ij e_ij,   e_ij = (row total i) (column total j) / N,
 * with w_ij = ((i − j) / (K − 1))² (quadratic), |i − j| / (K − 1) (linear) or [i ≠ j] ('none': unweighted kappa,
 * (p_o − p_e) / (1 − p_e)), i and j being positions in `categories` (K of them).
 * Null when undefined: no pairs, or no expected disagreement (both raters used one and the same category throughout).
 * Throws when a and b differ in length or a rating is not one of the categories.
 */
export function weightedKappa<T>(
  a: readonly T[],
  b: readonly T[],
  categories: readonly T[],
  weights: KappaWeights = 'quadratic',
): number | null {
  if (a.length !== b.length) throw new RangeError(`a has ${a.length} ratings, b ${b.length}: they must be paired`)
  const index = new Map(categories.map((c, i) => [c, i]))
  if (index.size !== categories.length) throw new RangeError('the categories must be distinct')
  const position = (value: T): number => {
    const i = index.get(value)
    if (i === undefined) throw new RangeError(`${String(value)} is not one of the categories`)
    return i
  }
  const size = categories.length
  const observed: number[][] = categories.map(() => new Array<number>(size).fill(0))
  const rows = new Array<number>(size).fill(0)
  const cols = new Array<number>(size).fill(0)
  for (let p = 0; p < a.length; p++) {
    const i = position(a[p])
    const j = position(b[p])
    observed[i][j]++
    rows[i]++
    cols[j]++
  }
  const total = a.length
  if (total === 0) return null
  const weight = (i: number, j: number): number => {
    if (i === j) return 0
    if (weights === 'none') return 1
    const d = Math.abs(i - j) / (size - 1)
    return weights === 'linear' ? d : d * d
  }
  // Both sums are kept as counts (Σ w o and N · Σ w e) so that integer cases stay exact.
  let disagreement = 0
  let chance = 0
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      const w = weight(i, j)
      disagreement += w * observed[i][j] * total
      chance += w * rows[i] * cols[j]
    }
  if (chance === 0) return null
  return 1 - disagreement / chance
}

function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie in (0, 1), got ${confidence}`)
}

/**
 * Wilson score interval of a proportion successes / n (Wilson 1927; Newcombe 1998, method 3), z the two-sided
 * normal quantile of `confidence`:
 *   (p + z²/2n ± z √(p(1 − p)/n + z²/4n²)) / (1 + z²/n)
 * Null for n = 0. Throws unless 0 ≤ successes ≤ n are integers.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): { low: number; high: number } | null {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n)
    throw new RangeError(`need integers 0 ≤ successes ≤ n, got ${successes} of ${n}`)
  assertConfidence(confidence)
  if (n === 0) return null
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1)
  const p = successes / n
  const z2n = (z * z) / n
  const centre = (p + z2n / 2) / (1 + z2n)
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n)
  // The bounds are exactly 0 and 1 at p = 0 and p = 1; clamp rounding just past them.
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/**
 * Two-sided exact sign test (binomial test of wins against losses at p = 1/2, ties already left out):
 * p = min(1, 2 · P(X ≤ min(wins, losses))), X ~ Binomial(wins + losses, 1/2). Null when wins + losses = 0.
 */
export function signTest(wins: number, losses: number): number | null {
  if (!Number.isInteger(wins) || !Number.isInteger(losses) || wins < 0 || losses < 0)
    throw new RangeError(`need counts ≥ 0, got ${wins} and ${losses}`)
  const n = wins + losses
  if (n === 0) return null
  return Math.min(1, 2 * binomialCdf(Math.min(wins, losses), n, 0.5))
}

/**
 * Mean, sample SD (n − 1) and the t interval mean ± t(1 − (1 − confidence)/2, n − 1) · sd / √n.
 * mean is null for no values; sd, low and high are null for fewer than two. Throws on a value that is not finite.
 */
export function meanInterval(values: readonly number[], confidence = 0.95): MeanInterval {
  for (const v of values) assertFinite(v, 'a value')
  assertConfidence(confidence)
  const n = values.length
  if (n === 0) return { n, mean: null, sd: null, low: null, high: null }
  const m = mean(values)
  if (n < 2) return { n, mean: m, sd: null, low: null, high: null }
  const sd = std(values)
  const half = (tQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n)
  return { n, mean: m, sd, low: m - half, high: m + half }
}

export interface AgreementOptions {
  /** The item's scale: its integer points min..max are the kappa categories. */
  min: number
  max: number
}

/**
 * The agreement figures of one item (or of items pooled as units) from its ratings:
 * - units: units with at least two ratings; raters: distinct raters among all the ratings;
 * - alphaInterval, alphaOrdinal: Krippendorff's alpha over all pairable ratings;
 * - icc21, icc2k: over the units that every rater present rated (iccUnits of them), null when fewer than two such
 *   units or fewer than two raters;
 * - kappas: quadratic-weighted kappa over the scale's integer points for each pair of raters (in order of first
 *   appearance) that rated at least one unit in common, over the units both rated.
 * Throws when a rater rated a unit twice, or a value is not a scale point.
 */
export function agreementFigures(ratings: readonly Rating[], options: AgreementOptions): AgreementFigures {
  if (!Number.isInteger(options.min) || !Number.isInteger(options.max) || options.max < options.min)
    throw new RangeError(`the scale needs integers min ≤ max, got ${options.min}..${options.max}`)
  const units = valuesByUnit(ratings)
  const byRater = new Map<string, Map<string, number>>()
  for (const r of ratings) {
    const own = byRater.get(r.rater)
    if (own) own.set(r.unit, r.value)
    else byRater.set(r.rater, new Map([[r.unit, r.value]]))
  }
  const raters = [...byRater.keys()]

  const complete = [...units.keys()].filter((unit) => raters.every((rater) => byRater.get(rater)!.has(unit)))
  const icc =
    raters.length >= 2 && complete.length >= 2
      ? icc2(complete.map((unit) => raters.map((rater) => byRater.get(rater)!.get(unit)!)))
      : null

  const categories = Array.from({ length: options.max - options.min + 1 }, (_, i) => options.min + i)
  const kappas: AgreementFigures['kappas'] = []
  for (let i = 0; i < raters.length; i++)
    for (let j = i + 1; j < raters.length; j++) {
      const first = byRater.get(raters[i])!
      const second = byRater.get(raters[j])!
      const shared = [...first.keys()].filter((unit) => second.has(unit))
      if (shared.length === 0) continue
      const kappa = weightedKappa(
        shared.map((unit) => first.get(unit)!),
        shared.map((unit) => second.get(unit)!),
        categories,
        'quadratic',
      )
      kappas.push({ a: raters[i], b: raters[j], n: shared.length, kappa })
    }

  return {
    units: [...units.values()].filter((values) => values.length >= 2).length,
    raters: raters.length,
    alphaInterval: krippendorffAlpha(ratings, 'interval'),
    alphaOrdinal: krippendorffAlpha(ratings, 'ordinal'),
    icc21: icc?.icc21 ?? null,
    icc2k: icc?.icc2k ?? null,
    iccUnits: complete.length,
    kappas,
  }
}
