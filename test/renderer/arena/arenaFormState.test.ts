import { beforeAll, describe, expect, it } from 'vitest'
import type { PromptTemplateView } from '@shared/promptApi'
import { ArenaConfigSchema, StartArenaSchema } from '@shared/arena'
import { setPath } from '../../../src/renderer/src/lib/dottedPath'
import {
  arenaFieldPaths,
  differsFromDefaults,
  initialArenaForm,
  newContestant,
  resetToDefaults,
  toInput,
  validate,
  withEndpoints,
  withInteractiveAgentsPreset,
  withReferee,
  type ArenaDefaults,
} from '../../../src/renderer/src/pages/arena/form/arenaFormState'
import { contestantMethod } from '../../../src/renderer/src/pages/simulations/newRun/methodForm'
import { endpointView } from '../endpoints'
import { en, useUiStrings } from '../i18n'

beforeAll(() => useUiStrings('en'))

/** The server's defaults (api.arenaDefaults): the schema's, without contestants, client and referee. */
function arenaDefaults(): ArenaDefaults {
  const parsed = ArenaConfigSchema.parse({
    contestants: [
      { name: 'a', endpointId: 'x', prompt: { kind: 'custom', text: '' } },
      { name: 'b', endpointId: 'x', prompt: { kind: 'custom', text: '' } },
    ],
    client: { endpointId: 'x', templateId: 'client.default' },
    referee: { kind: 'human' },
  })
  const { contestants: _c, client: _cl, referee: _r, ...rest } = parsed
  return rest
}

const template = (id: string, kind: string): PromptTemplateView => ({
  id,
  language: 'en',
  version: 1,
  kind,
  name: id,
  text: '…',
  note: '',
  createdAt: '2026-01-01T00:00:00.000Z',
})
const templates = [
  template('client.default', 'client'),
  template('counselor.three-stage', 'counselor'),
  template('counselor.plain', 'counselor'),
]
const fresh = (endpoints = [endpointView('e1'), endpointView('e2')]) =>
  initialArenaForm(arenaDefaults(), endpoints, templates)

describe('the arena form', () => {
  it('starts with two named contestants and an LLM referee on the first endpoint, ready to start', () => {
    const state = fresh()
    expect(state.config.contestants.map((c) => c.name)).toEqual(['Counselor 1', 'Counselor 2'])
    expect(state.config.contestants.every((c) => c.endpointId === 'e1' && c.prompt.kind === 'template')).toBe(true)
    expect(state.config.referee).toMatchObject({ kind: 'llm', endpointId: 'e1' })
    expect(validate(state, 5)).toEqual({})
    const input = toInput(state)
    expect(input.cards).toEqual({ query: { pool: 'test' } })
    expect(JSON.stringify(input)).not.toContain('"key"')
    expect(StartArenaSchema.safeParse(input).success).toBe(true)
  })

  it('without endpoints, says so at the client, every contestant and the referee', () => {
    const errors = validate(fresh([]), 5)
    for (const path of [
      'config.client.endpointId',
      'config.contestants.0.endpointId',
      'config.contestants.1.endpointId',
    ])
      expect(errors[path], path).toBe(en.arena.form.messages.endpoint)
    expect(errors['config.referee.endpointId']).toBe(en.arena.form.messages.refereeEndpoint)
  })

  it('refuses two contestants of the same name and a k larger than the field, at their fields', () => {
    let state = setPath(fresh(), 'config.contestants.1.name', 'Counselor 1')
    state = setPath(state, 'config.k', 3)
    const errors = validate(state, 5)
    expect(errors['config.contestants.1.name']).toBe('“Counselor 1” is used twice: contestant names must differ')
    expect(errors['config.k']).toBe('k = 3 needs at least 3 contestants (there are 2)')
    for (const path of Object.keys(errors)) expect(arenaFieldPaths(2)).toContain(path)
    // A third contestant makes k = 3 possible.
    const three = setPath(state, 'config.contestants', [...state.config.contestants, newContestant(3, 'e1', templates)])
    expect(validate(setPath(three, 'config.contestants.1.name', 'Other'), 5)).toEqual({})
  })

  it('says when the pool holds no card', () => {
    expect(validate(fresh(), 0).cards).toBe(en.arena.form.noCardsMatch)
    expect(toInput(setPath(fresh(), 'pool', '  ')).cards).toEqual({ query: {} })
  })

  it('sends a seeded sample of the pool’s cards when a number is given, and refuses a number below one', () => {
    const sampled = setPath(setPath(fresh(), 'cardSample', 100), 'cardSampleSeed', 7)
    expect(StartArenaSchema.parse(toInput(sampled)).cards).toMatchObject({
      query: { pool: 'test' },
      sample: { size: 100, seed: 7 },
    })
    expect(differsFromDefaults(sampled, arenaDefaults())).toBe(true)
    expect(resetToDefaults(sampled, arenaDefaults()).cardSample).toBeNull()
    expect(validate(setPath(fresh(), 'cardSample', 0), 5).cards).toBeTruthy()
  })

  it('keeps the LLM referee’s settings across a switch to human votes and back', () => {
    const tuned = setPath(fresh(), 'config.referee.temperature', 0.1)
    const human = withReferee(tuned, 'human')
    expect(human.config.referee.kind).toBe('human')
    expect(validate(human, 5)).toEqual({})
    expect(withReferee(human, 'llm').config.referee).toMatchObject({ kind: 'llm', temperature: 0.1 })
  })

  it('resets the settings to the paper’s but keeps name, contestants and endpoints', () => {
    const defaults = arenaDefaults()
    let state = setPath(setPath(fresh(), 'config.maxTurns', 7), 'name', 'Mine')
    state = withEndpoints(setPath(state, 'config.contestants.1.endpointId', 'e2'), [
      endpointView('e1'),
      endpointView('e2'),
    ])
    expect(differsFromDefaults(state, defaults)).toBe(true)
    const reset = resetToDefaults(state, defaults)
    expect(differsFromDefaults(reset, defaults)).toBe(false)
    expect(reset.config.maxTurns).toBe(defaults.maxTurns)
    expect(reset.name).toBe('Mine')
    expect(reset.config.contestants.map((c) => c.endpointId)).toEqual(['e1', 'e2'])
  })

  it('moves every part to the first endpoint left when its endpoint was deleted', () => {
    const moved = withEndpoints(setPath(fresh(), 'config.contestants.1.endpointId', 'e2'), [endpointView('e3')])
    expect([
      moved.config.client.endpointId,
      ...moved.config.contestants.map((c) => c.endpointId),
      (moved.config.referee as { endpointId: string }).endpointId,
    ]).toEqual(['e3', 'e3', 'e3', 'e3'])
  })
})

