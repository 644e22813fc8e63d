import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser'
import { gzippedCorpus } from '../support/corpus'
import { startServe, type ServeHandle } from '../support/serveProcess'

/**
 * A researcher drops a gzipped corpus on the Datasets page of the browser workbench: the file goes to the server as
 * it is (no base64 in the page), is checked, imported with its progress shown, and opens as a dataset.
 */
let browser: Browser
let dataDir: string
let server: ServeHandle
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-import-'))
  server = await startServe(dataDir)
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function corpusFile(n: number) {
  const file = join(dataDir, 'corpus.jsonl.gz')
  writeFileSync(file, gzippedCorpus(n, 7))
  return file
}

describe('importing a dataset in the browser', () => {
  it('sends the file as it is, checks it, imports it and opens it', async () => {
    const file = corpusFile(2000)
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const apiBodies: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/importDataset')) apiBodies.push(r.postData() ?? '')
    })
    const uploads: string[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('/upload')) uploads.push(r.headers()['content-type'] ?? '')
    })
    await page.goto(`${server.url}#/datasets`)
    await page.getByTestId('dataset-import-button').click()
    await page.locator('input[type="file"]').setInputFiles(file)
    await page.getByTestId('dataset-import-check').click()
    await expect.poll(() => page.getByTestId('dataset-import-preview').count(), { timeout: 30000 }).toBe(1)
    expect(await page.getByTestId('dataset-import-preview').innerText()).toMatch(/2,000/)
    await page.getByTestId('dataset-import-commit').click()
    await expect.poll(() => page.getByTestId('dataset-import-done').count(), { timeout: 60000 }).toBe(1)
    await page.screenshot({ path: join(tmpdir(), 'simpsy-dataset-import-done.png') })

    // One upload, as octet-stream; the API calls named it, and carried no file content.
    expect(uploads).toEqual(['application/octet-stream'])
    expect(apiBodies).toHaveLength(2)
    for (const body of apiBodies) {
      expect(body).toMatch(/"uploadId":"[0-9a-f-]{36}"/)
      expect(body).not.toMatch(/contentBase64/)
      expect(body.length).toBeLessThan(500)
    }
    expect(readdirSync(join(dataDir, 'uploads'))).toEqual([])

    await page.getByTestId('dataset-import-open').click()
    await expect.poll(() => page.getByTestId('dialogue-count').innerText(), { timeout: 15000 }).toMatch(/2,000/)
    await page.close()
  }, 120000)

  it('exports it as a file the browser downloads as it is, with no content in the API answer', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const answers: string[] = []
    page.on('response', (r) => {
      if (r.url().includes('/api/exportDataset')) void r.text().then((text) => answers.push(text))
    })
    await page.goto(`${server.url}#/datasets`)
    await page.getByTestId('dataset-export').first().click()
    await page.getByTestId('dataset-export-format-jsonl').check()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('dataset-export-confirm').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.jsonl$/)
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n')
    // The workbench's own format: a header line, then a dialogue a line.
    expect(lines).toHaveLength(2001)
    expect(JSON.parse(lines[0])).toMatchObject({ format: expect.any(String), version: expect.any(Number) })
    expect(JSON.parse(lines[1]).messages.length).toBeGreaterThan(0)
    // The answer named the file; its 2,000 dialogues came as the download.
    await expect.poll(() => answers.length).toBe(1)
    expect(JSON.parse(answers[0]).value).toMatchObject({ count: 2000, content: '', downloadId: expect.any(String) })
    // Handed out once: gone from the server, a second fetch is refused, and without the session nothing is given.
    const id = JSON.parse(answers[0]).value.downloadId as string
    await expect.poll(() => readdirSync(join(dataDir, 'downloads'))).toEqual([])
    expect((await page.request.get(`${server.origin}/download/${id}`)).status()).toBe(404)
    expect((await fetch(`${server.origin}/download/${id}`)).status).toBe(401)
    await page.close()
  }, 120000)
})
