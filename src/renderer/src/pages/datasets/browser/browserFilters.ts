import type { DialogueQuery, DialogueStatus, EndReason } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'

export interface BrowserFilters {
  text: string
  status: DialogueStatus | ''
  endReason: EndReason['kind'] | ''
  minTurns: string
  maxTurns: string
  flagged: '' | 'yes' | 'no'
  tag: string
  language: Language | ''
  sort: 'created' | 'turns' | 'chars'
  order: 'asc' | 'desc'
}

export const NO_BROWSER_FILTERS: BrowserFilters = {
  text: '',
  status: '',
  endReason: '',
  minTurns: '',
  maxTurns: '',
  flagged: '',
  tag: '',
  language: '',
  sort: 'created',
  order: 'asc',
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined)

export const turnsInvalid = (text: string) => text.trim() !== '' && whole(text) === undefined

export function hasBrowserFilters(filters: BrowserFilters): boolean {
  return (['text', 'status', 'endReason', 'minTurns', 'maxTurns', 'flagged', 'tag', 'language'] as const).some(
    (key) => filters[key].trim() !== '',
  )
}

export function toDialogueQuery(datasetId: string, filters: BrowserFilters): Omit<DialogueQuery, 'limit' | 'offset'> {
  return {
    datasetId,
    text: filters.text.trim(),
    status: filters.status || undefined,
    endReason: filters.endReason || undefined,
    minTurns: whole(filters.minTurns),
    maxTurns: whole(filters.maxTurns),
    flagged: filters.flagged === '' ? undefined : filters.flagged === 'yes',
    tag: filters.tag.trim() || undefined,
    language: filters.language || undefined,
    sort: filters.sort,
    order: filters.order,
  }
}
