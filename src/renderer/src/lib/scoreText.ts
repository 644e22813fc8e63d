import type { TFunction } from 'i18next'
import i18next from 'i18next'

/** A per-dialogue score as the browser and transcript show it: up to 3 decimals ("3", "3.667", "0.812"). */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return value.toLocaleString(i18next.language === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 3 })
}

/**
 * A metric's name in the UI language. Analyses store short English names ('bond', 'item 4', 'round 2', 'mapping');
 * the known ones are translated, any other is shown as stored.
 */
export function metricLabel(t: TFunction, metric: string): string {
  const key = `results.metrics.${metric}`
  if (i18next.exists(key)) return t(key)
  const numbered = /^(item|round) (\d+)$/.exec(metric)
  if (numbered) return t(numbered[1] === 'item' ? 'results.itemNumber' : 'results.roundNumber', { n: numbered[2] })
  return metric
}
