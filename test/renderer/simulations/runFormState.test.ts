import { beforeAll, describe, expect, it } from 'vitest'
import { SimulationConfigSchema } from '@shared/simulation'
import i18next from 'i18next'
import { RoleCardQuerySchema } from '@shared/roleCard'
import { setPath } from '../../../src/renderer/src/lib/dottedPath'
import { cardSelectionRows } from '../../../src/renderer/src/pages/simulations/cardSelectionRows'
import {
  NO_RUN_CARDS,
  RUN_FIELD_PATHS,
  selectedCount,
  testIdFor,
  toInput,
  toQuery,
  validate,
  withEndpoints,
  type RunFormState,
} from '../../../src/renderer/src/pages/simulations/newRun/runFormState'
import { endpointView } from '../endpoints'
import { en, useUiStrings, zh } from '../i18n'

/** The paper's defaults as the server sends them (api.simulationDefaults), before real endpoints are filled in. */
const serverDefaults = () =>
  SimulationConfigSchema.parse({
    client: { endpointId: '-', templateId: 'client.default' },
    counselor: { endpointId: '-', templateId: 'counselor.three-stage' },
  })

const form = (endpoints = [endpointView('e1'), endpointView('e2')]): RunFormState => ({
  name: 'Pilot run',
  cards: NO_RUN_CARDS,
  config: withEndpoints(serverDefaults(), endpoints),
})

beforeAll(() => useUiStrings('en'))

