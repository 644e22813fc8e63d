import type { DialogueQuery, DialogueStatus, EndReason } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'

export type ScoreMode = 'range' | 'lowest' | 'highest'

/** A filter by one analysis's per-dialogue metric: a value range, or the lowest / highest share (in percent). */
export interface ScoreFilter {
  /** '' = no score filter. */
  evaluationId: string
  metric: string
  mode: ScoreMode
  min: string
  max: string
  /** Percent of the scored dialogues, (0, 100]. */
  percent: string
}

export interface BrowserFilters {
  text: string
  status: DialogueStatus | ''
  endReason: EndReason['kind'] | ''
  minTurns: string
  maxTurns: string
  flagged: '' | 'yes' | 'no'
  tag: string
  language: Language | ''
  /** Only the sessions of this case ('' = any). */
  caseId: string
  /** Only this session of each case, as typed ('' = any). */
  session: string
  score: ScoreFilter
  /** 'score' sorts by the score filter's metric (without one, the list keeps the order created). */
  sort: 'created' | 'turns' | 'chars' | 'score'
  order: 'asc' | 'desc'
}

export const NO_SCORE_FILTER: ScoreFilter = {
  evaluationId: '',
  metric: '',
  mode: 'range',
  min: '',
  max: '',
  percent: '',
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
  caseId: '',
  session: '',
  score: NO_SCORE_FILTER,
  sort: 'created',
  order: 'asc',
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined)

export const turnsInvalid = (text: string) => text.trim() !== '' && whole(text) === undefined

/** A decimal number as typed ("3.5", "-1", ".25", "3,5" with a decimal comma); undefined when empty or not one. */
export function decimal(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.')
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : undefined
}

export const decimalInvalid = (text: string) => text.trim() !== '' && decimal(text) === undefined

/** A share in percent that the API takes: more than 0, at most 100. */
export const percentInvalid = (text: string) => {
  if (text.trim() === '') return false
  const value = decimal(text)
  return value === undefined || value <= 0 || value > 100
}

/** The score filter chose an analysis and a metric (without them it filters nothing). */
export const hasScoreFilter = (score: ScoreFilter) => score.evaluationId !== '' && score.metric !== ''

export function hasBrowserFilters(filters: BrowserFilters): boolean {
  return (
    hasScoreFilter(filters.score) ||
    (
      [
        'text',
        'status',
        'endReason',
        'minTurns',
        'maxTurns',
        'flagged',
        'tag',
        'language',
        'caseId',
        'session',
      ] as const
    ).some((key) => filters[key].trim() !== '')
  )
}

/** The query's score: the analysis and metric, and the range or share typed (a field left empty or invalid: unset). */
export function toScoreQuery(score: ScoreFilter): DialogueQuery['score'] {
  if (!hasScoreFilter(score)) return undefined
  const base = { evaluationId: score.evaluationId, metric: score.metric }
  if (score.mode === 'range') {
    const min = decimal(score.min)
    const max = decimal(score.max)
    return { ...base, ...(min !== undefined && { min }), ...(max !== undefined && { max }) }
  }
  if (percentInvalid(score.percent) || score.percent.trim() === '') return base
  // 10 % → 0.1, without the float noise of 10 / 100 * … (e.g. 7 / 100 = 0.07 exactly as typed).
  const share = Number((decimal(score.percent)! / 100).toPrecision(12))
  return { ...base, [score.mode]: share }
}

export function toDialogueQuery(datasetId: string, filters: BrowserFilters): Omit<DialogueQuery, 'limit' | 'offset'> {
  const score = toScoreQuery(filters.score)
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
    caseId: filters.caseId || undefined,
    sessionIndex: whole(filters.session) || undefined,
    score,
    sort: filters.sort === 'score' && !score ? 'created' : filters.sort,
    order: filters.order,
  }
}

/** Every filter cleared but the sort (which falls back to the order created when it was by the cleared score). */
export function clearedFilters(filters: BrowserFilters): BrowserFilters {
  return { ...NO_BROWSER_FILTERS, sort: filters.sort === 'score' ? 'created' : filters.sort, order: filters.order }
}

/**
 * The filters a link from elsewhere opens the browser with (NavTarget.score, e.g. from the Evaluation page): its score,
 * sorted by it, lowest first (highest first for the highest share).
 */
export function filtersFromTarget(score: DialogueQuery['score']): BrowserFilters {
  if (!score) return NO_BROWSER_FILTERS
  const text = (value: number | undefined) => (value === undefined ? '' : String(value))
  const share = score.lowest ?? score.highest
  const mode: ScoreMode = score.lowest !== undefined ? 'lowest' : score.highest !== undefined ? 'highest' : 'range'
  return {
    ...NO_BROWSER_FILTERS,
    score: {
      evaluationId: score.evaluationId,
      metric: score.metric,
      mode,
      min: text(score.min),
      max: text(score.max),
      percent: share === undefined ? '' : String(Number((share * 100).toPrecision(12))),
    },
    sort: 'score',
    order: mode === 'highest' ? 'desc' : 'asc',
  }
}
