import { createContext, useContext } from 'react'

/**
 * What a click on a number asks to see: the dialogues behind it, sorted by one per-dialogue metric (lowest first unless
 * said otherwise), optionally of one dataset (a bar) or within a value range (a histogram bin).
 */
export interface DrillTarget {
  metric: string
  datasetId?: string
  /** Only the dialogues with this label (a round's topic). */
  label?: string
  min?: number
  max?: number
  order?: 'asc' | 'desc'
  /** Only the dialogues that are this session of their case. */
  sessionIndex?: number
}

/** Set by the result view: figures and tables call it to show the dialogues behind a bar, bin or row. */
export const DrillContext = createContext<((target: DrillTarget) => void) | null>(null)

/** The result view's drill-down, or null outside one (a figure rendered alone). */
export const useDrill = () => useContext(DrillContext)

/**
 * A histogram bin as a range: values from `from` up to but not including `to`, except the last bin, which holds its
 * upper edge (as the histogram counts them).
 */
export const binRange = (from: number, to: number, last: boolean) => ({
  min: from,
  max: last ? to : to - Math.max(1e-12, Math.abs(to) * 1e-12),
})
