import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { startServe } from '../support/serveProcess'

/**
 * A counselor's session in serve mode, in Debian's Chromium: create a card,
 * edit it, import a posts file, export, restart the server, and find it all again.
 */
let browser: Browser
let dataDir: string
let scratch: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-'))
  scratch = mkdtempSync(join(tmpdir(), 'simpsy-e2e-files-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(scratch, { recursive: true, force: true })
})

const count = async (page: Page) =>
  Number((await page.getByTestId('role-card-count').textContent())!.replace(/[^\d]/g, ''))

describe('role-card editor in the browser', () => {
  it('creates, edits, imports, exports, and keeps everything across a server restart', async () => {
    let server = await startServe(dataDir)
    const page = await browser.newPage({ acceptDownloads: true })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await page.goto(server.url)
      await expect.poll(() => count(page)).toBe(12) // the example cards of a new workspace

      // Create a card.
      await page.getByTestId('new-card').click()
      await page.getByTestId('editor-complaint-title').fill('Night shifts and no sleep')
      await page
        .getByTestId('editor-complaint-body')
        .fill('I work nights at a hospital and I have not slept properly in months.')
      await page.getByTestId('editor-age').fill('37')
      await page.getByTestId('editor-save').click()
      await expect.poll(() => count(page)).toBe(13)
      const preview = async () => {
        await page.getByTestId('editor-tab-preview').click()
        const text = await page.getByTestId('editor-preview-text').textContent()
        await page.getByTestId('editor-tab-edit').click()
        return text
      }
      await expect.poll(preview).toContain('Age: 37')

      // Edit it: the change is saved and shows in the preview.
      await page.getByTestId('editor-age').fill('38')
      await page.keyboard.press('Control+s')
      await expect.poll(() => page.getByTestId('editor-unsaved').count()).toBe(0)
      await expect.poll(preview).toContain('Age: 38')

      // Import a posts file (title, a space, the body) into the test pool.
      const posts = join(scratch, 'posts_test.json')
      writeFileSync(
        posts,
        JSON.stringify([
          '考试焦虑 每次考试前我都睡不着。',
          '异地恋 我们总是因为小事吵架。',
          'Lonely I moved to a new city and know nobody.',
        ]),
      )
      await page.getByTestId('import-button').click()
      await page.getByTestId('import-file-input').setInputFiles(posts)
      await page.getByTestId('import-pool').fill('test')
      await page.getByTestId('import-check').click()
      await expect.poll(() => page.getByTestId('import-report').textContent()).toMatch(/3/)
      await page.getByTestId('import-commit').click()
      await page.getByTestId('import-done').waitFor()
      await page.getByTestId('import-close').click()
      await expect.poll(() => count(page)).toBe(16)

      // Export everything as JSON and check the file.
      await page.getByTestId('export-button').click()
      await page.getByTestId('export-format-json').check()
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-confirm').click()])
      const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'))
      expect(exported.roleCards).toHaveLength(16)
      expect(
        exported.roleCards
          .filter((c: { pool: string }) => c.pool === 'test')
          .map((c: { complaint: { title: string } }) => c.complaint.title),
      ).toEqual(expect.arrayContaining(['考试焦虑', '异地恋', 'Lonely']))
      expect(
        exported.roleCards.find(
          (c: { complaint: { title: string } }) => c.complaint.title === 'Night shifts and no sleep',
        ).age,
      ).toBe(38)

      // Restart the server on the same workspace: everything is still there.
      await server.stop()
      server = await startServe(dataDir)
      await page.goto(server.url)
      await expect.poll(() => count(page)).toBe(16)
      await page.getByTestId('role-card-search').fill('night shifts')
      await expect.poll(() => page.getByTestId('role-card-row').count()).toBe(1)
      await page.getByTestId('role-card-row').first().click()
      await expect.poll(() => page.getByTestId('editor-age').inputValue()).toBe('38')
      expect(errors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), 'simpsy-e2e-failure.png') })
      throw error
    } finally {
      await page.close()
      await server.stop()
    }
  }, 120_000)
})
