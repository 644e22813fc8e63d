import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { EvaluationSummary } from '@shared/evaluation'
import { launchBrowser } from '../support/browser'
import { casesCorpus } from '../support/casesCorpus'
import { serveApi, startServe } from '../support/serveProcess'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedSessions } from '../support/sessionScript'
import type { RunSummary, SimulationConfig } from '@shared/simulation'

/**
 * A researcher opens a multi-session corpus, reads a case's sessions in order, and reads an analysis grouped by
 * session. With SIMPSY_SCREENSHOTS=dir the pages are also saved there, in English and Chinese.
 */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-sessions-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const shots = process.env.SIMPSY_SCREENSHOTS
const shoot = async (page: Page, name: string) => {
  if (!shots) return
  mkdirSync(shots, { recursive: true })
  await page.screenshot({ path: join(shots, `${name}.png`) })
}

/** A serve process over the test's workspace, its API, and a page that collects the page's errors. */
async function openServe() {
  const server = await startServe(dataDir)
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return { server, call: serveApi(server), page, errors }
}

describe('follow-up sessions in the UI', () => {
  it('shows a case as its sessions in order, and an analysis grouped by session with a drill', async () => {
    const { server, call, page, errors } = await openServe()
    try {
      const { datasetId } = await call<{ datasetId: string }>('importDataset', {
        fileName: 'cases.json',
        contentBase64: Buffer.from(casesCorpus()).toString('base64'),
        name: 'Three cases',
      })
      let analysis = await call<EvaluationSummary>('startEvaluation', { kind: 'stats', datasetIds: [datasetId] })
      await expect
        .poll(async () => (analysis = await call<EvaluationSummary>('getEvaluation', { id: analysis.id })).status)
        .toBe('completed')

      for (const language of ['en', 'zh'] as const) {
        await call('setPreferences', { uiLanguage: language })
        await page.goto(server.url)
        await page.getByTestId('nav-datasets').click()
        await page
          .locator(`[data-testid="dataset-row"][data-dataset-id="${datasetId}"] [data-testid="dataset-open"]`)
          .click()
        // The list: every session badged, the first session of the first case open with its case bar.
        await expect.poll(() => page.getByTestId('dialogue-row-session').count()).toBe(9)
        const bar = page.getByTestId('case-sessions')
        await bar.waitFor()
        expect(await page.getByTestId('case-session-link').count()).toBe(3)
        expect(await page.locator('[data-testid="case-session-link"][aria-current="page"]').textContent()).toMatch(/1/)
        await page.getByTestId('case-next-session').click()
        await expect
          .poll(() => page.locator('[data-testid="case-session-link"][aria-current="page"]').textContent())
          .toMatch(/2/)
        expect(await page.getByTestId('transcript-view').getAttribute('data-dialogue-id')).toBe(
          await page.locator('[data-testid="dialogue-row"][data-index="1"]').getAttribute('data-dialogue-id'),
        )
        await page.getByTestId('case-summary').locator('summary').click()
        expect(await page.getByTestId('case-summary').textContent()).toContain('session 2, calmer')
        await page.getByTestId('case-carried').locator('summary').click()
        expect(await page.getByTestId('case-carried').textContent()).toContain('session 1, calmer')
        await shoot(page, `dataset-session2-${language}`)
        // Only this case: its three sessions, in order.
        await page.getByTestId('case-show-only').click()
        await expect.poll(() => page.getByTestId('dialogue-row').count()).toBe(3)
        await page.getByTestId('filter-case').waitFor()
        await shoot(page, `dataset-case-${language}`)

        // The analysis: a mean per session, drillable to that session's dialogues.
        await page.getByTestId('nav-evaluation').click()
        await page.getByText(analysis.name).first().click()
        const table = page.getByTestId('by-session-table')
        await table.waitFor({ timeout: 20000 })
        expect(await page.getByTestId('by-session-row').count()).toBe(3)
        const turns = page.locator('[data-testid="by-session-row"][data-session="2"] [data-testid="drill-cell"]')
        expect(await turns.first().textContent()).toBe('3.00 ± 1.00 (3)')
        await table.scrollIntoViewIfNeeded()
        await shoot(page, `results-by-session-${language}`)
        await turns.first().click()
        await page.getByTestId('per-dialogue-clear-session').waitFor()
        await expect.poll(() => page.getByTestId('per-dialogue-row').count()).toBe(3)
      }

      // The run form offers sessions per card, the paper's 1 by default.
      for (const language of ['en', 'zh'] as const) {
        await call('setPreferences', { uiLanguage: language })
        await page.goto(server.url)
        await page.getByTestId('nav-simulations').click()
        await page.getByTestId('new-run').first().click()
        const sessions = page.getByTestId('run-sessionsPerCard')
        await sessions.waitFor()
        expect(await sessions.inputValue()).toBe('1')
        await page.getByTestId('run-section-execution').scrollIntoViewIfNeeded()
        await shoot(page, `run-form-${language}`)
      }
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-sessions-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
    }
  }, 180_000)

  it('runs three follow-up sessions per card against an endpoint and shows them on the run page and in the browser', async () => {
    const mock = await startMockOpenAI({ reply: scriptedSessions({ closeAtTurn: () => 3 }) })
    const { server, call, page, errors } = await openServe()
    try {
      const endpoint = await call<{ id: string }>('saveEndpoint', {
        name: 'mock',
        baseURL: mock.baseURL,
        model: 'mock-model',
        maxConcurrency: 8,
      })
      for (const name of ['Ada', 'Bo'])
        await call('createRoleCard', {
          language: 'en',
          name,
          tags: ['follow'],
          complaint: { title: `${name} cannot sleep`, body: 'Sleep.' },
        })
      const defaults = await call<SimulationConfig>('simulationDefaults', {})
      let run = await call<RunSummary>('startRun', {
        name: 'Follow-up run',
        cards: { query: { tag: 'follow' } },
        config: {
          ...defaults,
          client: { ...defaults.client, endpointId: endpoint.id },
          counselor: { ...defaults.counselor, endpointId: endpoint.id },
          sessionsPerCard: 3,
        },
      })
      await expect
        .poll(async () => (run = await call<RunSummary>('getRun', { id: run.id })).status, { timeout: 30000 })
        .toBe('completed')
      expect(run.counts).toMatchObject({ total: 6, completed: 6 })

      await call('setPreferences', { uiLanguage: 'en' })
      await page.goto(server.url)
      await page.getByTestId('nav-simulations').click()
      await page.locator(`[data-testid="run-row"][data-run-id="${run.id}"]`).click()
      const rows = page.getByTestId('run-dialogue-row')
      await expect.poll(() => rows.count()).toBe(6)
      expect(await page.locator('[data-testid="run-dialogue-row"] .badge-session').allTextContents()).toEqual(
        [1, 2, 3, 1, 2, 3].map((k) => ` Session ${k}`),
      )
      await page.getByTestId('run-dialogues').scrollIntoViewIfNeeded()
      await shoot(page, 'run-page-sessions-en')

      // Session 2 of the first case: its case bar, the note it carried, and the summary call in its call log.
      await rows.nth(1).locator('button').first().click()
      await page.getByTestId('case-sessions').waitFor()
      expect(await page.locator('[data-testid="case-session-link"][aria-current="page"]').textContent()).toMatch(/2/)
      await page.getByTestId('case-carried').locator('summary').click()
      expect(await page.getByTestId('case-carried').textContent()).toMatch(/NOTE\(\S+, after session 1\)/)
      await page.getByRole('tab', { name: /LLM calls/ }).click()
      await expect.poll(() => page.getByText('Session summary').count()).toBeGreaterThan(0)
      await shoot(page, 'run-session2-calls-en')
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-sessions-run-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
      await mock.close()
    }
  }, 180_000)
})
