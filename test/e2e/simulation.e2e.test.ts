import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { startServe } from '../support/serveProcess'
import { startMockOpenAI } from '../support/mockOpenAI'
import { isCounselorRequest, scriptedCounseling } from '../support/scriptedCounseling'

/** A researcher starts a run from the form and watches a dialogue grow, then reads it in the dataset browser. */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-sim-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('simulation in the browser', () => {
  it('shows a live dialogue growing and the finished transcript', async () => {
    const mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 6 }), latencyMs: 250 })
    const server = await startServe(dataDir)
    const token = new URL(server.url).searchParams.get('token')
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      const call = (method: string, body: unknown) =>
        fetch(`${server.origin}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ ok: boolean; value: { id: string } }>)
      const saved = await call('saveEndpoint', { name: 'mock', baseURL: mock.baseURL, model: 'mock-model' })
      expect(saved.ok).toBe(true)

      await page.goto(server.url)
      await page.getByTestId('nav-simulations').click()
      await page.getByTestId('new-run').first().click()
      await page.getByTestId('run-name').fill('live check')
      await page.getByTestId('run-cards-language').selectOption('en')
      await expect
        .poll(async () => Number(await page.getByTestId('run-cards-count').getAttribute('data-count')))
        .toBe(6)
      await page.getByTestId('run-client-endpointId').selectOption(saved.value.id)
      await page.getByTestId('run-counselor-endpointId').selectOption(saved.value.id)
      await page.getByTestId('run-form-submit').click()

      // The live view shows dialogues in flight; one of them gains messages while we watch.
      const live = page.getByTestId('live-dialogue').first()
      await live.waitFor({ timeout: 15000 })
      const id = await live.getAttribute('data-dialogue-id')
      await live.click()
      const follow = page.getByTestId('follow-dialog')
      await follow.waitFor()
      const messages = follow.getByTestId('transcript-message')
      await expect.poll(() => messages.count(), { timeout: 10000 }).toBeGreaterThanOrEqual(3)
      const seen = await messages.count()
      await expect.poll(() => messages.count(), { timeout: 10000 }).toBeGreaterThan(seen)
      await expect
        .poll(() => page.getByTestId('follow-status').textContent(), { timeout: 20000 })
        .toMatch(/complete|完成/i)
      await page.keyboard.press('Escape')

      await expect
        .poll(async () => Number(await page.getByTestId('run-count-completed').getAttribute('data-count')), {
          timeout: 30000,
        })
        .toBe(6)

      // The transcript in the dataset browser: 12 messages, ended by the closing phrase at turn 6.
      await page.getByTestId('run-open-dataset').click()
      await page.locator(`[data-testid="dialogue-row"][data-dialogue-id="${id}"]`).click()
      await expect.poll(() => page.getByTestId('transcript-view').getByTestId('transcript-message').count()).toBe(12)
      await expect.poll(() => page.getByTestId('transcript-end-reason').getAttribute('data-kind')).toBe('keyword')
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-sim-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
      await mock.close()
    }
  }, 120_000)

  it('says which endpoint a run waits for during an outage, and retries failed dialogues from the run page', async () => {
    // The counselor's third turn is refused (a quota problem, not retried) until the researcher fixes it.
    let refuse = true
    const mock = await startMockOpenAI({
      reply: scriptedCounseling({ closeAtTurn: () => 4 }),
      fault: (r) =>
        refuse && isCounselorRequest(r) && r.messages.length >= 6
          ? { status: 403, body: JSON.stringify({ error: { message: 'quota exceeded' } }) }
          : null,
    })
    mock.setOutage({ status: 503, body: JSON.stringify({ error: { message: 'service unavailable' } }) })
    const server = await startServe(dataDir)
    const token = new URL(server.url).searchParams.get('token')
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      const call = <T>(method: string, body: unknown) =>
        fetch(`${server.origin}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ ok: boolean; value: T }>)
      const endpoint = (
        await call<{ id: string }>('saveEndpoint', { name: 'flaky', baseURL: mock.baseURL, model: 'mock-model' })
      ).value
      const defaults = (await call<Record<string, { endpointId: string }>>('simulationDefaults', {})).value
      const run = await call<{ id: string }>('startRun', {
        name: 'outage and retry',
        cards: { query: { language: 'en' } },
        config: {
          ...defaults,
          client: { ...defaults.client, endpointId: endpoint.id },
          counselor: { ...defaults.counselor, endpointId: endpoint.id },
          concurrency: 6,
        },
      })
      expect(run.ok).toBe(true)

      await page.goto(server.url)
      await page.getByTestId('nav-simulations').click()
      await page.locator(`[data-testid="run-row"][data-run-id="${run.value.id}"]`).click()
      const waiting = page.getByTestId('run-waiting')
      await expect
        .poll(() => waiting.textContent(), { timeout: 20000 })
        .toContain('Waiting for flaky: HTTP 503: service unavailable')
      const retry = page.getByTestId('run-retryFailed')
      expect(await retry.isDisabled()).toBe(true)
      expect(await retry.getAttribute('title')).toBe('No failed dialogues to retry')

      // The endpoint answers again: the run goes on by itself, until the refused turns fail their dialogues.
      mock.setOutage(null)
      await expect.poll(() => waiting.count(), { timeout: 30000 }).toBe(0)
      await expect
        .poll(async () => Number(await page.getByTestId('run-count-failed').getAttribute('data-count')), {
          timeout: 30000,
        })
        .toBe(6)
      await expect.poll(() => retry.textContent()).toBe('Retry failed (6)')
      expect(await retry.isDisabled()).toBe(false)

      refuse = false
      await retry.click()
      await expect
        .poll(async () => Number(await page.getByTestId('run-count-completed').getAttribute('data-count')), {
          timeout: 30000,
        })
        .toBe(6)
      expect(await page.getByTestId('run-count-failed').getAttribute('data-count')).toBe('0')
      // Finished with nothing failed: what no longer applies is gone (retry, pause, cancel; speed and time left).
      await expect.poll(() => retry.count()).toBe(0)
      expect(await page.getByTestId('run-pause').count()).toBe(0)
      expect(await page.getByTestId('run-cancel').count()).toBe(0)
      expect(await page.getByTestId('run-stat-eta').count()).toBe(0)
      expect(await page.getByTestId('run-open-dataset').isEnabled()).toBe(true)
      // The finished run lists its dialogues instead of the live view.
      await expect.poll(() => page.getByTestId('run-dialogue-row').count()).toBe(6)
      expect(await page.getByTestId('live-view').count()).toBe(0)
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-retry-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
      await mock.close()
    }
  }, 120_000)
})