describe('the new-run form', () => {
  it('fills in the first saved endpoint for both agents, and keeps a chosen one while it is still saved', () => {
    const state = form()
    expect(state.config.client.endpointId).toBe('e1')
    expect(state.config.counselor.endpointId).toBe('e1')
    const chosen = setPath(state.config, 'counselor.endpointId', 'e2')
    expect(withEndpoints(chosen, [endpointView('e1'), endpointView('e2')])).toBe(chosen)
    // e2 deleted meanwhile: the counselor falls back to the first endpoint still saved.
    expect(withEndpoints(chosen, [endpointView('e3')]).counselor.endpointId).toBe('e3')
  })

  it('with the paper defaults and an endpoint, has nothing to report', () => {
    expect(validate(form(), 4)).toEqual({})
  })

  it('without any endpoint, says so at both agents’ endpoint fields', () => {
    const errors = validate(form([]), 4)
    expect(errors['config.client.endpointId']).toBe('choose a model endpoint')
    expect(errors['config.counselor.endpointId']).toBe('choose a model endpoint')
    // Every message is placed at a field the form shows.
    for (const path of Object.keys(errors)) expect(RUN_FIELD_PATHS).toContain(path)
  })

  it('reports a box that is not a number as such, and an out-of-range number with its limit', () => {
    let state = setPath(form(), 'config.client.temperature', Number.NaN)
    state = setPath(state, 'config.maxTurns', 0)
    state = setPath(state, 'config.concurrency', 2000)
    const errors = validate(state, 4)
    expect(errors['config.client.temperature']).toBe(en.validation.number)
    expect(errors['config.maxTurns']).toBe('must be at least 1')
    expect(errors['config.concurrency']).toBe('must be at most 1024')
  })

  it('asks for a closing phrase in each language, and says when no card matches the filters', () => {
    const state = setPath(form(), 'config.termination.en', [])
    const errors = validate(state, 0)
    expect(errors['config.termination.en']).toBe(en.runForm.terminationEmpty)
    expect(errors['config.termination.zh']).toBeUndefined()
    expect(errors.cards).toBe(en.runForm.noCardsMatch)
    // Not counted yet (null): nothing said about the cards.
    expect(validate(form(), null).cards).toBeUndefined()
  })

  it('speaks Chinese in a Chinese UI', async () => {
    await useUiStrings('zh')
    try {
      const errors = validate(setPath(setPath(form(), 'config.seed', Number.NaN), 'config.termination.zh', []), 0)
      expect(errors['config.seed']).toBe(zh.validation.number)
      expect(errors['config.termination.zh']).toBe(zh.runForm.terminationEmpty)
      expect(errors.cards).toBe(zh.runForm.noCardsMatch)
    } finally {
      await useUiStrings('en')
    }
  })

  it('sends the card filters trimmed, with blank choices left out', () => {
    expect(toQuery({ text: '  anxious  ', language: '', pool: 'test', tag: '', source: 'cactus' })).toEqual({
      text: 'anxious',
      language: undefined,
      pool: 'test',
      tag: undefined,
      source: 'cactus',
    })
    const cards = { ...NO_RUN_CARDS, text: ' x ', language: 'zh' as const, tag: 'exam' }
    const state = { ...form(), cards }
    expect(toInput(state)).toEqual({
      name: 'Pilot run',
      cards: { query: { text: 'x', language: 'zh', pool: undefined, tag: 'exam', source: undefined } },
      config: state.config,
    })
  })

  it('sends a seeded sample by size or by fraction, and says how many of the matching cards it takes', () => {
    const bySize = setPath(setPath(form(), 'cards.sample.enabled', true), 'cards.sample.seed', 7)
    expect(toInput(bySize).cards).toEqual({ query: expect.any(Object), sample: { size: 20, seed: 7 } })
    expect(selectedCount(bySize.cards, 450)).toBe(20)
    expect(selectedCount(bySize.cards, 12)).toBe(12)
    const byFraction = setPath(bySize, 'cards.sample.by', 'fraction')
    expect(toInput(byFraction).cards).toEqual({ query: expect.any(Object), sample: { fraction: 0.1, seed: 7 } })
    // A tenth of 450 is 45; of 4 it rounds to 0, and a sample keeps at least one card.
    expect(selectedCount(byFraction.cards, 450)).toBe(45)
    expect(selectedCount(byFraction.cards, 4)).toBe(1)
    expect(validate(byFraction, 450)).toEqual({})
    // Turned off, the numbers are kept but not sent.
    expect(toInput(setPath(bySize, 'cards.sample.enabled', false)).cards).toEqual({ query: expect.any(Object) })
  })

  it('places a bad sample at its field', () => {
    const on = setPath(form(), 'cards.sample.enabled', true)
    expect(validate(setPath(on, 'cards.sample.size', 0), 10)['cards.sample.size']).toBe('must be at least 1 card')
    expect(validate(setPath(on, 'cards.sample.seed', Number.NaN), 10)['cards.sample.seed']).toBe(en.validation.number)
    const fraction = setPath(on, 'cards.sample.by', 'fraction')
    expect(validate(setPath(fraction, 'cards.sample.fraction', 2), 10)['cards.sample.fraction']).toBe(
      'must be at most 1 (all matching cards)',
    )
    for (const path of ['cards.sample.size', 'cards.sample.fraction', 'cards.sample.seed'])
      expect(RUN_FIELD_PATHS).toContain(path)
  })

  it('with cards chosen on the Role cards page, sends exactly those ids and ignores the filters', () => {
    const chosen = setPath(setPath(form(), 'cards.ids', ['a', 'b', 'c']), 'cards.sample.enabled', true)
    expect(toInput(chosen).cards).toEqual({ ids: ['a', 'b', 'c'] })
    expect(selectedCount(chosen.cards, 450)).toBe(3)
    // No card matching the filters does not matter then.
    expect(validate(chosen, 0)).toEqual({})
    expect(validate(form(), 0).cards).toBe(en.runForm.noCardsMatch)
  })

  it("shows how a run's cards were chosen: 20 of 450 matching cards, the filters, the sample", () => {
    const query = RoleCardQuerySchema.parse({ pool: 'train', source: 'cactus' })
    const rows = cardSelectionRows({ query, sample: { size: 20, seed: 7 }, matched: 450, selected: 20 }, i18next.t)
    expect(rows.map(([label, value]) => [label, value])).toEqual([
      ['Cards', '20 of 450 matching cards'],
      ['Filters', 'Pool: train · Source: cactus'],
      ['Sample', '20 cards, seed 7'],
    ])
    expect(cardSelectionRows({ matched: 12, selected: 12 }, i18next.t)).toEqual([['Cards', '12 selected cards']])
    expect(cardSelectionRows(null, i18next.t)).toEqual([])
  })

  it('names its fields for the UI tests the same way as the page', () => {
    expect(testIdFor('config.client.temperature')).toBe('run-client-temperature')
    expect(testIdFor('name')).toBe('run-name')
  })
})
