import { afterEach, describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { POOLED_KEY, type CreateStudyInput, type RaterStudyView } from '@shared/study'
import { type WorkbenchError } from '@shared/errors'
import { tempWorkspace, client } from '../support/workspace'
import { addMethodDatasets } from '../support/studyFixture'
import { krippendorffAlpha } from '../../src/main/studies/reliability'

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

function open(cards = 8) {
  ws = tempWorkspace()
  const app = ws.open()
  addMethodDatasets(app, cards)
  return { app, api: client(app) }
}

const twoItems = [
  { key: 'empathy', name: { en: 'Empathy' }, question: { en: 'How empathic?' }, scale: { min: 1, max: 5 } },
  { key: 'structure', name: { en: 'Structure' }, question: { en: 'How structured?' }, scale: { min: 1, max: 5 } },
]
const rubricStudy = (extra: Partial<CreateStudyInput> = {}): CreateStudyInput => ({
  name: 'Rubric study',
  design: 'rubric',
  sources: [
    { datasetId: 'ds-m', sampleSize: 6 },
    { datasetId: 'ds-t', sampleSize: 6 },
  ],
  raters: ['Ann', 'Bo', 'Cy', 'Di'],
  ratersPerDialogue: 3,
  items: twoItems,
  guidelines: { en: 'Read the whole session first.' },
  ...extra,
})

async function failure(promise: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await promise
  } catch (error) {
    return error as WorkbenchError
  }
  throw new Error('expected the call to fail')
}

