import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { ownerApi, startServe, type ServeHandle } from '../support/serveProcess'
import { startMockOpenAI } from '../support/mockOpenAI'
import { clientScript } from '../support/clientScript'

/**
 * Client methods in the browser: the run form's client method, the card editor's withheld facts and resistance
 * behaviours, and the transcript's state chart and tags, in English and Chinese. With SIMPSY_SCREENSHOTS set to a
 * folder, each page is also saved there as a PNG.
 */
let browser: Browser
let dataDir: string
let server: ServeHandle
let mock: Awaited<ReturnType<typeof startMockOpenAI>>
let call: ReturnType<typeof ownerApi>

beforeAll(async () => {
  browser = await launchBrowser()
  mock = await startMockOpenAI({
    reply: clientScript((turn) => JSON.stringify({ trust: 2 + turn * 1.5, emotion: 8 - turn, stage: 'contemplation' })),
  })
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-clients-'))
  server = await startServe(dataDir)
  call = ownerApi(server)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await mock?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const shot = async (page: Page, name: string) => {
  const dir = process.env.SIMPSY_SCREENSHOTS
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false })
}

async function withPage(name: string, body: (page: Page) => Promise<void>) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  try {
    await body(page)
    expect(errors).toEqual([])
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), `simpsy-e2e-clients-${name}-failure.png`), fullPage: true })
    throw error
  } finally {
    await page.close()
  }
}

const CARD = {
  language: 'en',
  name: 'Mira',
  occupation: 'Nurse',
  complaint: { title: 'Night shifts and no sleep', body: 'I work nights and cannot sleep during the day.' },
  withheld: [
    { text: 'I took sleeping pills from work', threshold: 5 },
    { text: 'My partner moved out last month', threshold: 7 },
  ],
  resistanceBehaviours: [
    { behaviour: 'minimising', frequency: 0.4 },
    { behaviour: 'sidetracking', frequency: 0.3 },
  ],
}

