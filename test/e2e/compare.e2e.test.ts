import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { addCompareDatasets } from '../support/compareFixture'
import { startServe } from '../support/serveProcess'
import { tempWorkspace } from '../support/workspace'

/**
 * A researcher compares two methods run on the same role cards: the Compare panel's empty state, then (after two
 * overlap analyses) the table with its marks, the pairing and an export, all by keyboard; and the panel in Chinese.
 */
let browser: Browser
let ws: ReturnType<typeof tempWorkspace>
beforeAll(async () => {
  browser = await launchBrowser()
  ws = tempWorkspace()
  const app = ws.open()
  addCompareDatasets(app) // CACTUS, MAGneT (5 cards in common) and Other (none): test/support/compareFixture.ts
  await app.close()
})
afterAll(async () => {
  await browser?.close()
  await ws?.cleanup()
})

describe('the Compare panel', () => {
  it('says what to do first, then compares analyses by keyboard and exports the table', async () => {
    const server = await startServe(ws.dataDir)
    const token = new URL(server.url).searchParams.get('token')
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const response = await fetch(`${server.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      }).then((r) => r.json() as Promise<{ ok: boolean; value: T; error?: unknown }>)
      if (!response.ok) throw new Error(JSON.stringify(response.error))
      return response.value
    }
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await page.goto(server.url)
      await page.getByTestId('nav-evaluation').click()
      await page.getByTestId('open-compare').click()
      await page.getByTestId('compare-empty').waitFor()
      expect(await page.getByTestId('compare-empty').textContent()).toContain('same role cards or seed records')

      // Two overlap analyses (A+B, and C alone); the page hears of them through its event stream.
      for (const datasetIds of [['ds-a', 'ds-b'], ['ds-c']]) {
        // R = the cards' field values, whose words the fixture's values are counted from.
        const { id } = await call<{ id: string }>('startEvaluation', {
          kind: 'overlap',
          datasetIds,
          config: { cardText: 'field-values' },
        })
        for (let i = 0; (await call<{ status: string }>('getEvaluation', { id })).status !== 'completed'; i++) {
          if (i > 400) throw new Error('the analysis did not complete')
          await new Promise((r) => setTimeout(r, 50))
        }
      }
      const analyses = page.getByTestId('compare-analysis')
      await analyses.nth(1).waitFor()

      // By keyboard: tick both analyses, pick the reference, the test and no correction, then Compare.
      await analyses.nth(0).focus()
      await page.keyboard.press('Space')
      await analyses.nth(1).focus()
      await page.keyboard.press('Space')
      await page.getByTestId('compare-reference').selectOption('ds-a')
      await page.getByTestId('compare-test').focus()
      await page.getByTestId('compare-test').selectOption('paired-t')
      await page.getByTestId('compare-correction').selectOption('none')
      await page.getByTestId('compare-run').focus()
      await page.keyboard.press('Enter')

      const table = page.getByTestId('compare-table')
      await table.waitFor()
      const headers = await table.locator('thead th').allTextContents()
      expect(headers).toEqual(['Metric', 'CACTUS (reference)', 'MAGneT', 'Other'])
      const rows = page.getByTestId('compare-row')
      expect(await rows.count()).toBe(2)
      const mapping = await rows.nth(0).locator('td').allTextContents()
      // Hand-worked in test/evaluation/compare.test.ts: paired t = 4 on 4 df, p = 0.0161 (uncorrected), d_z = 1.79.
      expect(mapping[0]).toBe('0.46 ± 0.19 (n = 6)')
      expect(mapping[1]).toBe('0.58 ± 0.26 (n = 6)*d_z = 1.79; p = 0.016')
      expect(await rows.nth(0).locator('td').nth(1).getAttribute('title')).toMatch(/^Paired t-test: t\(4\) = 4\.00/)
      expect(await page.getByTestId('compare-footnote').textContent()).toContain('uncorrected, 4 tests in this table')
      expect(await page.getByTestId('compare-warnings').textContent()).toContain(
        'Other shares no role cards or seed records with CACTUS',
      )
      const pairing = await page.getByTestId('compare-pairing').locator('li').allTextContents()
      expect(pairing).toEqual([
        'MAGneT: 5 cards in common (5 by card id, 0 by seed record); without a partner: 1 dialogue of CACTUS, 1 of MAGneT.',
        'Other: no role cards in common with CACTUS.',
      ])

      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-export-csv').click()])
      expect(file.suggestedFilename()).toBe('overlap-comparison-vs-CACTUS.csv')
      const csv = readFileSync((await file.path())!, 'utf8')
      expect(csv).toContain('# correction: none (p values as computed)')
      expect(csv).toContain('# generated by SimPsy Workbench')

      // In Chinese.
      await call('setPreferences', { uiLanguage: 'zh' })
      await page.getByTestId('open-compare').waitFor()
      await page.getByRole('heading', { name: '比较数据集' }).waitFor()
      expect(await page.getByTestId('compare-run').textContent()).toBe('比较')
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-compare-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
    }
  }, 120_000)
})