describe('rating studies: drawing, blinding and assigning', () => {
  it('draws each source’s sample, gives every dialogue R different raters, and balances their loads', async () => {
    const { api } = open()
    const study = await api.createStudy(rubricStudy())
    expect(study.units).toBe(12)
    expect(study.sources.map((s) => [s.label, s.drawn])).toEqual([
      ['MAGneT', 6],
      ['Three-stage', 6],
    ])
    const units = (await api.listStudyUnits({ studyId: study.id })).items
    expect(units.map((u) => u.code)).toEqual(
      Array.from({ length: 12 }, (_, i) => `D-${String(i + 1).padStart(2, '0')}`),
    )
    for (const u of units) expect(new Set(u.raters.map((r) => r.toLowerCase())).size).toBe(3)
    // 12 dialogues × 3 raters over 4 raters: 9 each.
    expect(study.progress.map((p) => p.assigned)).toEqual([9, 9, 9, 9])
    // Both methods are mixed in the blinded order (not six of one, then six of the other).
    const sources = units.map((u) => u.dialogues[0].sourceIndex)
    expect(sources.slice(0, 6)).not.toEqual([0, 0, 0, 0, 0, 0])
    expect(sources.slice(0, 6)).not.toEqual([1, 1, 1, 1, 1, 1])
    // The same seed draws the same cards from both datasets (stratified, paired like analyses' samples).
    const cardsOf = (i: number) =>
      units
        .filter((u) => u.dialogues[0].sourceIndex === i)
        .map((u) => u.dialogues[0].dialogueId.split('-').pop())
        .sort()
    expect(cardsOf(0)).toEqual(cardsOf(1))
    const again = await api.createStudy(rubricStudy({ name: 'again' }))
    const againUnits = (await api.listStudyUnits({ studyId: again.id })).items
    expect(againUnits.map((u) => u.dialogues[0].dialogueId)).toEqual(units.map((u) => u.dialogues[0].dialogueId))
  })

  it('shows raters nothing of where a dialogue came from', async () => {
    const { api } = open()
    const study = await api.createStudy(rubricStudy())
    const mine = await api.raterStudy({ studyId: study.id, rater: 'ann' })
    expect(mine.rater).toBe('Ann')
    expect(mine.total).toBe(9)
    const task = await api.raterTask({ studyId: study.id, rater: 'Ann', unitId: mine.tasks[0].unitId })
    const text = JSON.stringify([mine, task])
    expect(text).not.toMatch(/ds-m|ds-t|dialogueId|datasetId|"Three-stage"|"MAGneT"/)
    expect(task.transcripts).toHaveLength(1)
    expect(task.transcripts[0].messages[0]).toEqual({ speaker: 'client', content: expect.stringMatching(/worrying/) })
  })

  it('refuses what it cannot do, with a message saying what, and creates nothing', async () => {
    const { api } = open(4)
    const tooMany = await failure(api.createStudy(rubricStudy()))
    expect(tooMany.message).toMatch(/dataset "MAGneT" has 4 complete dialogues; the sample asks for 6/)
    expect(tooMany.key).toBe('studies.tooFewDialogues')
    const raters = await failure(api.createStudy(rubricStudy({ ratersPerDialogue: 5 })))
    expect(raters.message).toMatch(/ratersPerDialogue: is more than the 4 raters listed/)
    const twice = await failure(api.createStudy(rubricStudy({ raters: ['Ann', 'ann', 'Bo'] })))
    expect(twice.message).toMatch(/“ann” is listed twice/)
    const pairs = await failure(
      api.createStudy({
        ...rubricStudy(),
        design: 'pairwise',
        aspects: [{ key: 'overall', name: { en: 'Overall' }, question: { en: 'Which is better?' } }],
      }),
    )
    expect(pairs.message).toMatch(/share 4 role cards .* asks for 6 pairs/)
    expect(await api.listStudies()).toEqual([])
  })

  it('saves each answer at once, checks it against the item, and counts a dialogue done when every item is answered', async () => {
    const { api } = open()
    const study = await api.createStudy(rubricStudy())
    const mine = await api.raterStudy({ studyId: study.id, rater: 'Bo' })
    const [first] = mine.tasks
    const answer = (key: string, value: number | null) =>
      api.saveStudyAnswer({ studyId: study.id, rater: 'Bo', unitId: first.unitId, key, value })
    expect(await answer('empathy', 4)).toEqual({ answered: 1, total: 2, done: 0, tasks: 9 })
    expect((await failure(answer('empathy', 6))).message).toMatch(/6 is outside the scale 1–5 of "empathy"/)
    expect((await failure(answer('warmth', 3))).message).toMatch(/"warmth" is not an item of this study/)
    expect(await answer('structure', 2)).toEqual({ answered: 2, total: 2, done: 1, tasks: 9 })
    expect(await answer('structure', 3)).toEqual({ answered: 2, total: 2, done: 1, tasks: 9 })
    const task = await api.raterTask({ studyId: study.id, rater: 'Bo', unitId: first.unitId })
    expect(task.answers).toEqual({ empathy: 4, structure: 3 })
    await api.saveStudyComment({ studyId: study.id, rater: 'Bo', unitId: first.unitId, text: 'Warm but vague.' })
    expect((await api.raterTask({ studyId: study.id, rater: 'Bo', unitId: first.unitId })).comment).toBe(
      'Warm but vague.',
    )
    // Someone else's dialogue, or a name that is not a rater: refused.
    const others = (await api.listStudyUnits({ studyId: study.id })).items.find(
      (u) => !u.raters.some((r) => r.toLowerCase() === 'bo'),
    )!
    expect(
      (
        await failure(
          api.saveStudyAnswer({ studyId: study.id, rater: 'Bo', unitId: others.id, key: 'empathy', value: 3 }),
        )
      ).message,
    ).toMatch(/is not one of your dialogues/)
    expect((await failure(api.raterStudy({ studyId: study.id, rater: 'Eve' }))).message).toMatch(
      /"Eve" is not a rater of study "Rubric study"/,
    )
    const progress = (await api.getStudy({ id: study.id })).progress.find((p) => p.rater === 'Bo')!
    expect(progress.done).toBe(1)
    expect((await api.getStudy({ id: study.id })).answered).toBe(2)
  })

  it('gives a rater who joins later a fair share of the dialogues nobody has started', async () => {
    const { api } = open()
    const study = await api.createStudy(rubricStudy())
    const ann = await api.raterStudy({ studyId: study.id, rater: 'Ann' })
    for (const t of ann.tasks)
      await api.saveStudyAnswer({ studyId: study.id, rater: 'Ann', unitId: t.unitId, key: 'empathy', value: 3 })
    const after = await api.addStudyRater({ studyId: study.id, rater: 'Eli' })
    const loads = Object.fromEntries(after.progress.map((p) => [p.rater, p.assigned]))
    // 36 assignments: Ann has started all of hers and keeps them; the other 27 are shared out among four, within one.
    expect(loads).toEqual({ Ann: 9, Bo: 7, Cy: 7, Di: 7, Eli: 6 })
    const units = (await api.listStudyUnits({ studyId: study.id })).items
    for (const u of units) expect(new Set(u.raters.map((r) => r.toLowerCase())).size).toBe(3)
  })
})

