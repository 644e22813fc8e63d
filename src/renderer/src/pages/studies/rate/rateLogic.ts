import type { Anchor, Bilingual, PairChoice, RaterStudyView, RubricItem } from '@shared/study'

type Scale = RubricItem['scale']
type Task = RaterStudyView['tasks'][number]

/** A rater's text in the interface language, or in the other one when it is empty. */
export function inLanguage(text: Bilingual, language: string): string {
  const zh = language.startsWith('zh')
  return (zh ? text.zh || text.en : text.en || text.zh).trim()
}

/** Every point of a scale, lowest first. */
export function scalePoints(scale: Scale): number[] {
  return Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i)
}

/** Scales of 0–10 or within it (0–6, 1–7, 1–10…): a digit key is the point itself (0 is 10 on a scale from 1). */
const digitsAreValues = (scale: Scale) => scale.min >= 0 && scale.max <= 10

/**
 * The key that chooses a point: the point itself on a scale within 0–10 ("0" for 10 on 1–10); otherwise its place
 * (1 = the lowest point … 9 = the ninth, 0 = the tenth). Null when no digit reaches it (10 on 0–10, the eleventh
 * point of −5…5): + and − do.
 */
export function keyForPoint(value: number, scale: Scale): string | null {
  if (value < scale.min || value > scale.max) return null
  if (digitsAreValues(scale)) return value <= 9 ? String(value) : scale.min >= 1 ? '0' : null
  const place = value - scale.min + 1
  return place <= 9 ? String(place) : place === 10 ? '0' : null
}

/** The point a key chooses on this scale (see keyForPoint), or null. */
export function pointForKey(key: string, scale: Scale): number | null {
  if (!/^[0-9]$/.test(key)) return null
  const digit = Number(key)
  const value = digitsAreValues(scale)
    ? digit === 0 && scale.min >= 1
      ? 10
      : digit
    : scale.min + (digit === 0 ? 9 : digit - 1)
  return value >= scale.min && value <= scale.max ? value : null
}

/** One step up (+1) or down (−1) the scale from the current answer; from no answer, the lowest or highest point. */
export function stepPoint(current: number | null | undefined, step: 1 | -1, scale: Scale): number {
  if (current === null || current === undefined) return step === 1 ? scale.min : scale.max
  return Math.min(scale.max, Math.max(scale.min, current + step))
}

/** The anchor whose level or band holds `value` (the narrowest, when bands overlap), or null. */
export function anchorFor(anchors: Anchor[], value: number | null | undefined): Anchor | null {
  if (value === null || value === undefined) return null
  let best: Anchor | null = null
  for (const anchor of anchors)
    if (anchor.from <= value && value <= anchor.to && (!best || anchor.to - anchor.from < best.to - best.from))
      best = anchor
  return best
}

/** "3" or "1–2": the level or band an anchor describes. */
export const anchorRange = (anchor: Anchor) =>
  anchor.from === anchor.to ? String(anchor.from) : `${anchor.from}–${anchor.to}`

/** The pairwise answer a key gives: A or 1 → A, B or 2 → B, T or 3 → tie. */
export function choiceForKey(key: string): PairChoice | null {
  switch (key.toLowerCase()) {
    case 'a':
    case '1':
      return 'A'
    case 'b':
    case '2':
      return 'B'
    case 't':
    case '3':
      return 'tie'
    default:
      return null
  }
}

export const isFinished = (task: Task) => task.total > 0 && task.answered >= task.total

/**
 * The dialogue to rate next: the first unfinished one after `fromUnitId` in the rater's order, wrapping round to
 * the ones before it; `fromUnitId` itself only when it is the only unfinished one left. Null when all are finished.
 */
export function nextUnfinished(tasks: Task[], fromUnitId: string | null): string | null {
  const start = fromUnitId === null ? -1 : tasks.findIndex((task) => task.unitId === fromUnitId)
  for (let step = 1; step <= tasks.length; step++) {
    const task = tasks[(start + step + tasks.length) % tasks.length]
    if (!isFinished(task)) return task.unitId
  }
  return null
}
