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

export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' })
}
