import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { startServe } from '../support/serveProcess'
import { sessionsJsonl } from '../support/sessionsFixture'

/** A researcher runs the vocabulary-overlap analysis, looks at the figure, and exports it for a paper. */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-eval-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).first().click()])
  return readFileSync((await file.path())!)
}

/** The pHYs chunk of a PNG: pixels per metre on x and y. */
function pngPixelsPerMetre(png: Buffer): number | null {
  let offset = 8
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    if (type === 'pHYs') return png.readUInt32BE(offset + 8)
    offset += 12 + length
  }
  return null
}

describe('evaluation in the browser', () => {
  it('runs an overlap analysis and exports its figure as SVG, 300 dpi PNG and CSV with provenance', async () => {
    const server = await startServe(dataDir)
    const token = new URL(server.url).searchParams.get('token')
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      const imported = await fetch(`${server.origin}/api/importDataset`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          fileName: 'sessions.jsonl',
          contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
          name: 'Four sessions',
        }),
      }).then((r) => r.json() as Promise<{ ok: boolean; value: { datasetId: string } }>)
      expect(imported.ok).toBe(true)

      await page.goto(server.url)
      await page.getByTestId('nav-evaluation').click()
      await page.getByTestId('new-analysis').first().click()
      await page.getByTestId('analysis-kind-overlap').click()
      await page.locator(`[data-testid="analysis-dataset"][data-dataset-id="${imported.value.datasetId}"]`).check()
      await page.getByTestId('analysis-form-submit').click()

      const figure = page.locator('[data-testid="figure"][data-kind="overlap"]')
      await figure.waitFor({ timeout: 20000 })
      expect(await page.getByTestId('figure-notes').first().textContent()).toMatch(/t\(/)

      const svg = (await download(page, 'figure-export-svg')).toString('utf8')
      expect(svg).toMatch(/^<\?xml[\s\S]*<svg/)
      expect(svg).toContain('<metadata')
      expect(svg).toContain('Four sessions')
      expect(svg).not.toMatch(/<button|recharts-tooltip/)

      const png = await download(page, 'figure-export-png')
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
      expect(pngPixelsPerMetre(png)).toBeGreaterThanOrEqual(11811) // 300 dpi
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(2000) // width in pixels
      expect(png.toString('latin1')).toContain('Four sessions')

      const csv = (await download(page, 'figure-export-csv')).toString('utf8')
      const dataLines = csv.split('\n').filter((l) => l && !l.startsWith('#'))
      expect(csv.split('\n')[0]).toMatch(/^#/)
      expect(dataLines.length).toBeGreaterThanOrEqual(2)
      expect(csv).toContain(imported.value.datasetId)

      const latex = (await download(page, 'table-export-latex')).toString('utf8')
      expect(latex).toContain('\\toprule')
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-eval-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
    }
  }, 120_000)
})
