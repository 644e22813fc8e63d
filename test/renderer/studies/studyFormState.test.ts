import { beforeAll, describe, expect, it } from 'vitest'
import type { Dataset } from '@shared/dialogue'
import { CreateStudySchema } from '@shared/study'
import { studyDefaults } from '../../../src/main/studies/rubrics'
import {
  anchorEveryLevel,
  blankItem,
  copyItem,
  initialStudyForm,
  placeServerErrors,
  toInput,
  unitCount,
  validate,
  withDesign,
  type StudyFormState,
} from '../../../src/renderer/src/pages/studies/form/studyFormState'
import { POOLED_KEY } from '@shared/study'
import { markPooled } from '../../../src/renderer/src/pages/studies/detail/markPooled'
import { useUiStrings } from '../i18n'

const dataset = (id: string, dialogueCount: number): Dataset => ({
  id,
  name: id.toUpperCase(),
  kind: 'import',
  runId: null,
  source: 'test',
  language: 'en',
  description: '',
  dialogueCount,
  withRoleCards: dialogueCount,
  createdAt: '2025-01-01T00:00:00Z',
})
const datasets = [dataset('a', 12), dataset('b', 100)]
const defaults = studyDefaults()

/** A filled-in rubric form: three named raters, the first built-in rubric. */
const named = (): StudyFormState => ({
  ...initialStudyForm(defaults, datasets),
  name: 'Expert ratings',
  raters: ['Ana', 'Ben', 'Chen'],
})

describe('the new-study form state', () => {
  beforeAll(() => useUiStrings('en'))

  it('starts from the defaults: the first dataset sampled up to 30 dialogues, the seed, R and the first rubric', () => {
    const state = initialStudyForm(defaults, datasets)
    expect(state.sources).toEqual([{ datasetId: 'a', label: '', sampleSize: 12 }])
    expect(initialStudyForm(defaults, [dataset('b', 100)]).sources[0].sampleSize).toBe(30)
    expect(state.seed).toBe(defaults.seed)
    expect(state.ratersPerDialogue).toBe(defaults.ratersPerDialogue)
    expect(state.rubric).toBe(defaults.rubrics[0].id)
    expect(state.guidelines.pairwise).toEqual(defaults.guidelines.pairwise)
  })

  it('sends a built-in rubric with its items and no aspects, and the design’s guidelines', () => {
    const input = toInput(named(), defaults)
    expect(input.items).toEqual(defaults.rubrics[0].items)
    expect(input.aspects).toEqual([])
    expect(input.rubric).toBe(defaults.rubrics[0].id)
    expect(input.guidelines).toEqual(defaults.guidelines.rubric)
    expect(CreateStudySchema.safeParse(input).success).toBe(true)
    expect(validate(named(), defaults)).toEqual({})
  })

  it('pairwise: adds a second, different dataset and sends the first row’s size as the number of pairs', () => {
    const state = withDesign(
      { ...named(), sources: [{ datasetId: 'a', label: 'M', sampleSize: 9 }] },
      'pairwise',
      datasets,
    )
    expect(state.sources.map((s) => s.datasetId)).toEqual(['a', 'b'])
    const input = toInput({ ...state, sources: [state.sources[0], { ...state.sources[1], sampleSize: 3 }] }, defaults)
    expect(input.sources.map((s) => s.sampleSize)).toEqual([9, 9])
    expect(input.items).toEqual([])
    expect(input.rubric).toBe('custom')
    expect(input.aspects).toEqual(defaults.aspects)
    expect(unitCount(state)).toBe(9)
    expect(unitCount({ ...state, design: 'rubric' })).toBe(9 + 9)
    // The same dataset twice is refused at the second row.
    const same = { ...state, sources: [state.sources[0], { ...state.sources[1], datasetId: 'a' }] }
    expect(validate(same, defaults)['sources.1.datasetId']).toBeTruthy()
  })

  it('places the schema’s problems at their rows, a bilingual text’s at the text, NaN as “a number”', () => {
    const item = { ...blankItem([]), name: { en: '', zh: '' }, question: { en: 'Q?', zh: '' } }
    const state: StudyFormState = {
      ...named(),
      raters: ['Ana', 'ana', ''],
      rubric: 'custom',
      customItems: [item, { ...item, name: { en: 'N', zh: '' }, scale: { min: 1, max: 1 } }],
    }
    const errors = validate(state, defaults)
    expect(errors['raters.1']).toBe('“ana” is listed twice')
    expect(errors['raters.2']).toBe('enter a name')
    expect(errors['items.0.name']).toBe('write it in English or Chinese (or both)')
    expect(errors['items.1.key']).toBe('“item1” is used twice')
    expect(errors['items.1.scale']).toBe('the scale needs 2 to 11 points (max above min)')
    // A number box left unreadable: the schema stops before its cross-field checks (as on the server).
    expect(validate({ ...named(), ratersPerDialogue: Number.NaN }, defaults).ratersPerDialogue).toBe('must be a number')
  })

  it('words the schema’s messages in Chinese', async () => {
    await useUiStrings('zh')
    try {
      const errors = validate({ ...named(), name: '', raters: ['Ana', 'Ana'] }, defaults)
      expect(errors.name).toBe('请为研究命名')
      expect(errors['raters.1']).toBe('“Ana”重复出现')
      expect(placeServerErrors({ 'items.0.name.en': 'write it in English or Chinese (or both)' })).toEqual({
        'items.0.name': '请用英文或中文（或两者）填写',
      })
    } finally {
      await useUiStrings('en')
    }
  })

  it('one anchor per level keeps what was written for a level and drops bands', () => {
    const item = {
      ...copyItem(defaults.rubrics[0].items[0]),
      scale: { min: 0, max: 2 },
      anchors: [
        { from: 1, to: 1, text: { en: 'one', zh: '' } },
        { from: 0, to: 2, text: { en: 'band', zh: '' } },
      ],
    }
    expect(anchorEveryLevel(item).anchors).toEqual([
      { from: 0, to: 0, text: { en: '', zh: '' } },
      { from: 1, to: 1, text: { en: 'one', zh: '' } },
      { from: 2, to: 2, text: { en: '', zh: '' } },
    ])
  })
})

describe('result rows', () => {
  it('mark the pooled row, not an aspect keyed overall', () => {
    const rows = markPooled([{ key: 'a' }, { key: 'overall' }, { key: POOLED_KEY }])
    expect(rows.map((r) => r.pooled)).toEqual([false, false, true])
    expect(markPooled([{ key: 'a' }]).map((r) => r.pooled)).toEqual([false])
  })
})
