import tCdf from '@stdlib/stats-base-dists-t-cdf'
import type { Comparison, TTestKind } from '@shared/evaluation'

/*
 * Undefined quantities are NaN, never a made-up number: the mean of no values,
 * the sample standard deviation of fewer than two, and every test quantity when
 * a group has fewer than two values.
 */

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/** Sample variance (n − 1 denominator), two-pass for accuracy. */
export function variance(values: readonly number[]): number {
  const n = values.length
  if (n < 2) return NaN
  const m = mean(values)
  let ss = 0
  for (const v of values) ss += (v - m) ** 2
  return ss / (n - 1)
}

/** Sample standard deviation (n − 1 denominator). */
export function std(values: readonly number[]): number {
  return Math.sqrt(variance(values))
}

/** Two-tailed p of a t statistic; the lower tail is used directly so tiny p keep their precision. */
function twoTailedP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df))
}

/**
 * Two-sample, two-tailed t-test of a against b (Welch's unequal-variance test
 * by default, Student's pooled-variance test on request), with Cohen's d
 * = (mean a − mean b) / pooled SD, whatever the test.
 *
 * With zero spread in both groups (standard error 0) the limits as the spread
 * goes to zero are returned: a mean difference gives t = d = ±Infinity and
 * p = 0; equal means give t = d = 0 and p = 1. Welch's df then takes its limit
 * for equal variances, (1/na + 1/nb)² / (1/(na²(na−1)) + 1/(nb²(nb−1))).
 */
export function tTest(a: readonly number[], b: readonly number[], test: TTestKind = 'welch'): Comparison {
  const na = a.length
  const nb = b.length
  const ma = mean(a)
  const mb = mean(b)
  const va = variance(a)
  const vb = variance(b)
  const summary = { test, a: { n: na, mean: ma, std: Math.sqrt(va) }, b: { n: nb, mean: mb, std: Math.sqrt(vb) } }
  if (na < 2 || nb < 2) return { ...summary, t: NaN, df: NaN, p: NaN, cohensD: NaN }

  const diff = ma - mb
  const pooledVariance = ((na - 1) * va + (nb - 1) * vb) / (na + nb - 2)
  const pooledSd = Math.sqrt(pooledVariance)
  let se: number
  let df: number
  if (test === 'student') {
    se = pooledSd * Math.sqrt(1 / na + 1 / nb)
    df = na + nb - 2
  } else {
    const ua = va / na
    const ub = vb / nb
    se = Math.sqrt(ua + ub)
    df =
      ua + ub > 0
        ? (ua + ub) ** 2 / (ua ** 2 / (na - 1) + ub ** 2 / (nb - 1))
        : (1 / na + 1 / nb) ** 2 / (1 / (na ** 2 * (na - 1)) + 1 / (nb ** 2 * (nb - 1)))
  }
  const t = se > 0 ? diff / se : diff === 0 ? 0 : Math.sign(diff) * Infinity
  const cohensD = pooledSd > 0 ? diff / pooledSd : diff === 0 ? 0 : Math.sign(diff) * Infinity
  return { ...summary, t, df, p: twoTailedP(t, df), cohensD }
}

/**
 * Shannon entropy, in bits, of the distribution given by counts (zero counts
 * contribute nothing). NaN when the counts sum to 0: there is no distribution.
 */
export function entropyBits(counts: Iterable<number>): number {
  const values = [...counts]
  let total = 0
  for (const c of values) {
    if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`counts must be finite and non-negative, got ${c}`)
    total += c
  }
  if (total === 0) return NaN
  let h = 0
  for (const c of values) if (c > 0) h -= (c / total) * Math.log2(c / total)
  return h
}
