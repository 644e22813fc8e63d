/** Shared bins for several groups of values, and round axis ticks. */
export interface HistogramRow {
  /** Bin centre (the bar's position on a numeric axis). */
  x: number
  from: number
  to: number
  counts: number[]
}

export function histogram(groups: number[][], binCount = 20): { lo: number; hi: number; rows: HistogramRow[] } {
  const all = groups.flat()
  let lo = Math.min(...all)
  let hi = Math.max(...all)
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { lo: 0, hi: 1, rows: [] }
  if (hi - lo < 1e-9) {
    const pad = Math.abs(lo) * 0.05 || 0.05
    lo -= pad
    hi += pad
  }
  const width = (hi - lo) / binCount
  const rows: HistogramRow[] = Array.from({ length: binCount }, (_, i) => ({
    x: lo + (i + 0.5) * width,
    from: lo + i * width,
    to: lo + (i + 1) * width,
    counts: groups.map(() => 0),
  }))
  groups.forEach((values, g) => {
    for (const value of values) rows[Math.min(binCount - 1, Math.floor((value - lo) / width))].counts[g]++
  })
  return { lo, hi, rows }
}

/** Round ticks (1, 2, 2.5 or 5 × 10^k apart) inside [lo, hi], as close to `count` of them as those steps allow. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  const magnitude = 10 ** Math.floor(Math.log10((hi - lo) / Math.max(1, count)))
  const ticksFor = (step: number) => {
    const ticks: number[] = []
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) ticks.push(Number(v.toFixed(10)))
    return ticks
  }
  const candidates = [1, 2, 2.5, 5, 10, 20].map((m) => ticksFor(m * magnitude))
  return candidates.reduce((best, ticks) =>
    Math.abs(ticks.length - count) < Math.abs(best.length - count) ? ticks : best,
  )
}

/** The fewest decimals (up to 4) that write every tick exactly. */
export function tickDigits(ticks: number[]): number {
  for (let digits = 0; digits < 4; digits++)
    if (ticks.every((v) => Math.abs(Number(v.toFixed(digits)) - v) < 1e-9)) return digits
  return 4
}

/** Round ticks from 0 up to at least `max` (for shares and counts). */
export function zeroBasedTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1]
  const ticks = niceTicks(0, max, count)
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : max
  while (ticks[ticks.length - 1] < max - 1e-12) ticks.push(Number((ticks[ticks.length - 1] + step).toFixed(10)))
  return ticks
}
