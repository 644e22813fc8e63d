import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { startServe } from '../support/serveProcess'

/**
 * Another page on the same machine (another port of 127.0.0.1: the same "site" for cookies)
 * tries to change the counselor prompt of a serve instance the owner has open, and to frame it.
 */
let browser: Browser
let dataDir: string
let attacker: Server
let attackerOrigin: string
let target = ''
beforeAll(async () => {
  browser = await launchBrowser()
  dataDir = mkdtempSync(join(tmpdir(), 'simpsy-e2e-origin-'))
  const change = JSON.stringify({ id: 'counselor.three-stage', language: 'en', text: 'Changed by another page.' })
  // An enctype=text/plain form sends "name=value": split the JSON at a string so the body parses as JSON.
  const cut = change.indexOf('Changed')
  const pages: Record<string, () => string> = {
    '/form': () => `<form id="f" method="POST" enctype="text/plain" action="${target}/api/saveTemplate">
        <input type="hidden" name='${change.slice(0, cut)}' value='${change.slice(cut)}'></form>
        <script>document.getElementById('f').submit()</script>`,
    '/no-cors': () => `<script>
        fetch('${target}/api/saveTemplate', { method: 'POST', mode: 'no-cors', credentials: 'include', body: ${JSON.stringify(change.replace('Changed', 'No-cors'))} })
          .then(() => { document.title = 'sent' }, () => { document.title = 'sent' })
      </script>`,
    '/frame': () => `<iframe id="w" src="${target}/" width="800" height="600"></iframe>`,
  }
  attacker = createServer((req, res) => {
    const page = Object.hasOwn(pages, req.url ?? '') ? pages[req.url!] : undefined
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page ? `<!doctype html><title>other</title>${page()}` : 'no')
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve()))
  const address = attacker.address()
  attackerOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => attacker?.close(resolve))
  rmSync(dataDir, { recursive: true, force: true })
})

describe('serve mode against other local pages', () => {
  it('refuses a form post, a no-cors fetch and framing from another port; the workbench and Bearer scripts still work', async () => {
    const server = await startServe(dataDir)
    target = server.origin
    const token = new URL(server.url).searchParams.get('token')!
    const counselorPrompt = async () => {
      const response = await fetch(`${server.origin}/api/listTemplates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      })
      expect(response.status).toBe(200)
      const envelope = (await response.json()) as {
        ok: true
        value: { id: string; language: string; text: string; version: number }[]
      }
      return envelope.value.find((t) => t.id === 'counselor.three-stage' && t.language === 'en')!
    }
    const context = await browser.newContext()
    try {
      const owner = await context.newPage()
      await owner.goto(server.url) // the owner's cookie is now in this browser
      await expect
        .poll(async () =>
          Number((await owner.getByTestId('role-card-count').textContent())?.replace(/[^\d]/g, '') || 0),
        )
        .toBe(12)
      const before = await counselorPrompt()

      // 1. An auto-submitted text/plain form.
      const formPage = await context.newPage()
      const posted = formPage.waitForResponse((r) => r.url().startsWith(server.origin))
      await formPage.goto(`${attackerOrigin}/form`)
      expect((await posted).status()).toBe(403)

      // 2. fetch(..., { mode: 'no-cors' }) with the cookie.
      const fetchPage = await context.newPage()
      const fetched = fetchPage.waitForResponse((r) => r.url().startsWith(server.origin))
      await fetchPage.goto(`${attackerOrigin}/no-cors`)
      expect((await fetched).status()).toBe(403)

      // 3. The workbench inside another page's frame (clickjacking).
      const framePage = await context.newPage()
      const framed = framePage.waitForResponse((r) => r.url().startsWith(server.origin))
      await framePage.goto(`${attackerOrigin}/frame`)
      const frameResponse = await framed
      expect(frameResponse.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/)
      expect(frameResponse.headers()['x-frame-options']).toBe('DENY')
      const child = framePage.frames().find((f) => f !== framePage.mainFrame())!
      await expect.poll(() => child.locator('[data-testid="role-card-count"]').count()).toBe(0)
      await expect.poll(() => child.url()).not.toContain(server.origin)

      // Nothing changed.
      const after = await counselorPrompt()
      expect(after.text).toBe(before.text)
      expect(after.version).toBe(before.version)

      // The workbench's own page still changes things: a new role card from the editor.
      await owner.bringToFront()
      await owner.getByTestId('new-card').click()
      await owner.getByTestId('editor-complaint-title').fill('Own page')
      await owner.getByTestId('editor-complaint-body').fill('Saved from the workbench itself.')
      await owner.getByTestId('editor-save').click()
      await expect
        .poll(async () =>
          Number((await owner.getByTestId('role-card-count').textContent())?.replace(/[^\d]/g, '') || 0),
        )
        .toBe(13)

      // A script with the Bearer token still works.
      const saved = await fetch(`${server.origin}/api/saveTemplate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'counselor.three-stage',
          language: 'en',
          text: `${before.text}\n(edited by a script)`,
        }),
      })
      expect(((await saved.json()) as { ok: boolean }).ok).toBe(true)
      expect((await counselorPrompt()).version).toBe(before.version + 1)
    } finally {
      await context.close()
      await server.stop()
    }
  })
})
