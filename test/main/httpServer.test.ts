import { describe, expect, it, afterEach } from 'vitest'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { hostAllowed, startHttpServer, type HttpServerHandle } from '../../src/main/http/httpServer'
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
  fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

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
    expect(
      (await fetch(`${server.origin}/assets/app.js`, { headers: { cookie } })).headers.get('content-type'),
    ).toMatch(/javascript/)
    // The workbench's own page: the browser adds its origin.
    const info = await (
      await post(server.origin, 'appInfo', {}, { cookie, origin: server.origin, 'sec-fetch-site': 'same-origin' })
    ).json()
    expect(info).toMatchObject({ ok: true, value: { name: 'SimPsy Workbench' } })
  })

  it('returns errors as envelopes: unknown method, bad JSON, invalid input', async () => {
    const { server } = await start()
    const auth = { authorization: 'Bearer tok-123' }
    expect(await (await post(server.origin, 'dropTables', {}, auth)).json()).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    })
    const bad = await fetch(`${server.origin}/api/appInfo`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{oops',
    })
    expect(bad.status).toBe(400)
    expect(await (await post(server.origin, 'getRoleCard', { id: 5 }, auth)).json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^id: /) },
    })
  })

  it('streams events to subscribers', async () => {
    const { server } = await start()
    const controller = new AbortController()
    const response = await fetch(`${server.origin}/api/events`, {
      headers: { authorization: 'Bearer tok-123' },
      signal: controller.signal,
    })
    const reader = response.body!.getReader()
    await reader.read() // the ": connected" comment
    await post(
      server.origin,
      'createRoleCard',
      { language: 'en', complaint: { body: 'hello' } },
      { authorization: 'Bearer tok-123' },
    )
    let text = ''
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value)
    expect(JSON.parse(text.replace(/^data: /, ''))).toEqual({
      name: 'roleCards.changed',
      payload: { reason: 'create' },
    })
    controller.abort()
  })

  it('takes API calls only from its own origin, as JSON, at the address it serves, and is never framed', async () => {
    const { server, app } = await start()
    const cookie = `simpsy_token_${server.port}=tok-123`
    const change = { id: 'counselor.three-stage', language: 'en', text: 'Changed from elsewhere.' }
    const before = await app.handlers.listTemplates({}, { remote: false })
    const refused = async (headers: Record<string, string>, body = JSON.stringify(change)) => {
      const response = await fetch(`${server.origin}/api/saveTemplate`, { method: 'POST', headers, body })
      return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { message: string } } }
    }
    // Another port of this host: same site for the cookie, another origin.
    const other = 'http://127.0.0.1:1'
    expect(
      await refused({ cookie, origin: other, 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }),
    ).toMatchObject({
      status: 403,
      body: { ok: false, error: { message: expect.stringMatching(/another site/) } },
    })
    expect((await refused({ cookie, origin: other, 'content-type': 'application/json' })).body.error!.message).toMatch(
      /came from http:\/\/127\.0\.0\.1:1/,
    )
    // A form post (text/plain) from the page itself is still not JSON.
    expect(
      (await refused({ cookie, origin: server.origin, 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' }))
        .status,
    ).toBe(415)
    // The cookie without any browser header: a script must use the token.
    expect((await refused({ cookie, 'content-type': 'application/json' })).status).toBe(403)
    expect(await app.handlers.listTemplates({}, { remote: false })).toEqual(before)

    // A DNS name pointing at this machine (rebinding) is refused before anything else.
    const rebound = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${server.origin}/api/appInfo`,
        {
          method: 'POST',
          headers: {
            host: `attacker.example:${server.port}`,
            authorization: 'Bearer tok-123',
            'content-type': 'application/json',
          },
        },
        (res) => {
          let text = ''
          res.on('data', (c) => (text += c))
          res.on('end', () => resolve({ status: res.statusCode!, text }))
        },
      )
      req.on('error', reject)
      req.end('{}')
    })
    expect(rebound.status).toBe(421)
    expect(rebound.text).toContain(server.origin)

    // Pages may not be framed.
    const page = await fetch(`${server.origin}/`, { headers: { cookie } })
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')

    // The workbench page and a Bearer script still work.
    expect(
      (
        await refused({
          cookie,
          origin: server.origin,
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
        })
      ).body.ok,
    ).toBe(true)
    expect(
      (await refused({ authorization: 'Bearer tok-123', 'content-type': 'application/json; charset=utf-8' })).body.ok,
    ).toBe(true)
  })

  it('knows which Host headers name the address it serves', () => {
    expect(hostAllowed('127.0.0.1', 8080, '127.0.0.1:8080')).toBe(true)
    expect(hostAllowed('127.0.0.1', 8080, 'localhost:8080')).toBe(true)
    expect(hostAllowed('127.0.0.1', 8080, 'LOCALHOST:8080')).toBe(true)
    expect(hostAllowed('127.0.0.1', 8080, '127.0.0.1:8081')).toBe(false)
    expect(hostAllowed('127.0.0.1', 8080, 'evil.example:8080')).toBe(false)
    expect(hostAllowed('127.0.0.1', 8080, undefined)).toBe(false)
    expect(hostAllowed('10.1.2.3', 8080, '10.1.2.3:8080')).toBe(true)
    expect(hostAllowed('10.1.2.3', 8080, 'localhost:8080')).toBe(false)
    expect(hostAllowed('0.0.0.0', 8080, '192.168.1.20:8080')).toBe(true)
    expect(hostAllowed('0.0.0.0', 8080, '[fe80::1]:8080')).toBe(true)
    expect(hostAllowed('0.0.0.0', 8080, 'rebound.example:8080')).toBe(false)
    expect(hostAllowed('::1', 8080, '[::1]:8080')).toBe(true)
    expect(hostAllowed('127.0.0.1', 80, 'localhost')).toBe(true)
    expect(hostAllowed('127.0.0.1', 8080, 'localhost')).toBe(false)
  })
})
