import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import type { RoleCardPage } from '@shared/roleCard'
import type { RunSummary } from '@shared/simulation'
import { launchBrowser } from '../support/browser'
import { startServe } from '../support/serveProcess'
import { startMockOpenAI } from '../support/mockOpenAI'
import { isCounselorRequest, scriptedCounseling } from '../support/scriptedCounseling'

/**
 * Issue 15's walk: a researcher simulates 20 random cards of one source, reloads on the run's page and lands there
 * again, reads the finished run's dialogue list, opens a dialogue and one of its stored LLM calls, and Back / Forward
 * move between those places.
 */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-address-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a run of 20 random cards from a source, by its address', () => {
  it('runs them, comes back to the run page on reload, lists its dialogues and opens a stored LLM call', async () => {
    const mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 2 }) })
    const server = await startServe(dataDir)
    const token = new URL(server.url).searchParams.get('token')
    // One browser context, as one person's browser: a copied link opens in another tab of it.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const call = async <T>(method: string, body: unknown): Promise<T> => {
      const response = await fetch(`${server.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } }
      if (!envelope.ok) throw new Error(envelope.error?.message)
      return envelope.value
    }
    try {
      const endpoint = await call<{ id: string }>('saveEndpoint', {
        name: 'mock',
        baseURL: mock.baseURL,
        model: 'mock-model',
      })
      // 45 cards from one source (posts) beside the workspace's example cards (another source).
      const posts = Array.from({ length: 45 }, (_, i) => `Worry${i}: I cannot stop worrying about exam ${i}.`)
      await call('importRoleCards', {
        fileName: 'posts.json',
        contentBase64: Buffer.from(JSON.stringify(posts)).toString('base64'),
        format: 'posts',
        pool: 'train',
      })

      await page.goto(server.url)
      await page.getByTestId('nav-simulations').click()
      await page.getByTestId('new-run').first().click()
      expect(new URL(page.url()).hash).toBe('#/runs/new')
      await page.getByTestId('run-name').fill('twenty random posts')
      await page.getByTestId('run-cards-source').selectOption('posts')
      await page.getByTestId('run-cards-sample-enabled').check()
      await page.getByTestId('run-cards-sample-size').fill('20')
      await page.getByTestId('run-cards-sample-seed').fill('7')
      await expect
        .poll(async () => Number(await page.getByTestId('run-cards-count').getAttribute('data-count')))
        .toBe(20)
      await page.getByTestId('run-client-endpointId').selectOption(endpoint.id)
      await page.getByTestId('run-counselor-endpointId').selectOption(endpoint.id)
      await page.getByTestId('run-form-submit').click()

      // The run's page has its own address.
      const dashboard = page.getByTestId('run-dashboard')
      await dashboard.waitFor({ timeout: 20000 })
      const runId = (await dashboard.getAttribute('data-run-id'))!
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/runs/${runId}`)
      await expect
        .poll(async () => Number(await page.getByTestId('run-count-completed').getAttribute('data-count')), {
          timeout: 60000,
        })
        .toBe(20)

      // Exactly 20 cards, all from the source, the same 20 the seed gives again.
      const run = await call<RunSummary>('getRun', { id: runId })
      expect(run.counts.total).toBe(20)
      const fromPosts = await call<RoleCardPage>('listRoleCards', { source: 'posts' })
      const postIds = new Set(fromPosts.items.map((c) => c.id))
      const dialogues = await call<{ items: { roleCardId: string | null }[] }>('listDialogues', {
        datasetId: run.datasetId,
        limit: 100,
      })
      expect(dialogues.items).toHaveLength(20)
      expect(dialogues.items.every((d) => d.roleCardId !== null && postIds.has(d.roleCardId))).toBe(true)
      expect(mock.requests.filter(isCounselorRequest).length).toBeGreaterThan(0)

      // Reload on the run page: the same run.
      await page.reload()
      await page.locator(`[data-testid="run-dashboard"][data-run-id="${runId}"]`).waitFor({ timeout: 20000 })
      expect(new URL(page.url()).hash).toBe(`#/runs/${runId}`)

      // The finished run lists its dialogues; one opens in the dataset browser at its own address.
      const rows = page.getByTestId('run-dialogue-row')
      await expect.poll(() => rows.count()).toBe(20)
      expect(await rows.evaluateAll((r) => r.every((row) => row.getAttribute('data-status') === 'completed'))).toBe(
        true,
      )
      await rows.first().getByRole('button').click()
      const transcript = page.getByTestId('transcript-view')
      await transcript.waitFor()
      const dialogueId = (await transcript.getAttribute('data-dialogue-id'))!
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/datasets/${run.datasetId}/${dialogueId}`)

      // A stored LLM call: its request messages and its response.
      await page.getByTestId('transcript-tab-calls').click()
      const storedCall = page.getByTestId('transcript-call').first()
      await storedCall.getByTestId('call-text').locator('summary').click()
      await expect.poll(() => storedCall.getByTestId('call-message').count()).toBeGreaterThan(0)
      await expect.poll(() => storedCall.getByTestId('call-response').textContent()).not.toBe('')

      // A reload keeps the dialogue; Back returns to the run, Forward to the dialogue.
      await page.reload()
      await page.locator(`[data-testid="transcript-view"][data-dialogue-id="${dialogueId}"]`).waitFor()
      await page.goBack()
      await page.locator(`[data-testid="run-dashboard"][data-run-id="${runId}"]`).waitFor()
      await page.goForward()
      await page.locator(`[data-testid="transcript-view"][data-dialogue-id="${dialogueId}"]`).waitFor()

      // The copied address opens the same dialogue in another tab of the same browser.
      const copied = await context.newPage()
      await copied.goto(page.url())
      await copied.locator(`[data-testid="transcript-view"][data-dialogue-id="${dialogueId}"]`).waitFor()
      await copied.close()

      // The run replaced the form it was started from: Back from the run does not reopen the new-run form.
      await page.goBack()
      await page.locator(`[data-testid="run-dashboard"][data-run-id="${runId}"]`).waitFor()
      await page.goBack()
      await page.locator(`[data-testid="run-dashboard"][data-run-id="${runId}"]`).waitFor()
      expect(new URL(page.url()).hash).not.toBe('#/runs/new')
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-address-failure.png') })
      throw error
    } finally {
      await context.close()
      await server.stop()
      await mock.close()
    }
  })
})
