import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import tCdf from '@stdlib/stats-base-dists-t-cdf'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import { mean, std } from '../statistics'

/*
 * Tests on paired values (a[i] and b[i] belong to the same role card or seed record) and Holm's correction.
 * Differences are always a − b, so a positive mean difference, t, z or effect size says a is higher.
 * As in ../statistics, undefined quantities are NaN, never a made-up number.
 */

export interface PairedTTest {
  test: 'paired-t'
  /** Number of pairs. */
  n: number
  /** Mean of the differences a − b. */
  meanDifference: number
  /** Sample standard deviation of the differences. */
  sdDifference: number
  t: number
  df: number
  /** Two-sided. */
  p: number
  /** 95% confidence interval of the mean difference (t quantile with n − 1 df). */
  ci95: [number, number]
  /** Cohen's d_z = mean difference / SD of the differences. */
  dz: number
}

function checkPaired(a: readonly number[], b: readonly number[]) {
  if (a.length !== b.length) throw new RangeError(`paired values must come in pairs: got ${a.length} and ${b.length}`)
  for (const [i, v] of [...a, ...b].entries()) {
    if (!Number.isFinite(v)) throw new RangeError(`paired values must be finite numbers: value ${i + 1} is ${v}`)
  }
  return a.map((x, i) => x - b[i])
}

/**
 * Paired (dependent-samples) t-test, two-sided, as scipy.stats.ttest_rel. With no spread in the differences the
 * limits are returned as ../statistics tTest does: a mean difference gives t = d_z = ±Infinity and p = 0, none gives
 * t = d_z = 0 and p = 1.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): PairedTTest {
  const d = checkPaired(a, b)
  const n = d.length
  const md = mean(d)
  const sd = std(d)
  if (n < 2) {
    return {
      test: 'paired-t',
      n,
      meanDifference: md,
      sdDifference: sd,
      t: NaN,
      df: NaN,
      p: NaN,
      ci95: [NaN, NaN],
      dz: NaN,
    }
  }
  const df = n - 1
  const se = sd / Math.sqrt(n)
  const limit = md === 0 ? 0 : Math.sign(md) * Infinity
  const t = se > 0 ? md / se : limit
  const dz = sd > 0 ? md / sd : limit
  const p = Math.min(1, 2 * tCdf(-Math.abs(t), df))
  const half = tQuantile(0.975, df) * se
  return { test: 'paired-t', n, meanDifference: md, sdDifference: sd, t, df, p, ci95: [md - half, md + half], dz }
}

/** How the signed-rank p value was computed (the choice scipy.stats.wilcoxon makes with method='auto'). */
export type WilcoxonMethod = 'exact' | 'exact-conditional' | 'normal'

export interface WilcoxonTest {
  test: 'wilcoxon'
  /** Pairs given, zero differences included. */
  n: number
  /** Zero differences, dropped before ranking (zero_method='wilcox'). */
  zeros: number
  /** Whether two or more non-zero |differences| tie (they get the average of their ranks). */
  ties: boolean
  /** Sum of the ranks of positive and of negative differences. */
  wPlus: number
  wMinus: number
  /** min(W+, W−), the statistic scipy reports for a two-sided test. */
  statistic: number
  method: WilcoxonMethod
  /** Normal-approximation z of W+ (tie-corrected, no continuity correction); NaN when the method is exact. */
  z: number
  /** Two-sided. */
  p: number
  /** Matched-pairs rank-biserial correlation (W+ − W−) / (W+ + W−), in [−1, 1]; positive when a tends to be higher. */
  rankBiserial: number
}

/** Average ranks (1-based) of values, and the sizes of the groups of equal values. */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0])
  const ranks = new Array<number>(values.length)
  const tieGroups: number[] = []
  for (let start = 0; start < order.length;) {
    let end = start + 1
    while (end < order.length && order[end][0] === order[start][0]) end++
    const rank = (start + 1 + end) / 2
    for (let k = start; k < end; k++) ranks[order[k][1]] = rank
    tieGroups.push(end - start)
    start = end
  }
  return { ranks, tieGroups }
}

/**
 * The null distribution of W+ when each of the given ranks gets a random sign: counts[s] = how many of the 2^m sign
 * assignments give W+ = s / 2 (ranks are doubled so average ranks, multiples of ½, stay whole). For m ≤ 50 every
 * count is below 2^53, so the counts are exact.
 */
