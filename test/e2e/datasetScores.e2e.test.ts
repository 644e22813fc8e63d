import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import type { EvaluationSummary } from '@shared/evaluation'
import { launchBrowser } from '../support/browser'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { serveApi, startServe } from '../support/serveProcess'
import { SESSION_PROBLEMS, sessionsJsonl } from '../support/sessionsFixture'

/**
 * A researcher filters a dataset by a WAI score (bond below 4), saves those dialogues as a dataset of their own, and
 * reads a transcript's scores with the judge's answers behind them.
 */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-scores-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Bond (items 3, 5, 7, 9) by session: exam 2, work 3, grief 5, money 6; other items 4. "exam" garbles item 12. */
const BOND: Record<string, number> = { exam: 2, work: 3, grief: 5, money: 6 }
function judge(request: ChatRequest) {
  const user = request.messages[1].content
  const item = Number(user.match(/## Item (\d+)/)![1])
  const [tag] = SESSION_PROBLEMS.find(([, body]) => user.includes(body.toLowerCase()))!
  if (item === 12 && tag === 'exam') return 'I would rather not say.'
  return `One sentence.\nFinal score: ${[3, 5, 7, 9].includes(item) ? BOND[tag] : 4}`
}

/** A serve process over `dir` with one dataset (the four sessions) and a finished WAI analysis of it (named `name`). */
async function scoredWorkspace(dir: string, name: string) {
  const server = await startServe(dir)
  const mock = await startMockOpenAI({ reply: judge })
  const call = serveApi(server)
  const { datasetId } = await call<{ datasetId: string }>('importDataset', {
    fileName: 'sessions.jsonl',
    contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
    name: 'Four sessions',
  })
  const endpoint = await call<{ id: string }>('saveEndpoint', {
    name: 'judge',
    baseURL: mock.baseURL,
    model: 'judge-model',
    maxConcurrency: 4,
  })
  let analysis = await call<EvaluationSummary>('startEvaluation', {
    kind: 'wai',
    name,
    datasetIds: [datasetId],
    config: { endpointId: endpoint.id, rounds: 1, parseRetries: 0 },
  })
  await expect
    .poll(async () => (analysis = await call<EvaluationSummary>('getEvaluation', { id: analysis.id })).status, {
      timeout: 30000,
    })
    .toBe('completed')
  const stop = async () => {
    await mock.close()
    await server.stop()
  }
  return { server, datasetId, analysis, stop }
}

describe('dataset browser by score', () => {
  it('filters by bond < 4, saves the selection as a dataset, and shows a transcript’s scores and a failed answer', async () => {
    const { server, datasetId, analysis, stop } = await scoredWorkspace(dataDir, 'WAI check')
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await page.goto(server.url)
      await page.getByTestId('nav-datasets').click()
      await page
        .locator(`[data-testid="dataset-row"][data-dataset-id="${datasetId}"] [data-testid="dataset-open"]`)
        .click()
      await page.getByTestId('score-filter-toggle').click()
      await page.getByTestId('filter-score-analysis').selectOption(analysis.id)
      // The analysis's first metric is picked; choose bond and keep it below 4.
      await expect.poll(() => page.getByTestId('filter-score-metric').inputValue()).toBe('goal')
      await page.getByTestId('filter-score-metric').selectOption('bond')
      await page.getByTestId('filter-score-max').fill('3.999')
      await page.getByTestId('dialogue-sort').selectOption('score')
      const rows = page.getByTestId('dialogue-row')
      await expect.poll(() => rows.count()).toBe(2)
      expect(await page.getByTestId('dialogue-count').textContent()).toMatch(/2 of 4/)
      // Lowest bond first, each row showing its value.
      expect(await page.getByTestId('dialogue-row-score').evaluateAll((els) => els.map((e) => e.textContent))).toEqual([
        'Bond 2',
        'Bond 3',
      ])
      expect(await rows.locator('.card-row-title').allTextContents()).toEqual(['exam', 'work'])

      // The first match (exam) is open: its scores, and the judge's garbled answer on item 12 with the raw text.
      await page.getByTestId('transcript-tab-scores').click()
      const scores = page.getByTestId('transcript-score-analysis')
      await scores.waitFor()
      expect(await scores.getByTestId('transcript-score-open-analysis').textContent()).toBe('WAI check')
      expect(await scores.locator('[data-testid="transcript-score"][data-metric="bond"] td').textContent()).toBe('2')
      await scores.getByTestId('transcript-score-answers').locator('summary').click()
      const failed = scores.locator('[data-testid="transcript-score-answer"][data-status="failed"]')
      expect(await failed.count()).toBe(1)
      expect(await failed.getAttribute('data-item')).toBe('12')
      expect(await failed.locator('pre').textContent()).toBe('I would rather not say.')
      expect(await page.getByTestId('transcript-tab-calls').textContent()).toMatch(/12/)

      // Save the selection (Enter saves), open the new dataset, and find it in the list.
      await page.getByTestId('browser-save-selection').click()
      await page.getByTestId('save-selection-name').fill('Low bond')
      await page.getByTestId('save-selection-name').press('Enter')
      expect(await page.getByTestId('save-selection-done').textContent()).toContain('Low bond')
      await page.getByTestId('save-selection-open').click()
      await expect.poll(() => page.getByTestId('browser-title').textContent()).toBe('Low bond')
      await expect.poll(() => page.getByTestId('dialogue-row').count()).toBe(2)
      expect(await page.getByTestId('dialogue-row').locator('.card-row-title').allTextContents()).toEqual([
        'exam',
        'work',
      ])
      await page.getByTestId('browser-back').click()
      await expect.poll(() => page.getByTestId('dataset-row').count()).toBe(2)
      const saved = page.getByTestId('dataset-row').filter({ hasText: 'Low bond' })
      expect(await saved.getByTestId('dataset-count').textContent()).toBe('2')
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-scores-failure.png') })
      throw error
    } finally {
      await page.close()
      await stop()
    }
  }, 120_000)

  it('opens the dialogues behind a bar of the result, lowest first, then the browser filtered the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-drill-'))
    const { server, stop } = await scoredWorkspace(dir, 'WAI drill')
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await page.goto(server.url)
      await page.getByTestId('nav-evaluation').click()
      await page.getByTestId('evaluation-row').filter({ hasText: 'WAI drill' }).click()
      // The figure's bars: Goal, Task, Bond (one dataset). Bond's shows its dialogues, lowest bond first.
      const bars = page.locator('[data-testid="evaluation-result"] .recharts-bar-rectangle')
      await expect.poll(() => bars.count()).toBe(3)
      // A bar is an SVG group that Playwright never finds "stable": clicked at its centre without that check.
      const clickBond = async () => {
        await page.getByTestId('evaluation-result').evaluate((e) => e.scrollIntoView())
        await bars.nth(2).click({ force: true })
      }
      await clickBond()
      await expect.poll(() => page.getByTestId('per-dialogue-metric').inputValue()).toBe('bond')
      const rows = page.getByTestId('per-dialogue-row')
      await expect.poll(() => rows.count()).toBe(4)
      // The sort metric is the first value column: 2, 3, 5, 6 (exam, work, grief, money).
      expect(await rows.locator('td.strong').allTextContents()).toEqual(['2', '3', '5', '6'])
      expect(await rows.locator('.mono').allTextContents()).toEqual([' d0', ' d1', ' d2', ' d3'])
      // An item cell of the items table drills down as well.
      await page.locator('[data-testid="drill-cell"][data-metric="item 4"]').click()
      await expect.poll(() => page.getByTestId('per-dialogue-metric').inputValue()).toBe('item 4')

      // Back to bond, then the dataset browser filtered and sorted by it.
      await clickBond()
      await expect.poll(() => page.getByTestId('per-dialogue-metric').inputValue()).toBe('bond')
      await page.getByTestId('per-dialogue-browse').click()
      await expect.poll(() => page.getByTestId('browser-title').textContent()).toBe('Four sessions')
      await expect.poll(() => page.getByTestId('dialogue-row-score').count()).toBe(4)
      expect(await page.getByTestId('dialogue-row-score').allTextContents()).toEqual([
        'Bond 2',
        'Bond 3',
        'Bond 5',
        'Bond 6',
      ])

      // And a row of the per-dialogue table opens its transcript.
      await page.getByTestId('nav-evaluation').click()
      await page.getByTestId('evaluation-row').filter({ hasText: 'WAI drill' }).click()
      await clickBond()
      await rows.first().locator('button').click()
      await expect.poll(() => page.getByTestId('transcript-title').textContent()).toBe('exam')
      // Its judge calls can be opened: what the judge was sent, and what it said.
      await page.getByTestId('transcript-tab-calls').click()
      await page.getByTestId('call-text').first().locator('summary').click()
      await expect.poll(() => page.getByTestId('call-response').first().textContent()).toMatch(/Final score: \d/)
      expect(await page.getByTestId('call-message').nth(1).textContent()).toMatch(/## Item \d+/)
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-drill-failure.png') })
      throw error
    } finally {
      await page.close()
      await stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
