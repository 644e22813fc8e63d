import { beforeAll, describe, expect, it } from 'vitest'
import { StartEvaluationSchema } from '@shared/evaluation'
import { setPath } from '../../../src/renderer/src/lib/dottedPath'
import {
  ANALYSIS_FIELD_PATHS,
  currentConfig,
  setConfigField,
  initialState,
  isDefaultConfig,
  resetConfig,
  toInput,
  validate,
  withEndpoint,
  type AnalysisFormState,
} from '../../../src/renderer/src/pages/evaluation/form/analysisForm'
import { endpointView } from '../endpoints'
import { en, useUiStrings } from '../i18n'

beforeAll(() => useUiStrings('en'))

const withKind = (kind: AnalysisFormState['kind'], datasetIds = ['d1']): AnalysisFormState => ({
  ...initialState([endpointView('judge')]),
  kind,
  datasetIds,
})

describe('the analysis form', () => {
  it('starts as statistics, with the paper’s settings and the first endpoint as the judge', () => {
    const state = initialState([endpointView('judge'), endpointView('other')])
    expect(state.kind).toBe('stats')
    expect(state.configs.judge).toMatchObject({ endpointId: 'judge', temperature: 0.7, rounds: 3 })
    // CTRS and PANAS share a group, with MAGneT's judge settings (temperature 0, three samples).
    expect(state.configs.cbtJudge).toMatchObject({ endpointId: 'judge', temperature: 0, rounds: 3 })
    expect(currentConfig({ ...state, kind: 'panas' })).toMatchObject({ temperature: 0, rounds: 3 })
    expect(state.configs.embedding).toMatchObject({ model: 'Xenova/bge-m3', pooling: 'cls' })
    expect(currentConfig(state)).toBeNull()
  })

  it('asks for a dataset first, and for no more datasets than the analysis compares', () => {
    expect(validate({ ...withKind('stats'), datasetIds: [] }).datasetIds).toBe(en.analysisForm.chooseDataset)
    expect(validate(withKind('stats', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])).datasetIds).toBeUndefined()
    expect(validate(withKind('overlap', ['a', 'b', 'c'])).datasetIds).toBe(
      'This analysis takes at most 2 datasets: uncheck the extra ones',
    )
    expect(validate(withKind('overlap', ['a', 'b']))).toEqual({})
  })

  it('asks for the judge’s endpoint when none is saved, for the judged analyses only', () => {
    const none = { ...initialState([]), datasetIds: ['d1'] }
    expect(validate({ ...none, kind: 'wai' })['config.endpointId']).toBe(en.analysisForm.chooseEndpoint)
    expect(validate({ ...none, kind: 'topics' })['config.endpointId']).toBe(en.analysisForm.chooseEndpoint)
    expect(validate({ ...none, kind: 'overlap' })).toEqual({})
  })

  it('places a bad setting at its field: not a number, or out of range', () => {
    const judged = setPath(
      setPath(withKind('wai'), 'configs.judge.temperature', Number.NaN),
      'configs.judge.rounds',
      50,
    )
    const errors = validate(judged)
    expect(errors['config.temperature']).toBe(en.validation.number)
    expect(errors['config.rounds']).toBe('must be at most 20')
    for (const path of Object.keys(errors)) expect(ANALYSIS_FIELD_PATHS).toContain(path)
  })

  it('sends what the server accepts: the chosen kind’s settings only, the embedding model trimmed', () => {
    const embedding = setPath(withKind('embedding', ['a', 'b']), 'configs.embedding.model', '  /models/bge  ')
    const input = toInput({ ...embedding, name: '  Embeddings A vs B ' })
    expect(input).toMatchObject({
      kind: 'embedding',
      name: 'Embeddings A vs B',
      datasetIds: ['a', 'b'],
      config: { model: '/models/bge' },
    })
    expect(StartEvaluationSchema.safeParse(input).success).toBe(true)
    // Complete dialogues only unless asked.
    expect(toInput(withKind('stats'))).toEqual({ kind: 'stats', name: '', datasetIds: ['d1'], dialogues: 'complete' })
    expect(toInput({ ...withKind('stats'), allDialogues: true })).toMatchObject({ dialogues: 'all' })
  })

  it('knows when the settings differ from the paper’s, and resets them without losing the judge', () => {
    const changed = setPath(withKind('topics'), 'configs.judge.rounds', 5)
    expect(isDefaultConfig(withKind('topics'))).toBe(true)
    expect(isDefaultConfig(changed)).toBe(false)
    const reset = resetConfig(changed)
    expect(isDefaultConfig(reset)).toBe(true)
    expect(reset.configs.judge).toMatchObject({ rounds: 3, endpointId: 'judge' })
  })

  it('carries the judge endpoint chosen for one judged analysis to the others, and other settings not', () => {
    const wai = setConfigField(withKind('wai'), 'config.endpointId', 'b')
    expect(wai.configs.cbtJudge.endpointId).toBe('b')
    expect(currentConfig({ ...wai, kind: 'ctrs' })?.endpointId).toBe('b')
    const rounds = setConfigField(wai, 'config.rounds', 5)
    expect(rounds.configs.judge.rounds).toBe(5)
    expect(rounds.configs.cbtJudge.rounds).toBe(3)
  })

  it('keeps the chosen judge while it is saved, else takes the first endpoint left', () => {
    const state = setPath(setPath(withKind('wai'), 'configs.judge.endpointId', 'b'), 'configs.cbtJudge.endpointId', 'b')
    expect(withEndpoint(state, [endpointView('a'), endpointView('b')])).toBe(state)
    expect(withEndpoint(state, [endpointView('c')]).configs.judge.endpointId).toBe('c')
    expect(withEndpoint(state, [endpointView('c')]).configs.cbtJudge.endpointId).toBe('c')
    expect(withEndpoint(state, []).configs.judge.endpointId).toBe('')
  })
})
