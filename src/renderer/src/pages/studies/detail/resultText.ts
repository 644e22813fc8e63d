import { num } from '../../evaluation/results/statText'

/** "5.21 [4.80, 5.62]": a figure and its 95% interval ("—" parts when missing). */
export const withInterval = (value: number | null, low: number | null, high: number | null, digits = 2) =>
  value === null
    ? '—'
    : low === null || high === null
      ? num(value, digits)
      : `${num(value, digits)} [${num(low, digits)}, ${num(high, digits)}]`

export const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`)

/** "62.5% [48.1%, 75.0%]". */
export const percentInterval = (value: number | null, low: number | null, high: number | null) =>
  value === null
    ? '—'
    : low === null || high === null
      ? percent(value)
      : `${percent(value)} [${percent(low)}, ${percent(high)}]`

export const pValue = (p: number | null) => (p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3))

export { num }
