import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ensureTinyGguf } from '../../scripts/tinyGguf'
import { launchBrowser } from '../support/browser'
import { startMockOpenAI } from '../support/mockOpenAI'
import { startServe } from '../support/serveProcess'

/** The offline model in the settings form, and a test drive from the card editor to the dataset browser. */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-drive-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** An API call from the page (serve mode: the page's session authorises it). */
const call = <T>(page: Page, method: string, input: unknown) =>
  page.evaluate(
    async ([m, i]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(i),
      })
      return ((await res.json()) as { value: unknown }).value
    },
    [method, input] as const,
  ) as Promise<T>

const REPLY = 'I keep waking at three and then I cannot stop thinking about work.'

describe('offline model and test drive in the browser', () => {
  it('saves a local endpoint from the form, and test-drives a card: streamed reply, stop, save, open', async () => {
    // The second client reply stalls after its first pieces: it is stopped from the page.
    const mock = await startMockOpenAI({
      reply: () => REPLY,
      chunkDelayMs: 50,
      fault: (_request, call) => (call === 1 ? { stallAfterChunks: 3 } : null),
    })
    const server = await startServe(dataDir)
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await page.goto(server.url.replace(/(#.*)?$/, '#/settings'))
      await page.getByTestId('endpoint-add').click()
      await page.getByTestId('endpoint-kind').selectOption('local')
      // No base URL or key for a local model; one request at a time by default.
      await expect.poll(() => page.getByTestId('endpoint-base-url').count()).toBe(0)
      await expect.poll(() => page.getByTestId('endpoint-api-key').count()).toBe(0)
      expect(await page.getByTestId('endpoint-maxConcurrency').inputValue()).toBe('1')
      await page.getByTestId('endpoint-name').fill('offline')
      await page.getByTestId('endpoint-local-modelPath').fill(join(dataDir, 'missing.gguf'))
      await page.getByTestId('endpoint-test').click()
      await expect.poll(() => page.getByTestId('endpoint-form').textContent()).toContain('missing.gguf does not exist')
      await page.getByTestId('endpoint-local-modelPath').fill(ensureTinyGguf())
      await page.getByTestId('endpoint-local-threads').fill('1')
      await page.getByTestId('endpoint-save').click()
      await expect.poll(() => page.getByTestId('endpoint-row').textContent()).toContain(ensureTinyGguf())

      await call(page, 'saveEndpoint', { name: 'mock client', baseURL: mock.baseURL, model: 'client-model' })
      const card = await call<{ id: string }>(page, 'createRoleCard', {
        language: 'en',
        name: 'Lin',
        complaint: { title: 'Cannot sleep', body: 'Wakes at night since a new job.' },
      })

      await page.goto(server.url.replace(/(#.*)?$/, `#/cards/${card.id}`))
      await page.getByTestId('editor-test-drive').click()
      await page.getByTestId('test-drive-endpoint').selectOption({ label: 'mock client (client-model)' })
      await page.getByTestId('test-drive-start').click()
      await page.getByTestId('test-drive-prompt-toggle').click()
      await expect.poll(() => page.getByTestId('test-drive-prompt').textContent()).toContain('Wakes at night')

      await page.getByTestId('test-drive-input').fill('Hello, what brings you here?')
      await page.keyboard.press('Enter')
      // The reply streams in before it is whole.
      await page.getByTestId('test-drive-streaming').waitFor()
      await expect.poll(() => page.getByTestId('test-drive-turn').last().textContent()).toContain(REPLY)

      await page.getByTestId('test-drive-input').fill('When does it start?')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByTestId('test-drive-streaming').textContent()).toContain('I keep')
      await page.getByTestId('test-drive-stop').click()
      await page.getByTestId('test-drive-again').waitFor()
      expect(await page.getByTestId('test-drive-turn').count()).toBe(3)
      await page.getByTestId('test-drive-again').click()
      await expect.poll(() => page.getByTestId('test-drive-turn').count()).toBe(4)
      // A counselor method writes the next counselor turn; the client answers it.
      await page.getByTestId('test-drive-method').selectOption('three-stage')
      await page.getByTestId('test-drive-method-answer').click()
      await expect.poll(() => page.getByTestId('test-drive-turn').count()).toBe(6)

      await page.getByTestId('test-drive-dataset-name').fill('Lin drive')
      await page.getByTestId('test-drive-save').click()
      await page.getByTestId('test-drive-open-saved').click()
      await expect.poll(() => page.locator('body').textContent()).toContain('Lin drive')
      await expect.poll(() => page.locator('body').textContent()).toContain('When does it start?')
      await expect.poll(() => page.locator('body').textContent()).toContain('Saved from a test drive.')

      // The other way round: the person plays the client and a counselor method answers.
      await page.goto(server.url.replace(/(#.*)?$/, `#/cards/${card.id}/drive`))
      await page.getByTestId('test-drive-endpoint').selectOption({ label: 'mock client (client-model)' })
      await page.getByTestId('test-drive-play').selectOption('client')
      await page.getByTestId('test-drive-start').click()
      await page.getByTestId('test-drive-input').fill('I have not slept in weeks.')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByTestId('test-drive-turn').count()).toBe(2)
      expect(await page.getByTestId('test-drive-turn').last().textContent()).toContain('Counselor (method)')
      expect(errors).toEqual([])
    } finally {
      await page.close()
      await server.stop()
      await mock.close()
    }
  })
})
