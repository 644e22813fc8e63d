import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { RaterStudyView, StudyResults, StudyView } from '@shared/study'
import { createApp } from '../../src/main/app'
import { keyFileSecretBox } from '../../src/main/secrets/secretBox'
import { launchBrowser } from '../support/browser'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { ownerApi, startServe } from '../support/serveProcess'
import { addMethodDatasets } from '../support/studyFixture'

/**
 * Issue 18's scenario in serve mode: the owner sets up a study of 30 MAGneT and 30 three-stage dialogues with three
 * raters from the form; three browsers rate through their own links by keyboard (the rest of the answers come
 * through the API, as more raters' sessions would); the study page shows progress, means and agreement; a pairwise
 * study shows preference rates; an LLM judge (the mock) runs the same rubric and stands beside the raters; exports
 * download.
 */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-studies-'))
  const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
  addMethodDatasets(app, 30)
  await app.close()
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const RATERS = ['Ann', 'Bo', 'Cy']

/** The judge answers every key its instructions list: 5 on a MAGneT transcript, 2 on another; A for pairs. */
function judge(request: ChatRequest): string {
  const system = request.messages[0]?.content ?? ''
  const keys = [...system.matchAll(/^- (\S+) — /gm)].map((m) => m[1])
  const magnet = /\[MAGneT reply/.test(request.messages[1]?.content ?? '')
  return keys.map((key) => `${key}: ${/Aspects:/.test(system) ? 'A' : magnet ? 5 : 2}`).join('\n')
}

/** Rates `count` dialogues in a rater's page by keyboard only: a digit and Enter per item. */
async function rateByKeyboard(page: Page, count: number, score: (code: string) => number) {
  await page.getByTestId('rate-start').waitFor()
  await page.keyboard.press('Enter')
  for (let i = 0; i < count; i++) {
    const task = page.getByTestId('rate-task')
    await task.waitFor()
    const code = (await task.getAttribute('data-code'))!
    for (let item = 0; item < 6; item++) {
      await page.keyboard.press(String(score(code)))
      await page.keyboard.press('Enter')
    }
    await expect.poll(async () => Number(await page.getByTestId('rate-progress').getAttribute('data-done'))).toBe(i + 1)
    await expect.poll(() => task.getAttribute('data-code')).not.toBe(code)
  }
}

describe('expert rating studies in the browser', () => {
  it('is set up from the form, rated by three raters through their links, and shows results beside an LLM judge', async () => {
    const mock = await startMockOpenAI({ reply: judge })
    const server = await startServe(dataDir)
    const call = ownerApi(server)
    const owner = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })
    const page = await owner.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await call('saveEndpoint', { name: 'judge', baseURL: mock.baseURL, model: 'judge-model' })
      await page.goto(server.url)
      await page.getByTestId('nav-studies').click()
      await page.getByTestId('new-study').first().click()

      // The form: 30 dialogues from each dataset, three raters, three per dialogue, the CTRS rubric.
      await page.getByTestId('study-name').fill('CTRS by three counselors')
      await page.getByTestId('study-source-dataset-0').selectOption('ds-m')
      await page.getByTestId('study-source-sample-0').fill('30')
      await page.getByTestId('study-source-add').click()
      await page.getByTestId('study-source-dataset-1').selectOption('ds-t')
      await page.getByTestId('study-source-sample-1').fill('30')
      for (const [i, name] of RATERS.entries()) {
        if (i > 0 && !(await page.getByTestId(`study-rater-name-${i}`).isVisible()))
          await page.getByTestId('study-rater-add').click()
        await page.getByTestId(`study-rater-name-${i}`).fill(name)
      }
      await page.getByTestId('study-raters-per-dialogue').fill('3')
      await page.getByTestId('study-rubric-ctrs').check()
      await page.getByTestId('study-form-submit').click()
      const detail = page.getByTestId('study-detail')
      await detail.waitFor({ timeout: 20000 })
      const studyId = (await detail.getAttribute('data-study-id'))!
      const study = await call<StudyView>('getStudy', { id: studyId })
      expect(study).toMatchObject({ units: 60, raters: 3, due: 60 * 3 * 6 })
      expect(study.config.items.map((i) => i.key)).toEqual([
        'understanding',
        'interpersonal',
        'collaboration',
        'guidedDiscovery',
        'keyCognitions',
        'strategy',
      ])

      // Each rater's link, copied from the page, opens in a browser of its own.
      const links: string[] = []
      for (const rater of RATERS) {
        await page.getByTestId(`study-rater-copy-link-${rater}`).click()
        const link = page.getByTestId(`study-rater-link-${rater}`)
        await expect.poll(() => link.inputValue()).toMatch(/annotator=.+#\/rate\//)
        links.push(await link.inputValue())
      }
      const units = (
        await call<{ items: { code: string; dialogues: { datasetId: string }[] }[] }>('listStudyUnits', {
          studyId,
          limit: 100,
        })
      ).items
      const isMagnet = new Map(units.map((u) => [u.code, u.dialogues[0].datasetId === 'ds-m']))
      // People: 5 (Cy 6) for MAGneT, 3 for the others.
      const score = (rater: string) => (code: string) => (isMagnet.get(code) ? (rater === 'Cy' ? 6 : 5) : 3)
      const raterPages: Page[] = []
      for (const [i, rater] of RATERS.entries()) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
        const raterPage = await context.newPage()
        raterPage.on('pageerror', (e) => errors.push(e.message))
        await raterPage.goto(links[i])
        expect(await raterPage.getByTestId('rate-rater').textContent()).toContain(rater)
        await rateByKeyboard(raterPage, 2, score(rater))
        // Blinded: no dataset, method or dialogue id anywhere on the rater's page but in what the counselors said
        // (the fixture's counselors sign their replies).
        const shown = String(
          await raterPage.evaluate(`(() => {
            const copy = document.body.cloneNode(true)
            copy.querySelectorAll('[data-testid^="rate-transcript"]').forEach((t) => t.remove())
            return copy.textContent
          })()`),
        )
        expect(shown).toMatch(/Understanding/)
        expect(shown).not.toMatch(/MAGneT|Three-stage|ds-m|ds-t/)
        raterPages.push(raterPage)
      }
      // The rest of their answers, as their sessions would give them.
      for (const rater of RATERS) {
        const mine = await call<RaterStudyView>('raterStudy', { studyId, rater })
        for (const task of mine.tasks.filter((t) => t.answered < t.total))
          for (const item of mine.items)
            await call('saveStudyAnswer', {
              studyId,
              rater,
              unitId: task.unitId,
              key: item.key,
              value: score(rater)(task.code),
            })
      }
      // A rater coming back finds everything done.
      await raterPages[0].reload()
      await raterPages[0].getByTestId('rate-done').waitFor()

      // The owner's page: progress per rater, means and agreement.
      await expect
        .poll(async () => page.getByTestId(`study-rater-${RATERS[1]}`).getAttribute('data-done'), { timeout: 15000 })
        .toBe('60')
      await page.getByTestId('study-tab-results').click()
      const means = page.getByTestId('study-means')
      await means.waitFor()
      expect(await means.textContent()).toMatch(/Understanding understanding5\.33 \[5\.33, 5\.33\]303\.00/)
      const agreement = page.getByTestId('study-agreement')
      expect(await agreement.textContent()).toMatch(/α|alpha/i)

      // The LLM judge on the same rubric, from the page.
      await page.getByTestId('study-judge-start').click()
      await expect
        .poll(async () => (await call<StudyView>('getStudy', { id: studyId })).judges[0]?.status, { timeout: 30000 })
        .toBe('completed')
      const results = await call<StudyResults>('studyResults', { id: studyId })
      const understanding = results.agreement.find((a) => a.key === 'understanding')!
      expect(understanding.humans.raters).toBe(3)
      expect(understanding.withJudge?.raters).toBe(4)
      expect(understanding.humans.icc21).not.toBeNull()
      await expect.poll(async () => (await agreement.textContent()) ?? '', { timeout: 15000 }).toMatch(/judge/i)

      // Exports download.
      const download = page.waitForEvent('download')
      await page.getByTestId('study-export-ratings-csv').click()
      const csv = readFileSync((await (await download).path())!, 'utf8')
      expect(csv.split('\n')[0]).toMatch(
        /^study,unit,dialogue_id,source_id,dataset_id,source,rater,rater_kind,item,value,time/,
      )
      expect(csv).toMatch(/CTRS by three counselors,D-\d+,ds-m-\d+,record-\d+,ds-m,MAGneT,Cy,human,understanding,6/)
      const latex = page.waitForEvent('download')
      await page.getByTestId('study-export-agreement-latex').click()
      expect(readFileSync((await (await latex).path())!, 'utf8')).toMatch(/\\caption\{CTRS by three counselors/)

      // A pairwise study of the same two datasets: preference rates per aspect.
      const pairwise = await call<StudyView>('createStudy', {
        name: 'MAGneT vs three-stage',
        design: 'pairwise',
        sources: [
          { datasetId: 'ds-m', sampleSize: 30 },
          { datasetId: 'ds-t', sampleSize: 30 },
        ],
        raters: RATERS,
        ratersPerDialogue: 3,
        aspects: (await call<{ aspects: unknown[] }>('studyDefaults', {})).aspects.slice(0, 2),
        guidelines: { en: 'Compare the two sessions.' },
      })
      const pairUnits = (
        await call<{ items: { id: string; swapped: boolean }[] }>('listStudyUnits', { studyId: pairwise.id })
      ).items
      const swapped = new Map(pairUnits.map((u) => [u.id, u.swapped]))
      for (const rater of RATERS) {
        const mine = await call<RaterStudyView>('raterStudy', { studyId: pairwise.id, rater })
        for (const [i, task] of mine.tasks.entries())
          for (const aspect of mine.aspects)
            await call('saveStudyAnswer', {
              studyId: pairwise.id,
              rater,
              unitId: task.unitId,
              key: aspect.key,
              // MAGneT wins, except a tie in every tenth pair.
              value: i % 10 === 0 ? 'tie' : swapped.get(task.unitId) ? 'B' : 'A',
            })
      }
      await page.getByTestId('nav-studies').click()
      await page.getByTestId('study-row').filter({ hasText: 'MAGneT vs three-stage' }).click()
      await page.getByTestId('study-tab-results').click()
      const preferences = page.getByTestId('study-preferences')
      await preferences.waitFor()
      expect(await preferences.textContent()).toMatch(/100(\.0)?\s?%|1\.000/)
      // A count opens the pairs behind it: the ties on the first aspect.
      const aspect = pairwise.config.aspects[0].key
      const tied = await call<{ total: number; items: { code: string }[] }>('listStudyUnits', {
        studyId: pairwise.id,
        answer: { key: aspect, value: 0 },
      })
      expect(tied.total).toBeGreaterThan(0)
      await page.getByTestId(`study-preference-count-${aspect}-0`).click()
      await page.getByTestId('study-units-answer').waitFor()
      await expect.poll(() => page.getByTestId('study-unit-row').count()).toBe(tied.total)
      expect(await page.getByTestId('study-units').textContent()).toContain(tied.items[0].code)
      expect(errors).toEqual([])
    } finally {
      await owner.close()
      await server.stop()
      await mock.close()
    }
  }, 240_000)
})
