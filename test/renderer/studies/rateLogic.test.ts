import { describe, expect, it } from 'vitest'
import type { Anchor, RaterStudyView } from '@shared/study'
import {
  anchorFor,
  anchorRange,
  choiceForKey,
  inLanguage,
  keyForPoint,
  nextUnfinished,
  pointForKey,
  scalePoints,
  stepPoint,
} from '../../../src/renderer/src/pages/studies/rate/rateLogic'

const anchor = (from: number, to: number, en: string): Anchor => ({ from, to, text: { en, zh: '' } })
const task = (unitId: string, answered: number, total = 3): RaterStudyView['tasks'][number] => ({
  unitId,
  code: unitId.toUpperCase(),
  answered,
  total,
  commented: false,
})

describe('rating keys', () => {
  it('maps digits to the point itself on scales within 0–10 (0–6, 1–7)', () => {
    expect(scalePoints({ min: 0, max: 6 })).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(pointForKey('0', { min: 0, max: 6 })).toBe(0)
    expect(pointForKey('6', { min: 0, max: 6 })).toBe(6)
    expect(pointForKey('7', { min: 0, max: 6 })).toBeNull()
    expect(pointForKey('0', { min: 1, max: 7 })).toBeNull()
    expect(pointForKey('7', { min: 1, max: 7 })).toBe(7)
    expect(keyForPoint(4, { min: 1, max: 7 })).toBe('4')
  })

  it('maps digits to places on other scales: 1 = lowest … 9 = ninth, 0 = tenth', () => {
    const scale = { min: -3, max: 3 }
    expect(pointForKey('1', scale)).toBe(-3)
    expect(pointForKey('4', scale)).toBe(0)
    expect(pointForKey('7', scale)).toBe(3)
    expect(pointForKey('8', scale)).toBeNull()
    expect(keyForPoint(-3, scale)).toBe('1')
    // −5…5 has eleven points: the tenth is 0 (the key "0" reaches 4), the eleventh has no digit.
    const wide = { min: -5, max: 5 }
    expect(pointForKey('0', wide)).toBe(4)
    expect(keyForPoint(4, wide)).toBe('0')
    expect(keyForPoint(5, wide)).toBeNull()
    // 0–10: all but 10 are their own digit (10 is reached with +); on 1–10, 0 is 10.
    expect(pointForKey('0', { min: 0, max: 10 })).toBe(0)
    expect(pointForKey('9', { min: 0, max: 10 })).toBe(9)
    expect(keyForPoint(10, { min: 0, max: 10 })).toBeNull()
    expect(pointForKey('0', { min: 1, max: 10 })).toBe(10)
    expect(keyForPoint(10, { min: 1, max: 10 })).toBe('0')
    expect(pointForKey('a', scale)).toBeNull()
  })

  it('steps within the scale, from no answer to the end stepped towards', () => {
    const scale = { min: 1, max: 5 }
    expect(stepPoint(null, 1, scale)).toBe(1)
    expect(stepPoint(undefined, -1, scale)).toBe(5)
    expect(stepPoint(3, 1, scale)).toBe(4)
    expect(stepPoint(5, 1, scale)).toBe(5)
    expect(stepPoint(1, -1, scale)).toBe(1)
  })

  it('maps a / b / t and 1 / 2 / 3 to pairwise choices', () => {
    expect(['a', 'A', '1'].map(choiceForKey)).toEqual(['A', 'A', 'A'])
    expect(['b', 'B', '2'].map(choiceForKey)).toEqual(['B', 'B', 'B'])
    expect(['t', 'T', '3'].map(choiceForKey)).toEqual(['tie', 'tie', 'tie'])
    expect(choiceForKey('4')).toBeNull()
    expect(choiceForKey('g')).toBeNull()
  })
})

describe('anchors and texts', () => {
  it('finds the level or band a point falls in, the narrowest when bands overlap', () => {
    const anchors = [anchor(1, 2, 'low'), anchor(3, 5, 'middle'), anchor(5, 5, 'top'), anchor(7, 7, 'best')]
    expect(anchorFor(anchors, 2)?.text.en).toBe('low')
    expect(anchorFor(anchors, 4)?.text.en).toBe('middle')
    expect(anchorFor(anchors, 5)?.text.en).toBe('top')
    expect(anchorFor(anchors, 6)).toBeNull()
    expect(anchorFor(anchors, null)).toBeNull()
    expect(anchorRange(anchors[1])).toBe('3–5')
    expect(anchorRange(anchors[3])).toBe('7')
  })

  it('shows the interface language, the other one when it is empty', () => {
    expect(inLanguage({ en: 'Empathy', zh: '共情' }, 'zh')).toBe('共情')
    expect(inLanguage({ en: 'Empathy', zh: '共情' }, 'en')).toBe('Empathy')
    expect(inLanguage({ en: 'Empathy', zh: '' }, 'zh')).toBe('Empathy')
    expect(inLanguage({ en: '', zh: '共情' }, 'en')).toBe('共情')
  })
})

describe('the next dialogue', () => {
  it('is the first unfinished one after the current, wrapping round', () => {
    const tasks = [task('a', 3), task('b', 0), task('c', 3), task('d', 1)]
    expect(nextUnfinished(tasks, null)).toBe('b')
    expect(nextUnfinished(tasks, 'b')).toBe('d')
    expect(nextUnfinished(tasks, 'c')).toBe('d')
    expect(nextUnfinished(tasks, 'd')).toBe('b')
  })

  it('is the current one only when it is the last unfinished, and none when all are finished', () => {
    expect(nextUnfinished([task('a', 3), task('b', 2), task('c', 3)], 'b')).toBe('b')
    expect(nextUnfinished([task('a', 3), task('b', 3)], 'a')).toBeNull()
    expect(nextUnfinished([], null)).toBeNull()
  })
})