/** Each rater answers every one of their dialogues with `score(rater, code, key)`. */
async function rateAll(
  api: ReturnType<typeof client>,
  studyId: string,
  raters: string[],
  score: (rater: string, code: string, key: string) => number | 'A' | 'B' | 'tie',
) {
  const views: RaterStudyView[] = []
  for (const rater of raters) {
    const view = await api.raterStudy({ studyId, rater })
    views.push(view)
    const keys = view.design === 'rubric' ? view.items.map((i) => i.key) : view.aspects.map((a) => a.key)
    for (const t of view.tasks)
      for (const key of keys)
        await api.saveStudyAnswer({ studyId, rater, unitId: t.unitId, key, value: score(rater, t.code, key) })
  }
  return views
}

describe('rating studies: results and exports', () => {
  it('means per item and source over dialogues, and agreement among the raters', async () => {
    const { api } = open()
    const study = await api.createStudy(rubricStudy({ raters: ['Ann', 'Bo', 'Cy'], ratersPerDialogue: 3 }))
    const units = (await api.listStudyUnits({ studyId: study.id })).items
    const sourceOf = new Map(units.map((u) => [u.code, u.dialogues[0].sourceIndex]))
    // MAGneT's dialogues get 4 (Cy: 5), the three-stage ones 2; structure is 3 throughout, except Bo's 4s.
    const score = (rater: string, code: string, key: string) =>
      key === 'structure' ? (rater === 'Bo' ? 4 : 3) : sourceOf.get(code) === 0 ? (rater === 'Cy' ? 5 : 4) : 2
    await rateAll(api, study.id, ['Ann', 'Bo', 'Cy'], score)
    const results = await api.studyResults({ id: study.id })
    const mean = (key: string, sourceIndex: number) =>
      results.means.find((m) => m.key === key && m.sourceIndex === sourceIndex)!.stat
    // Each MAGneT dialogue's empathy is (4 + 4 + 5) / 3; no spread between dialogues, so the interval is a point.
    expect(mean('empathy', 0).mean).toBeCloseTo(13 / 3, 10)
    expect(mean('empathy', 0).n).toBe(6)
    expect(mean('empathy', 0).low).toBeCloseTo(13 / 3, 10)
    expect(mean('empathy', 1).mean).toBe(2)
    expect(mean('structure', 1).mean).toBeCloseTo(10 / 3, 10)
    expect(mean(POOLED_KEY, 0).mean).toBeCloseTo((13 + 10) / 6, 10)
    // Agreement: the same figures as the statistics module gives on the ratings as stored.
    const empathy = results.agreement.find((a) => a.key === 'empathy')!
    const ratings = units.flatMap((u) =>
      ['Ann', 'Bo', 'Cy'].map((rater) => ({ unit: u.id, rater, value: score(rater, u.code, 'empathy') })),
    )
    expect(empathy.humans.alphaInterval).toBeCloseTo(krippendorffAlpha(ratings, 'interval')!, 10)
    expect(empathy.humans.units).toBe(12)
    expect(empathy.humans.iccUnits).toBe(12)
    expect(empathy.humans.kappas).toHaveLength(3)
    expect(empathy.withJudge).toBeNull()
    expect(results.agreement.map((a) => a.key)).toEqual(['empathy', 'structure', POOLED_KEY])

    const csv = await api.exportStudy({ id: study.id, what: 'ratings' })
    const rows = Papa.parse<Record<string, string>>(csv.content.trim(), { header: true }).data
    expect(rows).toHaveLength(12 * 3 * 2)
    const row = rows.find((r) => r.rater === 'Cy' && r.item === 'empathy' && r.source === 'MAGneT')!
    expect(row).toMatchObject({ study: 'Rubric study', value: '5', dataset_id: 'ds-m', rater_kind: 'human' })
    expect(row.dialogue_id).toMatch(/^ds-m-\d$/)
    expect(row.source_id).toMatch(/^record-\d$/)
    const latex = await api.exportStudy({ id: study.id, what: 'agreement', format: 'latex' })
    expect(latex.content).toMatch(/\\caption\{Rubric study: inter-rater agreement\}/)
    expect(latex.content).toMatch(/Krippendorff/)
    const markdown = await api.exportStudy({ id: study.id, what: 'means', format: 'markdown' })
    expect(markdown.content).toMatch(/\| Empathy \| MAGneT \| 6 \| 4\.333 \|/)
  })

  it('pairwise: A and B follow the shown sides, preferences count per method with a Wilson interval and sign test', async () => {
    const { api } = open()
    const study = await api.createStudy({
      ...rubricStudy({ raters: ['Ann', 'Bo'], ratersPerDialogue: 2 }),
      design: 'pairwise',
      sources: [
        { datasetId: 'ds-m', sampleSize: 8 },
        { datasetId: 'ds-t', sampleSize: 8 },
      ],
      items: [],
      aspects: [
        { key: 'empathy', name: { en: 'Empathy' }, question: { en: 'Who is more empathic?' } },
        { key: 'overall', name: { en: 'Overall' }, question: { en: 'Which is better?' } },
      ],
    })
    expect(study.units).toBe(8)
    const units = (await api.listStudyUnits({ studyId: study.id })).items
    // Every pair holds the same card on both sides; both sides orders occur.
    for (const u of units)
      expect(u.dialogues[0].dialogueId.split('-').pop()).toBe(u.dialogues[1].dialogueId.split('-').pop())
    expect(new Set(units.map((u) => u.swapped))).toEqual(new Set([true, false]))
    // Raters pick the MAGneT session (whichever side it is shown on) for empathy; overall, Bo calls one pair a tie.
    const byCode = new Map(units.map((u) => [u.code, u]))
    const views = await rateAll(api, study.id, ['Ann', 'Bo'], (rater, code, key) => {
      const unit = byCode.get(code)!
      if (key === 'overall' && rater === 'Bo' && code === 'P-01') return 'tie'
      return unit.swapped ? 'B' : 'A'
    })
    const task = await api.raterTask({ studyId: study.id, rater: 'Ann', unitId: views[0].tasks[0].unitId })
    const shownA = task.transcripts[0].messages[1].content
    expect(shownA).toMatch(/\[MAGneT reply/)
    expect(task.answers.empathy).toBe('A')
    const results = await api.studyResults({ id: study.id })
    const empathy = results.preferences.find((p) => p.key === 'empathy')!.stat
    expect(empathy).toMatchObject({ first: 16, second: 0, ties: 0, rate: 1 })
    // Wilson 95% for 16 / 16: low = 16 / (16 + z²) = 0.8063 with z = 1.95996.
    expect(empathy.low).toBeCloseTo(16 / (16 + 1.959963984540054 ** 2), 6)
    expect(empathy.high).toBeCloseTo(1, 12)
    // Sign test: 2 · 0.5^16.
    expect(empathy.p).toBeCloseTo(2 * 0.5 ** 16, 12)
    // The aspect keyed "overall" keeps its own row; all aspects pooled come under POOLED_KEY.
    expect(results.preferences.map((p) => p.key)).toEqual(['empathy', 'overall', POOLED_KEY])
    expect(results.agreement.map((a) => a.key)).toEqual(['empathy', 'overall', POOLED_KEY])
    const overall = results.preferences.find((p) => p.key === 'overall')!.stat
    expect(overall).toMatchObject({ first: 15, second: 0, ties: 1 })
    expect(results.preferences.find((p) => p.key === POOLED_KEY)!.stat).toMatchObject({ first: 31, second: 0, ties: 1 })
    // Each count opens the pairs behind it: the tie is P-01's; MAGneT was preferred on every pair.
    const tied = await api.listStudyUnits({ studyId: study.id, answer: { key: 'overall', value: 0 } })
    expect(tied.items.map((u) => u.code)).toEqual(['P-01'])
    expect(tied.total).toBe(1)
    expect((await api.listStudyUnits({ studyId: study.id, answer: { key: POOLED_KEY, value: -1 } })).total).toBe(8)
    expect((await api.listStudyUnits({ studyId: study.id, answer: { key: 'empathy', value: 1 } })).total).toBe(0)
    const csv = await api.exportStudy({ id: study.id, what: 'ratings' })
    const rows = Papa.parse<Record<string, string>>(csv.content.trim(), { header: true }).data
    expect(rows.filter((r) => r.item === 'empathy').every((r) => r.value === 'MAGneT')).toBe(true)
    expect(rows.find((r) => r.rater === 'Bo' && r.item === 'overall' && r.unit === 'P-01')!.value).toBe('tie')
  })
})
