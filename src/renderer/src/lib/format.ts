import i18next from 'i18next'

function locale(): string {
  return i18next.language === 'zh' ? 'zh-CN' : 'en-US'
}

export function formatNumber(value: number): string {
  return value.toLocaleString(locale())
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** "2026-11-22 15:42", local time: the date in a new run's, arena's or job's default name. */
export function dateStamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' })
}

/** "42 s", "3 min 20 s", "2 h 5 min" (in the UI language). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds))
  if (seconds < 60) return i18next.t('duration.seconds', { s: seconds })
  if (seconds < 3600) return i18next.t('duration.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 })
  return i18next.t('duration.hours', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) })
}

/** Milliseconds as "850 ms" or "2.4 s". */
export function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** Money with up to 4 decimals (prices per token are small). */
export function formatCost(value: number): string {
  return value.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 4 })
}
