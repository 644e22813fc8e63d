import { afterEach, describe, expect, it } from 'vitest'
import type { RoleCardInput } from '@shared/roleCard'
import { client, tempWorkspace } from '../support/workspace'
import { parseText } from './helpers'

let ws: ReturnType<typeof tempWorkspace> | undefined
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
})

const card = (over: Partial<RoleCardInput> = {}): RoleCardInput => ({
  language: 'en',
  complaint: { title: 'Exam worry', body: 'I cannot sleep before exams.' },
  ...over,
})

describe("a card's withheld facts and resistance behaviours", () => {
  it('are stored and read back; a card without them has empty lists', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    expect(await api.createRoleCard(card())).toMatchObject({ withheld: [], resistanceBehaviours: [] })
    const withheld = [{ text: 'I failed a course', threshold: 6 }]
    const resistanceBehaviours = [
      { behaviour: 'arguing' as const, frequency: 0.3 },
      { behaviour: 'denying' as const, frequency: 0.7 },
    ]
    const saved = await api.createRoleCard(card({ withheld, resistanceBehaviours }))
    expect(await api.getRoleCard({ id: saved.id })).toMatchObject({ withheld, resistanceBehaviours })
  })

  it.each([
    [
      'a threshold above the trust scale',
      { withheld: [{ text: 'x', threshold: 11 }] },
      /^withheld\.0\.threshold: must be a trust level from 0 to 10/,
    ],
    ['an empty fact', { withheld: [{ text: ' ', threshold: 3 }] }, /^withheld\.0\.text: must not be empty/],
    [
      'a chance above 1',
      { resistanceBehaviours: [{ behaviour: 'arguing', frequency: 1.5 }] },
      /^resistanceBehaviours\.0\.frequency: must be a chance per turn from 0 to 1/,
    ],
    [
      'an unknown behaviour',
      { resistanceBehaviours: [{ behaviour: 'sulking', frequency: 0.1 }] },
      /^resistanceBehaviours\.0\.behaviour: must be one of arguing, discounting/,
    ],
    [
      'chances adding up to more than 1',
      {
        resistanceBehaviours: [
          { behaviour: 'arguing', frequency: 0.6 },
          { behaviour: 'denying', frequency: 0.6 },
        ],
      },
      /^resistanceBehaviours\.1\.frequency: the chances add up to 1\.2; .* at most 1/,
    ],
    [
      'a behaviour listed twice',
      {
        resistanceBehaviours: [
          { behaviour: 'arguing', frequency: 0.1 },
          { behaviour: 'arguing', frequency: 0.2 },
        ],
      },
      /^resistanceBehaviours\.1\.frequency: "arguing" is listed twice/,
    ],
  ])('refuses %s with what and where, and stores nothing', async (_name, over, message) => {
    ws = tempWorkspace()
    const api = client(ws.open())
    await expect(api.createRoleCard(card(over as Partial<RoleCardInput>))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(message),
    })
    expect((await api.listRoleCards({})).total).toBe(0)
  })

  it('in a CSV file: JSON lists in their columns; a broken cell or a bad value names its column', () => {
    const header = 'language,complaint_body,withheld_facts,resistance_behaviours'
    const good = parseText('cards.csv', `${header}\nen,Body,"[{""text"":""A secret"",""threshold"":4}]",\n`)
    expect(good.errors).toEqual([])
    expect(good.cards[0].card).toMatchObject({
      withheld: [{ text: 'A secret', threshold: 4 }],
      resistanceBehaviours: [],
    })
    const bad = parseText('cards.csv', `${header}\nen,Body,not json,"[{""behaviour"":""arguing"",""frequency"":2}]"\n`)
    expect(bad.cards).toEqual([])
    expect(bad.errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'withheld_facts'],
      [1, 'resistance_behaviours'],
    ])
    expect(bad.errors[0].message).toMatch(/^withheld_facts: must be a JSON list like/)
    expect(bad.errors[1].message).toMatch(/chance per turn from 0 to 1/)
  })
})
