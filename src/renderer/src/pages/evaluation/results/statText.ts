import i18next from 'i18next'
import type { Comparison } from '@shared/evaluation'

/** Results arrive as JSON: a NaN (too few values) is null there. */
export const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/** Fixed decimals with a dot in every UI language (as in papers); "—" when there is no value. */
export const num = (x: number | null | undefined, digits = 3) => (isNumber(x) ? x.toFixed(digits) : '—')
export const int = (x: number | null | undefined) => (isNumber(x) ? String(Math.round(x)) : '—')

const pText = (p: number | null | undefined) =>
  !isNumber(p) ? 'p = —' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`

/** "Own card: M = 0.312, SD = 0.081, n = 442" */
export function groupLine(label: string, group: { n: number; mean: number; std: number }): string {
  return i18next.t('results.groupLine', { label, mean: num(group.mean), sd: num(group.std), n: int(group.n) })
}

/** "Welch's t-test: t(857.3) = 21.45, p < 0.001, Cohen's d = 1.45" */
export function testLine(c: Comparison, prefix?: string): string {
  const line = i18next.t('results.testLine', {
    test: i18next.t(`results.tests.${c.test}`),
    df: num(c.df, 1),
    t: num(c.t, 2),
    p: pText(c.p),
    d: num(c.cohensD, 2),
  })
  return prefix ? i18next.t('results.prefixed', { prefix, line }) : line
}

export function finite(values: (number | null)[]): number[] {
  return values.filter(isNumber)
}

export function meanOf(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN
}
