import { describe, expect, it, afterEach } from 'vitest'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startHttpServer, type HttpServerHandle } from '../../src/main/http/httpServer'
import { tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
let server: HttpServerHandle | null = null
afterEach(async () => {
  await server?.close()
  server = null
  await ws?.cleanup()
})

async function start() {
  ws = tempWorkspace()
  const app = ws.open()
  const staticDir = mkdtempSync(join(tmpdir(), 'simpsy-static-'))
  mkdirSync(join(staticDir, 'assets'))
  writeFileSync(join(staticDir, 'index.html'), '<title>SimPsy</title>')
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  server = await startHttpServer({ dispatch: app.dispatch, events: app.events, staticDir, token: 'tok-123' })
  return { app, server }
}

const post = (origin: string, method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

describe('serve mode HTTP adapter', () => {
  it('requires the token on every request', async () => {
    const { server } = await start()
    expect((await fetch(`${server.origin}/`)).status).toBe(401)
    expect((await fetch(`${server.origin}/assets/app.js`)).status).toBe(401)
    expect((await post(server.origin, 'appInfo', {})).status).toBe(401)
    expect((await post(server.origin, 'appInfo', {}, { authorization: 'Bearer nope' })).status).toBe(401)
    expect((await fetch(`${server.origin}/?token=wrong`, { redirect: 'manual' })).status).toBe(401)
  })

  it('trades the URL token for a cookie, then serves the page and the API', async () => {
    const { server } = await start()
    const first = await fetch(server.url, { redirect: 'manual' })
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe('/')
    const setCookie = first.headers.get('set-cookie')!
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    const cookie = setCookie.split(';')[0]
    expect(cookie).toMatch(/^simpsy_token_\d+=tok-123$/)
    expect(await (await fetch(`${server.origin}/`, { headers: { cookie } })).text()).toContain('SimPsy')
    // Client-side routes fall back to index.html; paths cannot escape the folder.
    expect(await (await fetch(`${server.origin}/role-cards`, { headers: { cookie } })).text()).toContain('SimPsy')
    expect((await fetch(`${server.origin}/assets/app.js`, { headers: { cookie } })).headers.get('content-type')).toMatch(/javascript/)
    const info = await (await post(server.origin, 'appInfo', {}, { cookie })).json()
    expect(info).toMatchObject({ ok: true, value: { name: 'SimPsy Workbench' } })
  })

  it('returns errors as envelopes: unknown method, bad JSON, invalid input', async () => {
    const { server } = await start()
    const auth = { authorization: 'Bearer tok-123' }
    expect(await (await post(server.origin, 'dropTables', {}, auth)).json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    const bad = await fetch(`${server.origin}/api/appInfo`, { method: 'POST', headers: auth, body: '{oops' })
    expect(bad.status).toBe(400)
    expect(await (await post(server.origin, 'getRoleCard', { id: 5 }, auth)).json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^id: /) },
    })
  })

  it('streams events to subscribers', async () => {
    const { server } = await start()
    const controller = new AbortController()
    const response = await fetch(`${server.origin}/api/events`, { headers: { authorization: 'Bearer tok-123' }, signal: controller.signal })
    const reader = response.body!.getReader()
    await reader.read() // the ": connected" comment
    await post(server.origin, 'createRoleCard', { language: 'en', complaint: { body: 'hello' } }, { authorization: 'Bearer tok-123' })
    let text = ''
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value)
    expect(JSON.parse(text.replace(/^data: /, ''))).toEqual({ name: 'roleCards.changed', payload: { reason: 'create' } })
    controller.abort()
  })
})
