import { beforeAll, describe, expect, it } from 'vitest'
import { COUNSELOR_KINDS, SEED_SESSION_PRESET, type CounselorConfig } from '@shared/counselors'
import { SimulationConfigSchema } from '@shared/simulation'
import { setPath } from '../../../src/renderer/src/lib/dottedPath'
import {
  callsPerDialogue,
  effectiveAgent,
  hasSeedSession,
  switchMethod,
  withAgentField,
  withReleaseSettings,
  withSeedSession,
} from '../../../src/renderer/src/pages/simulations/newRun/methodForm'
import {
  NO_RUN_CARDS,
  RUN_FIELD_PATHS,
  validate,
  withEndpoints,
  type RunFormState,
} from '../../../src/renderer/src/pages/simulations/newRun/runFormState'
import { endpointView } from '../endpoints'
import { en, useUiStrings, zh } from '../i18n'

const form = (): RunFormState => ({
  name: 'Methods',
  cards: NO_RUN_CARDS,
  config: withEndpoints(
    SimulationConfigSchema.parse({
      client: { endpointId: '-', templateId: 'client.default' },
      counselor: { endpointId: '-', templateId: 'counselor.three-stage' },
    }),
    [endpointView('e1'), endpointView('e2')],
  ),
})

const tuned = (): CounselorConfig => ({
  ...form().config.counselor,
  endpointId: 'e2',
  temperature: 0.4,
  topP: 0.9,
  maxTokens: 300,
})

beforeAll(() => useUiStrings('en'))

describe('choosing the counselor method', () => {
  it('keeps the endpoint and sampling, and starts MAGneT with its defaults (technique agent at temperature 0)', () => {
    const magnet = switchMethod(tuned(), 'magnet')
    expect(magnet).toMatchObject({ kind: 'magnet', endpointId: 'e2', temperature: 0.4, topP: 0.9, maxTokens: 300 })
    expect(magnet).toMatchObject({ techniqueAgent: true, cbtPlan: true, cleanDrafts: true })
    expect(magnet.kind === 'magnet' && magnet.agents).toEqual({ technique: { temperature: 0 } })
    expect('templateId' in magnet).toBe(false)
  })

  it('brings back the settings a method had when switched back to', () => {
    const magnet = { ...switchMethod(tuned(), 'magnet'), cbtPlan: false } as CounselorConfig
    const cactus = switchMethod(magnet, 'cactus', { magnet })
    expect(cactus).toMatchObject({ kind: 'cactus', endpointId: 'e2', agents: {} })
    // The endpoint changed meanwhile: the remembered MAGneT settings come back with the new endpoint.
    const back = switchMethod({ ...cactus, endpointId: 'e1' }, 'magnet', { magnet })
    expect(back).toMatchObject({ kind: 'magnet', cbtPlan: false, endpointId: 'e1', temperature: 0.4 })
    expect(switchMethod(back, 'three-stage')).toMatchObject({
      kind: 'three-stage',
      templateId: 'counselor.three-stage',
    })
  })
})

describe('per-agent settings', () => {
  it('sets a field of one agent, and gives a blanked field (and an emptied agent) back to the counselor', () => {
    let agents = withAgentField({}, 'reflection', 'endpointId', 'e2')
    agents = withAgentField(agents, 'reflection', 'maxTokens', 120)
    expect(agents).toEqual({ reflection: { endpointId: 'e2', maxTokens: 120 } })
    agents = withAgentField(agents, 'reflection', 'endpointId', undefined)
    expect(agents).toEqual({ reflection: { maxTokens: 120 } })
    expect(withAgentField(agents, 'reflection', 'maxTokens', undefined)).toEqual({})
  })

  it('shows an agent’s own values and the counselor’s for the rest', () => {
    const shown = effectiveAgent(
      { endpointId: 'e1', temperature: 0.7, topP: null, maxTokens: 256 },
      { temperature: 0, endpointId: 'e2' },
    )
    expect(shown).toEqual({
      endpointId: { value: 'e2', inherited: false },
      temperature: { value: 0, inherited: false },
      topP: { value: null, inherited: true },
      maxTokens: { value: 256, inherited: true },
    })
  })

  it('"Release settings" puts the technique agent at temperature 0 and keeps its endpoint', () => {
    expect(withReleaseSettings({ technique: { endpointId: 'mini', temperature: 0.8 } })).toEqual({
      technique: { endpointId: 'mini', temperature: 0 },
    })
  })
})

