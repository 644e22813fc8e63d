import { beforeAll, describe, expect, it } from 'vitest'
import { SimulationConfigSchema } from '@shared/simulation'
import { setPath } from '../../../src/renderer/src/lib/dottedPath'
import {
  RUN_FIELD_PATHS,
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
  cards: { text: '', language: '', pool: '', tag: '' },
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
    expect(toQuery({ text: '  anxious  ', language: '', pool: 'test', tag: '' })).toEqual({
      text: 'anxious',
      language: undefined,
      pool: 'test',
      tag: undefined,
    })
    const state = { ...form(), cards: { text: ' x ', language: 'zh' as const, pool: '', tag: 'exam' } }
    expect(toInput(state)).toEqual({
      name: 'Pilot run',
      cards: { query: { text: 'x', language: 'zh', pool: undefined, tag: 'exam' } },
      config: state.config,
    })
  })

  it('names its fields for the UI tests the same way as the page', () => {
    expect(testIdFor('config.client.temperature')).toBe('run-client-temperature')
    expect(testIdFor('name')).toBe('run-name')
  })
})