export function signedRankCounts(ranks: readonly number[]): number[] {
  const doubled = ranks.map((r) => Math.round(2 * r))
  const total = doubled.reduce((s, r) => s + r, 0)
  let counts = new Array<number>(total + 1).fill(0)
  counts[0] = 1
  for (const r of doubled) {
    const next = counts.slice()
    for (let s = 0; s + r <= total; s++) if (counts[s]) next[s + r] += counts[s]
    counts = next
  }
  return counts
}

/**
 * Wilcoxon signed-rank test of a − b, two-sided, mirroring scipy.stats.wilcoxon(a, b) with its defaults
 * (zero_method='wilcox', correction=False, method='auto') as SciPy 1.15+ applies them (checked against 1.17.1):
 * - zero differences are dropped, the remaining |differences| ranked with ties given their average rank;
 * - n = number of pairs, zeros included, as scipy counts it for the choice of method:
 *   - n ≤ 50, no ties and no zeros: exact null distribution of W+ ('exact');
 *   - n ≤ 13 with ties or zeros: scipy runs a permutation test over all 2^n sign flips, which is the exact
 *     distribution of W+ given the tied ranks; computed here by counting instead of enumerating ('exact-conditional');
 *   - otherwise the normal approximation with the tie correction of the variance and no continuity correction
 *     ('normal').
 * Two-sided p = min(1, 2 · min(P(W+ ≥ observed), P(W+ ≤ observed))) for the exact methods, 2 · Φ(−|z|) for 'normal'.
 * All differences zero: p = 1 when n ≤ 13 and NaN above (scipy's z is then 0/0); fewer than one pair: NaN.
 */
export function wilcoxonSignedRank(a: readonly number[], b: readonly number[]): WilcoxonTest {
  const d = checkPaired(a, b)
  const n = d.length
  const nonZero = d.filter((x) => x !== 0)
  const m = nonZero.length
  const zeros = n - m
  const { ranks, tieGroups } = averageRanks(nonZero.map(Math.abs))
  const ties = tieGroups.some((g) => g > 1)
  let wPlus = 0
  let wMinus = 0
  nonZero.forEach((x, i) => (x > 0 ? (wPlus += ranks[i]) : (wMinus += ranks[i])))
  const rankBiserial = m > 0 ? (wPlus - wMinus) / (wPlus + wMinus) : NaN
  const base = { test: 'wilcoxon' as const, n, zeros, ties, wPlus, wMinus, statistic: Math.min(wPlus, wMinus) }
  if (n === 0) return { ...base, statistic: NaN, method: 'exact', z: NaN, p: NaN, rankBiserial }

  const method: WilcoxonMethod =
    n > 50 ? 'normal' : !ties && zeros === 0 ? 'exact' : n <= 13 ? 'exact-conditional' : 'normal'
  if (method === 'normal') {
    const mu = (m * (m + 1)) / 4
    const tieCorrection = tieGroups.reduce((s, g) => s + g ** 3 - g, 0)
    const se = Math.sqrt((m * (m + 1) * (2 * m + 1) - tieCorrection / 2) / 24)
    const z = (wPlus - mu) / se
    return { ...base, method, z, p: Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1)), rankBiserial }
  }
  const counts = signedRankCounts(ranks)
  const observed = Math.round(2 * wPlus)
  const all = 2 ** m
  let atMost = 0
  let atLeast = 0
  counts.forEach((c, s) => {
    if (s <= observed) atMost += c
    if (s >= observed) atLeast += c
  })
  const p = Math.min(1, (2 * Math.min(atMost, atLeast)) / all)
  return { ...base, method, z: NaN, p, rankBiserial }
}

/**
 * Holm's step-down adjustment of a family of p values (same order as given): the i-th smallest of m becomes
 * max over j ≤ i of min(1, (m − j + 1) · p_(j)). NaN entries (tests that could not be run) stay NaN and are not
 * counted in m.
 */
export function holm(pValues: readonly number[]): number[] {
  const present = pValues.map((p, i) => [p, i] as const).filter(([p]) => !Number.isNaN(p))
  for (const [p] of present) if (!(p >= 0 && p <= 1)) throw new RangeError(`p values must lie in [0, 1], got ${p}`)
  present.sort((x, y) => x[0] - y[0])
  const adjusted = pValues.map(() => NaN)
  const m = present.length
  let running = 0
  present.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p))
    adjusted[i] = running
  })
  return adjusted
}