describe('client methods in the browser', () => {
  it('edits a card’s withheld facts and resistance behaviours, refusing chances that add up to more than 1', async () => {
    const saved = await call<{ id: string }>('createRoleCard', CARD)
    // Chinese first: the English pass then edits the card.
    for (const language of ['zh', 'en'] as const) {
      await call('setPreferences', { uiLanguage: language })
      await withPage(`card-${language}`, async (page) => {
        await page.goto(server.url)
        await page.getByTestId('role-card-row').filter({ hasText: 'Night shifts' }).first().click()
        const box = page.getByTestId('editor-client-box')
        await expect.poll(() => box.getByTestId('editor-withheld-row').count()).toBe(2)
        expect(await box.getByTestId('editor-behaviour-row').count()).toBe(2)
        expect(await box.getByTestId('editor-withheld-threshold-1').inputValue()).toBe('7')
        await box.scrollIntoViewIfNeeded()
        await shot(page, `card-editor-${language}`)
        if (language === 'zh') return
        await box.getByTestId('editor-behaviour-frequency-1').fill('0.7')
        expect(await box.getByTestId('editor-behaviour-sum').textContent()).toContain('1.1')
        await box.getByTestId('editor-add-withheld').click()
        await box.getByTestId('editor-withheld-text-2').fill('I have been skipping meals')
        await box.getByTestId('editor-behaviour-frequency-1').fill('0.3')
        await page.getByTestId('editor-save').click()
        await expect.poll(() => page.getByTestId('editor-unsaved').count()).toBe(0)
      })
    }
    const card = await call<{ withheld: unknown[] }>('getRoleCard', { id: saved.id })
    expect(card.withheld).toHaveLength(3)
  }, 120_000)

  it('chooses the dynamic client in the run form, and draws its state across turns in the transcript', async () => {
    await call('setPreferences', { uiLanguage: 'en' })
    const endpoint = await call<{ id: string }>('saveEndpoint', { name: 'mock', baseURL: mock.baseURL, model: 'm' })
    await withPage('run-form', async (page) => {
      await page.goto(server.url)
      await page.getByTestId('nav-simulations').click()
      await page.getByTestId('new-run').first().click()
      await page.getByTestId('run-client-endpointId').selectOption(endpoint.id)
      await page.getByTestId('run-counselor-endpointId').selectOption(endpoint.id)
      expect(await page.getByTestId('run-client-kind').inputValue()).toBe('static')
      const estimate = page.getByTestId('run-call-estimate')
      expect(await estimate.getAttribute('data-total')).toBe('99')
      await page.getByTestId('run-client-kind').selectOption('dynamic')
      await expect.poll(() => page.getByTestId('client-method-settings').count()).toBe(1)
      // The judge doubles the client's calls: 49 replies, 49 judge calls.
      expect(await estimate.getAttribute('data-total')).toBe(String(50 + 49 * 2))
      await page.getByTestId('run-section-client').scrollIntoViewIfNeeded()
      await shot(page, 'run-form-en')
      await page.getByTestId('run-client-update').selectOption('rule')
      expect(await estimate.getAttribute('data-total')).toBe('99')
      await page.getByTestId('run-client-update').selectOption('judge')
      // The request is what is checked; it goes no further (a 13-card, 50-turn run would load the machine).
      await page.route('**/api/startRun', (route) => route.abort())
      const sent = page.waitForRequest((r) => r.url().endsWith('/api/startRun'))
      await page.getByTestId('run-form-submit').click()
      const input = (await sent).postDataJSON() as { config: { client: Record<string, unknown> } }
      expect(input.config.client).toMatchObject({
        kind: 'dynamic',
        endpointId: endpoint.id,
        update: 'judge',
        initial: { trust: 3, emotion: 6, stage: 'contemplation' },
        judge: { temperature: 0 },
      })
    })
    await call('setPreferences', { uiLanguage: 'zh' })
    await withPage('run-form-zh', async (page) => {
      await page.goto(server.url)
      await page.getByTestId('nav-simulations').click()
      await page.getByTestId('new-run').first().click()
      await page.getByTestId('run-client-kind').selectOption('dynamic')
      await page.getByTestId('run-section-client').scrollIntoViewIfNeeded()
      expect(await page.getByTestId('run-section-client').textContent()).toContain('来访者方法')
      await shot(page, 'run-form-zh')
    })

    // A dynamic-client run of the one card, 4 turns.
    const defaults = await call<Record<string, unknown> & { client: object; counselor: object }>(
      'simulationDefaults',
      {},
    )
    const cards = await call<{ items: { id: string }[] }>('listRoleCards', { text: 'Night shifts' })
    const run = await call<{ id: string; datasetId: string }>('startRun', {
      name: 'dynamic client',
      cards: { ids: [cards.items[0].id] },
      config: {
        ...defaults,
        client: { ...defaults.client, endpointId: endpoint.id, kind: 'dynamic' },
        counselor: { ...defaults.counselor, endpointId: endpoint.id },
        maxTurns: 4,
      },
    })
    await expect
      .poll(async () => (await call<{ status: string }>('getRun', { id: run.id })).status, {
        timeout: 30000,
      })
      .toBe('completed')

    for (const language of ['en', 'zh'] as const) {
      await call('setPreferences', { uiLanguage: language })
      await withPage(`transcript-${language}`, async (page) => {
        await page.goto(server.url)
        await page.getByTestId('nav-datasets').click()
        await page
          .locator(`[data-testid="dataset-row"][data-dataset-id="${run.datasetId}"]`)
          .getByTestId('dataset-open')
          .click()
        await page.getByTestId('dialogue-row').first().click()
        const view = page.getByTestId('transcript-view')
        await expect.poll(() => view.getByTestId('transcript-message').count()).toBe(8)
        const chart = view.getByTestId('client-state-chart')
        // Two lines (trust, emotion) over the three client replies after the greeting.
        await expect.poll(() => chart.locator('.recharts-line').count()).toBe(2)
        expect(await chart.locator('.recharts-line-dot, .recharts-dot').count()).toBeGreaterThanOrEqual(6)
        expect(await view.getByTestId('client-state-tag').count()).toBe(3)
        const title = language === 'en' ? 'Client state across turns' : '来访者状态变化'
        expect(await chart.textContent()).toContain(title)
        expect(await chart.textContent()).toContain(language === 'en' ? 'Emotional intensity' : '情绪强度')
        await shot(page, `transcript-${language}`)
        // A turn in the table leads to its message (the third client reply is message #7).
        await chart.locator('details summary').click()
        await chart.getByTestId('client-state-table').getByRole('button', { name: '3', exact: true }).click()
        const inView = () =>
          view.locator('[data-testid="transcript-message"][data-index="6"]').evaluate((el) => {
            const box = el.getBoundingClientRect()
            const area = el.closest('[data-testid="transcript"]')!.getBoundingClientRect()
            return box.top >= area.top - 1 && box.bottom <= area.bottom + 1
          })
        await expect.poll(inView).toBe(true)
        // How a client reply was made: the state judge's call, then the reply's.
        const reply = view.locator('[data-testid="transcript-message"][data-speaker="client"]').nth(1)
        await reply.getByTestId('trace-toggle').click()
        const steps = reply.getByTestId('trace-step')
        expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-agent')))).toEqual([
          'state',
          'client',
        ])
        await reply.scrollIntoViewIfNeeded()
        await shot(page, `transcript-trace-${language}`)
      })
    }
  }, 180_000)
})
