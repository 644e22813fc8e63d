/**
 * Rating studies at a size larger than people rate (issue 18): two datasets of N dialogues on the same cards, a
 * rubric study of both (WAI-O-S, 12 items) with R = 3 of 5 raters, every answer saved one by one through the API as
 * raters would, then the results (means, agreement with alpha, ICC and kappa per item), the ratings CSV and the
 * agreement table. Prints the time of each step. Run: npm run bench:studies [-- --dialogues 500]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/main/app'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'
import { addMethodDatasets } from '../test/support/studyFixture'
import { arg } from './args'

const DIALOGUES = arg('dialogues', 500)
const RATERS = ['Ann', 'Bo', 'Cy', 'Di', 'Ed']

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'studies-bench-'))
  const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
  const api = createClient(app.dispatch)
  try {
    addMethodDatasets(app, DIALOGUES)
    const defaults = await api.studyDefaults()
    let t = performance.now()
    const study = await api.createStudy({
      name: 'bench',
      design: 'rubric',
      rubric: 'wai-o-s',
      items: defaults.rubrics[0].items,
      sources: [
        { datasetId: 'ds-m', sampleSize: DIALOGUES },
        { datasetId: 'ds-t', sampleSize: DIALOGUES },
      ],
      raters: RATERS,
      ratersPerDialogue: 3,
      guidelines: defaults.guidelines.rubric,
    })
    console.log(`created: ${study.units} dialogues, ${study.due} answers due, in ${seconds(t)}`)
    t = performance.now()
    let answers = 0
    for (const [r, rater] of RATERS.entries()) {
      const mine = await api.raterStudy({ studyId: study.id, rater })
      for (const [i, task] of mine.tasks.entries())
        for (const [k, item] of mine.items.entries()) {
          await api.saveStudyAnswer({
            studyId: study.id,
            rater,
            unitId: task.unitId,
            key: item.key,
            value: 1 + ((i * 7 + k * 3 + r) % 7),
          })
          answers++
        }
    }
    const perAnswer = (performance.now() - t) / answers
    console.log(`saved ${answers} answers one by one in ${seconds(t)} (${perAnswer.toFixed(2)} ms each)`)
    t = performance.now()
    const results = await api.studyResults({ id: study.id })
    console.log(`results (${results.means.length} means, ${results.agreement.length} agreement rows) in ${seconds(t)}`)
    t = performance.now()
    const csv = await api.exportStudy({ id: study.id, what: 'ratings' })
    console.log(`ratings CSV (${(csv.content.length / 1048576).toFixed(1)} MB) in ${seconds(t)}`)
    t = performance.now()
    await api.exportStudy({ id: study.id, what: 'agreement', format: 'latex' })
    console.log(`agreement table (LaTeX) in ${seconds(t)}`)
    t = performance.now()
    await api.raterTask({
      studyId: study.id,
      rater: 'Ann',
      unitId: (await api.raterStudy({ studyId: study.id, rater: 'Ann' })).tasks[0].unitId,
    })
    console.log(`a rater's study and task in ${seconds(t)}`)
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

void main()
