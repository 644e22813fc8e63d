import { describe, expect, it } from 'vitest'
import type { ClientState } from '@shared/clients/dynamic'
import { parseJudgeState, ruleUpdate } from '../../src/main/simulation/clients/dynamic/state'
import { drawResistance } from '../../src/main/simulation/clients/dynamic/resistance'

const start: ClientState = { trust: 3, emotion: 6, stage: 'precontemplation' }

describe('the readable rule', () => {
  it('reads past a reasoning block and takes the last valid object', () => {
    const answer =
      '<think>maybe {"trust": 1} or so</think>Draft {"trust": 2}. Final: {"trust": 6, "emotion": 3, "stage": "preparation"}'
    expect(parseJudgeState(answer)).toEqual({ trust: 6, emotion: 3, stage: 'preparation' })
  })
  it.each([
    ['en', 'It sounds like you have been carrying this alone.', { trust: 4, emotion: 5.5 }],
    ['en', 'What happens on the nights you cannot sleep?', { trust: 3.5, emotion: 6 }],
    ['en', 'You should just go to bed earlier.', { trust: 2, emotion: 7 }],
    ['en', 'Okay.', { trust: 3.25, emotion: 6 }],
    ['en', 'I understand. What feels hardest right now?', { trust: 4.5, emotion: 5.5 }],
    ['zh', '听起来你一直很辛苦。', { trust: 4, emotion: 5.5 }],
    ['zh', '那段时间你是怎么过来的？', { trust: 3.5, emotion: 6 }],
    ['zh', '你应该早点睡觉。', { trust: 2, emotion: 7 }],
  ] as const)('%s: "%s"', (language, reply, expected) => {
    expect(ruleUpdate(start, reply, language)).toMatchObject(expected)
  })

  it('keeps values within 0 to 10 and moves the stage on one step at a time, never back', () => {
    expect(ruleUpdate({ trust: 0.5, emotion: 9.5, stage: 'action' }, 'You must stop.', 'en')).toEqual({
      trust: 0,
      emotion: 10,
      stage: 'action',
    })
    expect(ruleUpdate({ trust: 9.8, emotion: 0.2, stage: 'precontemplation' }, 'I hear you.', 'en')).toEqual({
      trust: 10,
      emotion: 0,
      stage: 'contemplation',
    })
  })
})

describe("reading the judge's answer", () => {
  it('takes the first JSON object with valid values, after text around it', () => {
    expect(parseJudgeState('Sure.\n{"trust": 4.5, "emotion": 6, "stage": " Action "} done')).toEqual({
      trust: 4.5,
      emotion: 6,
      stage: 'action',
    })
  })
  it.each([
    'trust went up',
    '{"trust": 11, "emotion": 6, "stage": "action"}',
    '{"trust": 4, "stage": "action"}',
    '{oops}',
  ])('reads nothing from %s', (answer) => expect(parseJudgeState(answer)).toBeNull())
})

describe('drawing resistance', () => {
  const behaviours = [
    { behaviour: 'arguing' as const, frequency: 0.2 },
    { behaviour: 'denying' as const, frequency: 0.3 },
  ]
  it('draws the same for the same seed, session and turn', () => {
    const a = Array.from({ length: 50 }, (_, turn) => drawResistance(behaviours, 42, 'card#0', turn))
    expect(Array.from({ length: 50 }, (_, turn) => drawResistance(behaviours, 42, 'card#0', turn))).toEqual(a)
    expect(Array.from({ length: 50 }, (_, turn) => drawResistance(behaviours, 43, 'card#0', turn))).not.toEqual(a)
  })
  it('shows each behaviour about as often as its chance (4000 turns, within 4 standard errors)', () => {
    const n = 4000
    const counts: Record<string, number> = { arguing: 0, denying: 0, none: 0 }
    for (let turn = 0; turn < n; turn++) counts[drawResistance(behaviours, 7, 'card#1', turn) ?? 'none']++
    for (const [key, p] of [
      ['arguing', 0.2],
      ['denying', 0.3],
      ['none', 0.5],
    ] as const) {
      const se = Math.sqrt((p * (1 - p)) / n)
      expect(Math.abs(counts[key] / n - p)).toBeLessThan(4 * se)
    }
  })
  it('draws nothing from a card without behaviours, or with chances of 0', () => {
    expect(drawResistance([], 1, 'k', 1)).toBeNull()
    expect(drawResistance([{ behaviour: 'ignoring', frequency: 0 }], 1, 'k', 1)).toBeNull()
  })
})