describe('a contestant of another counselor method', () => {
  it('carries the method’s settings to the server, and its problems land on the contestant’s fields', () => {
    let state = fresh()
    state = setPath(state, 'config.contestants.1.method', contestantMethod('magnet'))
    state = setPath(state, 'config.contestants.1.method.agents.questioning.topP', 1.5)
    const errors = validate(state, 5)
    expect(errors).toEqual({ 'config.contestants.1.method.agents.questioning.topP': 'must be at most 1' })
    expect(arenaFieldPaths(2)).toContain('config.contestants.1.method.agents.questioning.topP')

    state = setPath(state, 'config.contestants.1.method.agents.questioning.topP', 0.8)
    const parsed = StartArenaSchema.parse(toInput(state))
    expect(parsed.config.contestants[1].method).toEqual({
      kind: 'magnet',
      agents: { technique: { temperature: 0 }, questioning: { topP: 0.8 } },
      techniqueAgent: true,
      cbtPlan: true,
      cleanDrafts: true,
    })
    // Three-stage is the contestant's own prompt: no method settings.
    expect(contestantMethod('three-stage')).toBeUndefined()
    expect(parsed.config.contestants[0].method).toBeUndefined()
  })
})

describe('the Interactive Agents (2024) preset in the arena form', () => {
  it('sets the released arena: five contestants as released, the first in every dialogue, answer-only referee', () => {
    const before = fresh()
    const state = withInteractiveAgentsPreset(before, templates)
    const { config } = state
    expect(config.contestants.map((c) => c.name)).toEqual(['simpsybot_D', 'MeChat', 'PsyChat', 'SoulChat', 'CPsyCounX'])
    // rows already there keep their key and endpoint
    expect(config.contestants[0].key).toBe(before.config.contestants[0].key)
    expect(state.focalKey).toBe(config.contestants[0].key)
    expect(config.k).toBe(3)
    expect(config.referee).toMatchObject({ kind: 'llm', answerMode: 'letter', temperature: 1, maxTokens: 10 })
    expect(config.client.maxTokens).toBe(100)
    expect(config.contestants[0]).toMatchObject({ maxTokens: 100, prompt: { kind: 'template' } })
    expect(config.contestants[0].method).toBeUndefined()
    expect(config.contestants[3]).toMatchObject({
      temperature: 0.95,
      topP: 0.75,
      method: { kind: 'transcript', clientLabel: '用户：', counselorLabel: '心理咨询师：', cue: '心理咨询师：' },
    })
    expect(config.contestants[4].method).toMatchObject({
      clientLabel: '来访者：',
      counselorLabel: '心理咨询师：',
      cue: '咨询师：',
    })
    expect(validate(state, 100)).toEqual({})
    const input = StartArenaSchema.parse(toInput(state))
    expect(input.config.focal).toBe('simpsybot_D')
    // a renamed focal row is still the focal one
    const renamed = setPath(state, 'config.contestants.0.name', 'mine')
    expect(StartArenaSchema.parse(toInput(renamed)).config.focal).toBe('mine')
    expect(differsFromDefaults(state, arenaDefaults())).toBe(true)
    expect(resetToDefaults(state, arenaDefaults()).focalKey).toBeNull()
  })
})
