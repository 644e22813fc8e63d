import { createServer, type RequestListener } from 'node:http'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { keepAliveFetch } from '../../src/main/llm/keepAliveFetch'

const closers: (() => void)[] = []
afterEach(() => closers.splice(0).forEach((close) => close()))

async function serve(handler: RequestListener) {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => (server.closeAllConnections(), server.close()))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

describe('keepAliveFetch', () => {
  it('sends method, headers and body, and hands back status, headers and body', async () => {
    const url = await serve((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'x-echo': String(req.headers['x-test']) })
        res.end(JSON.stringify({ method: req.method, body, length: req.headers['content-length'] }))
      })
    })
    const response = await keepAliveFetch(`${url}/v1/x`, {
      method: 'POST',
      body: 'héllo',
      headers: { 'x-test': 'yes' },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('x-echo')).toBe('yes')
    expect(await response.json()).toEqual({ method: 'POST', body: 'héllo', length: '6' })
  })

  it('decodes a gzip body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      res.end(gzipSync(JSON.stringify({ ok: true })))
    })
    const response = await keepAliveFetch(url)
    expect(await response.json()).toEqual({ ok: true })
    expect(response.headers.get('content-encoding')).toBeNull()
  })

  it('rejects with an AbortError as soon as the signal aborts', async () => {
    const url = await serve(() => {})
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    await expect(keepAliveFetch(url, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('rejects when the server drops the connection', async () => {
    const url = await serve((req) => req.socket.destroy())
    await expect(keepAliveFetch(url)).rejects.toMatchObject({ code: 'ECONNRESET' })
  })
})
