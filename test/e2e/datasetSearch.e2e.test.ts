import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser'
import { gzippedCorpus } from '../support/corpus'
import { ownerApi, startServe, type ServeHandle } from '../support/serveProcess'

/**
 * A frequent word in a dataset of more than 2,000 dialogues: the browser shows the first page at once and says it is
 * still counting; the count replaces it when it comes (held back here until the first state has been looked at).
 */
let browser: Browser
let dataDir: string
let server: ServeHandle
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-search-'))
  server = await startServe(dataDir)
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const DIALOGUES = 2100

/** Holds the page's countDialogues requests until `release` is called. */
async function holdCounts(page: Page) {
  let release = () => {}
  const held = new Promise<void>((done) => (release = done))
  await page.route('**/api/countDialogues', async (route) => {
    await held
    await route.continue()
  })
  return () => release()
}

describe('searching a large dataset', () => {
  it('shows a frequent word’s first page while counting, then the count, in English and Chinese', async () => {
    const call = ownerApi(server)
    const report = await call<{ datasetId: string }>('importDataset', {
      fileName: 'corpus.jsonl.gz',
      contentBase64: gzippedCorpus(DIALOGUES, 11).toString('base64'),
      name: 'large',
    })
    const datasetId = report.datasetId
    // Once the import's indexes are written, the word's first page comes before its count.
    await expect
      .poll(
        async () =>
          (
            await call<{ counted: boolean }>('listDialogues', {
              datasetId,
              text: 'anxious',
              limit: 200,
              countLater: true,
            })
          ).counted,
        { timeout: 30000 },
      )
      .toBe(false)
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    try {
      for (const [language, word, counting, counted] of [
        ['en', 'anxious', /^200\+ of 2,100 dialogues, counting…$/, (n: string) => `${n} of 2,100 dialogues`],
        ['zh', 'sleep', /^200\+ \/ 2,100 段对话，正在计数…$/, (n: string) => `${n} / 2,100 段对话`],
      ] as const) {
        await call('setPreferences', { uiLanguage: language })
        const release = await holdCounts(page)
        await page.goto(`${server.url}#/datasets/${datasetId}`)
        await page.getByTestId('dialogue-search').fill(word)
        await expect.poll(() => page.getByTestId('dialogue-count').innerText(), { timeout: 15000 }).toMatch(counting)
        await page.getByTestId('dialogue-row').first().waitFor()
        await page.screenshot({ path: join(tmpdir(), `simpsy-e2e-search-counting-${language}.png`) })
        const { total } = await call<{ total: number }>('countDialogues', { datasetId, text: word })
        expect(total).toBeGreaterThan(200)
        release()
        await expect
          .poll(() => page.getByTestId('dialogue-count').innerText(), { timeout: 15000 })
          .toBe(counted(total.toLocaleString('en')))
        await page.screenshot({ path: join(tmpdir(), `simpsy-e2e-search-counted-${language}.png`) })
        await page.unroute('**/api/countDialogues')
      }
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  }, 180_000)
})
