import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { startServe } from '../support/serveProcess'

/** The endpoint form's more base URLs, by keyboard only: add rows, type, remove, save; keys never come back. */
let browser: Browser
let dataDir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-pools-'))
})
afterAll(async () => {
  await browser?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const OWN = 'sk-own-replica-key-0123456789abcdef'

describe('endpoint pools in the settings', () => {
  it('adds and removes base URLs with the keyboard, with limits and a cached price, and never shows a key again', async () => {
    const server = await startServe(dataDir)
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await page.goto(server.url.replace(/(#.*)?$/, '#/settings'))
      await page.getByTestId('endpoint-add').click()
      await page.getByTestId('endpoint-name').fill('pool')
      await page.getByTestId('endpoint-base-url').fill('http://10.0.0.1:8000/v1')
      await page.getByTestId('endpoint-model').fill('qwen')
      await page.getByTestId('endpoint-rpm').fill('600')
      await page.getByTestId('endpoint-priceCachedInput').fill('0.1')

      // Enter on "Add base URL" adds a row and puts the cursor in its URL; Tab walks its fields.
      await page.getByTestId('endpoint-replica-add').focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('endpoint-replica-url')
      await page.keyboard.type('http://10.0.0.2:8000/v1')
      await page.keyboard.press('Tab')
      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.type('4')
      await page.keyboard.press('Tab')
      await page.keyboard.type(OWN)
      // A second row, then removed again: the focus goes back to the first row's URL.
      await page.getByTestId('endpoint-replica-add').focus()
      await page.keyboard.press('Enter')
      await page.keyboard.type('http://10.0.0.3:8000/v1')
      await page.getByTestId('endpoint-replica-remove').nth(1).focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByTestId('endpoint-replica').count()).toBe(1)
      await expect.poll(() => page.locator(':focus').inputValue()).toBe('http://10.0.0.2:8000/v1')
      await page.getByTestId('endpoint-save').focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByTestId('endpoint-row').count()).toBe(1)

      // Opened again: the row is there with its own key stored, which the form never holds.
      await page.getByTestId('endpoint-row-edit').click()
      await expect.poll(() => page.getByTestId('endpoint-replica-url').inputValue()).toBe('http://10.0.0.2:8000/v1')
      expect(await page.getByTestId('endpoint-replica-concurrency').inputValue()).toBe('4')
      expect(await page.getByTestId('endpoint-replica-key').inputValue()).toBe('')
      await expect.poll(() => page.getByTestId('endpoint-replica-shared-key').count()).toBe(1)
      expect(await page.getByTestId('endpoint-rpm').inputValue()).toBe('600')
      expect(await page.getByTestId('endpoint-priceCachedInput').inputValue()).toBe('0.1')
      expect(await page.content()).not.toContain(OWN)
      expect(errors).toEqual([])
    } finally {
      await page.close()
      await server.stop()
    }
  })
})