describe('the CACTUS/MAGneT session settings', () => {
  it('apply the seed opening, [/END], 20 to 21 turns, no closing phrases and the CACTUS-style client', () => {
    const before = form().config
    expect(hasSeedSession(before)).toBe(false)
    const after = withSeedSession(before)
    expect(after).toMatchObject({ opening: 'seed', endToken: '[/END]', minTurns: 20, maxTurns: 21 })
    expect(after.termination).toEqual({ zh: [], en: [] })
    expect(after.client).toEqual({ ...before.client, templateId: SEED_SESSION_PRESET.clientTemplateId })
    expect(after.counselor).toBe(before.counselor)
    expect(hasSeedSession(after)).toBe(true)
  })
})

describe('the calls estimate', () => {
  const estimate = (kind: 'three-stage' | 'magnet' | 'cactus' | 'psych8k', extra: object = {}, maxTurns = 10) => {
    const config = form().config
    return callsPerDialogue({ ...config, maxTurns, counselor: { ...switchMethod(config.counselor, kind), ...extra } })
  }

  it('counts each method’s calls per session and per turn, and the client’s replies', () => {
    // Greeting opening, 10 turns: 10 counselor turns and 9 client replies.
    expect(estimate('three-stage')).toMatchObject({ perTurn: 1, total: 10 + 9 })
    expect(estimate('psych8k')).toMatchObject({ perTurn: 1, total: 10 + 9 })
    expect(estimate('cactus')).toMatchObject({ perSession: 1, perTurn: 1, total: 1 + 10 + 9 })
    // MAGneT: the plan once, then five specialists, the technique agent and the composer every turn.
    expect(estimate('magnet')).toMatchObject({ perSession: 1, perTurn: 7, total: 1 + 70 + 9 })
    expect(estimate('magnet', { techniqueAgent: false })).toMatchObject({ perTurn: 6, total: 1 + 60 + 9 })
    expect(estimate('magnet', { cbtPlan: false })).toMatchObject({ perSession: 0, total: 70 + 9 })
  })

  it('with a seed opening, counts the seed’s first counselor line as no call', () => {
    const config = withSeedSession(form().config)
    const magnet = { ...config, counselor: switchMethod(config.counselor, 'magnet') }
    // 21 turns: the seed's line, then 20 MAGneT turns and 20 client replies.
    expect(callsPerDialogue(magnet)).toMatchObject({ counselorTurns: 20, clientCalls: 20, total: 1 + 140 + 20 })
  })
})

describe('validation of the method and session fields', () => {
  it('places each problem at the field that shows it', () => {
    let state = form()
    state = setPath(state, 'config.counselor', switchMethod(state.config.counselor, 'magnet'))
    state = setPath(state, 'config.counselor.agents.reflection.temperature', 3)
    state = setPath(state, 'config.counselor.agents.composer.maxTokens', Number.NaN)
    state = setPath(state, 'config.minTurns', -1)
    state = setPath(state, 'config.endToken', '   ')
    const errors = validate(state, 4)
    expect(errors['config.counselor.agents.reflection.temperature']).toBe('must be at most 2')
    expect(errors['config.counselor.agents.composer.maxTokens']).toBe(en.validation.number)
    expect(errors['config.minTurns']).toBe('must be at least 0')
    expect(errors['config.endToken']).toBeDefined()
    for (const path of Object.keys(errors)) expect(RUN_FIELD_PATHS).toContain(path)
  })

  it('has nothing to report for MAGneT with the CACTUS/MAGneT session settings', () => {
    const config = withSeedSession(form().config)
    const state = { ...form(), config: { ...config, counselor: switchMethod(config.counselor, 'magnet') } }
    expect(validate(state, 4)).toEqual({})
  })
})

describe('strings', () => {
  it('name every method and agent in both languages', () => {
    for (const strings of [en, zh]) {
      // every method in the registry, no more
      expect(Object.keys(strings.methods.kinds).sort()).toEqual([...COUNSELOR_KINDS].sort())
      expect(Object.keys(strings.methods.descriptions).sort()).toEqual([...COUNSELOR_KINDS].sort())
    }
  })
})
