import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { Dispatch } from '../api/dispatch'
import type { LimitedAccess, LimitedGrant } from '../api/limitedAccess'
import { writeJsonBody } from './jsonBody'
import { WorkbenchError } from '@shared/errors'
import type { EventBus } from '../events'

export interface HttpServerOptions {
  dispatch: Dispatch
  events: EventBus
  /** The built renderer (out/renderer). */
  staticDir: string
  token: string
  host?: string
  port?: number
  /** Largest accepted API request body. */
  maxBodyBytes?: number
  /** Links with limited rights (annotators): opened as `/?annotator=…`. */
  limitedAccess?: LimitedAccess
  /**
   * Files sent as they are (`POST /upload`, application/octet-stream): streamed to disk, no base64 or JSON in the
   * page or here; the answer names the upload for an API call (importDataset's uploadId).
   */
  uploads?: { receive(body: IncomingMessage): Promise<{ uploadId: string; bytes: number }> }
  /**
   * Files handed out as they are (`GET /download/<id>`, an export written aside for the page), each once: removed when
   * sent.
   */
  downloads?: {
    open(id: string): { file: string; fileName: string; mimeType: string; bytes: number }
    remove(id: string): void
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** Every answer: no other page may frame the workbench (clickjacking). */
const FRAME_HEADERS = { 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': 'DENY' }

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])
/** An address only this machine can reach. */
export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host)
const isWildcard = (host: string) => host === '0.0.0.0' || host === '::'

/**
 * Which Host headers name the address served. A page on a DNS name that was made to point
 * at this machine (DNS rebinding) sends its own name and is refused. Bound to loopback: the
 * loopback names; bound to one address: that address; bound to all: any IP address and localhost.
 */
export function hostAllowed(bound: string, port: number, header: string | undefined): boolean {
  // Browsers leave out the port when it is HTTP's own (80).
  const match = header?.toLowerCase().match(/^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d+))?$/)
  if (!match || Number(match[2] ?? 80) !== port) return false
  const name = match[1]
  const bare = name.replace(/^\[|\]$/g, '')
  if (isWildcard(bound)) return name === 'localhost' || isIP(bare) !== 0
  if (isLoopback(bound) && LOOPBACK_NAMES.has(name)) return true
  return bare === bound.toLowerCase()
}

/**
 * Serve mode: the built renderer plus `POST /api/<method>` and `GET /api/events`
 * (Server-Sent Events). Every request needs the token: the page is opened once
 * as `/?token=…`, which sets an HttpOnly cookie and redirects to a clean URL;
 * scripts may send `Authorization: Bearer …` instead.
 *
 * The cookie alone does not make a request the owner's: SameSite does not tell the ports of
 * one host apart, so any local page could send it. API calls must come from the workbench's
 * own origin (Origin / Sec-Fetch-Site, which browsers set and pages cannot forge) as
 * `application/json`, which a form or a no-cors fetch cannot send; the Host header must name
 * the address served; and no page may frame the workbench.
 */
export async function startHttpServer(options: HttpServerOptions) {
  const host = options.host ?? '127.0.0.1'
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024
  let cookieName = 'simpsy_token'
  // Known once listening (the port may be chosen by the system).
  let port = 0
  let origin = ''
  let guestCookieName = 'simpsy_guest'

  const tokenMatches = (candidate: string | undefined) => {
    if (!candidate) return false
    const a = Buffer.from(candidate)
    const b = Buffer.from(options.token)
    return a.length === b.length && timingSafeEqual(a, b)
  }
  const cookie = (req: IncomingMessage, name: string) =>
    req.headers.cookie
      ?.split(';')
      .map((c) => c.trim().split('='))
      .find(([k]) => k === name)?.[1]
  const bearerMatches = (req: IncomingMessage) =>
    tokenMatches(req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1])
  const authorized = (req: IncomingMessage) => bearerMatches(req) || tokenMatches(cookie(req, cookieName))
  /** Why a request is not the workbench's own page or a script (null if it is). */
  const foreignCaller = (req: IncomingMessage): string | null => {
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin')
      return `Refused: the request came from another site or page (Sec-Fetch-Site: ${site}).`
    const from = req.headers.origin
    if (from !== undefined && from.toLowerCase() !== `http://${req.headers.host?.toLowerCase()}`)
      return `Refused: the request came from ${from}, not from this workbench.`
    // Browsers send Origin or Sec-Fetch-Site with every POST and EventSource; a request with
    // neither is a script, and only the token (not the cookie a browser adds on its own) admits it.
    if (site === undefined && from === undefined && !bearerMatches(req))
      return 'Refused: a script must send the token as Authorization: Bearer <token>.'
    return null
  }
  const guestGrant = (req: IncomingMessage): LimitedGrant | null => {
    const token = cookie(req, guestCookieName)
    return token ? (options.limitedAccess?.(decodeURIComponent(token)) ?? null) : null
  }

  const server = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(FRAME_HEADERS)) res.setHeader(name, value)
    try {
      if (!hostAllowed(host, port, req.headers.host)) {
        return plain(
          res,
          421,
          `This workbench answers only at ${origin} (the request named the host "${req.headers.host ?? ''}").`,
        )
      }
      const url = new URL(req.url ?? '/', 'http://localhost')
      const queryToken = url.searchParams.get('token')
      if (queryToken !== null && req.method === 'GET') {
        if (!tokenMatches(queryToken)) return plain(res, 401, 'Wrong token. Use the URL that `npm run serve` printed.')
        res.writeHead(302, {
          'set-cookie': `${cookieName}=${options.token}; HttpOnly; SameSite=Strict; Path=/`,
          location: url.pathname,
        })
        return res.end()
      }
      const guestToken = url.searchParams.get('annotator')
      if (guestToken !== null && req.method === 'GET') {
        if (!options.limitedAccess?.(guestToken))
          return plain(res, 401, 'This access link (annotation or rating) is not valid (any more). Ask for a new one.')
        // The browser keeps the link's #fragment (the page to open) across the redirect.
        // `?link=annotator` tells the page to show the annotation view alone.
        res.writeHead(302, {
          'set-cookie': `${guestCookieName}=${encodeURIComponent(guestToken)}; HttpOnly; SameSite=Strict; Path=/`,
          location: `${url.pathname}?link=annotator`,
        })
        return res.end()
      }
      const owner = authorized(req)
      const grant = owner ? null : guestGrant(req)
      if (!owner && !grant)
        return plain(
          res,
          401,
          'This workbench needs its access token: open the URL that `npm run serve` printed (links copied from the workbench then open in the same browser).',
        )
      if (grant && url.pathname === '/api/events')
        return plain(res, 403, 'Access links (annotation or rating) do not receive workbench events.')

      if (url.pathname.startsWith('/api/') || url.pathname === '/upload') {
        const foreign = foreignCaller(req)
        if (foreign) return json(res, 403, { ok: false, error: { code: 'unauthorized', message: foreign } })
      }
      if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(req, res, options.events)
      if (url.pathname === '/upload') return await receiveUpload(req, res, grant !== null)
      if (url.pathname.startsWith('/download/')) return sendDownload(req, res, url.pathname, grant !== null)
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return plain(res, 405, 'API methods are called with POST.')
        if (!isJson(req.headers['content-type'])) {
          return json(res, 415, {
            ok: false,
            error: { code: 'invalid_input', message: 'API requests must be sent as Content-Type: application/json.' },
          })
        }
        const method = decodeURIComponent(url.pathname.slice('/api/'.length))
        const body = await readBody(req, maxBody)
        if (body === null)
          return json(res, 413, {
            ok: false,
            error: { code: 'too_large', message: `Request larger than ${maxBody / 1048576} MB.` },
          })
        let input: unknown
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {}
        } catch {
          return json(res, 400, {
            ok: false,
            error: { code: 'invalid_input', message: 'The request body is not valid JSON.' },
          })
        }
        if (grant) {
          const fixed = Object.hasOwn(grant, method) ? grant[method as keyof LimitedGrant] : undefined
          if (!fixed)
            return json(res, 403, {
              ok: false,
              error: { code: 'unauthorized', message: `An access link (annotation or rating) cannot call ${method}.` },
            })
          input = { ...(input as object), ...fixed }
        }
        const envelope = await options.dispatch(method, input, { remote: true })
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        return await writeJsonBody(res, envelope)
      }
      return serveStatic(res, options.staticDir, url.pathname)
    } catch (error) {
      if (!res.headersSent) plain(res, 500, `Internal error: ${(error as Error).message}`)
      else res.end()
    }
  })

  /** Streams a download with its name, then removes it (a second fetch of the same id is a 404). */
  function sendDownload(req: IncomingMessage, res: ServerResponse, path: string, guest: boolean) {
    if (guest) return plain(res, 403, 'An access link (annotation or rating) cannot download files.')
    if (req.method !== 'GET') return plain(res, 405, 'Downloads are fetched with GET.')
    if (!options.downloads) return plain(res, 404, 'This server hands out no downloads.')
    const id = decodeURIComponent(path.slice('/download/'.length))
    let found: ReturnType<NonNullable<HttpServerOptions['downloads']>['open']>
    try {
      found = options.downloads.open(id)
    } catch (error) {
      return plain(res, 404, (error as Error).message)
    }
    res.writeHead(200, {
      'content-type': found.mimeType,
      'content-length': String(found.bytes),
      'content-disposition': `attachment; filename="${found.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
      'cache-control': 'no-store',
    })
    const stream = createReadStream(found.file)
    stream.pipe(res)
    res.once('close', () => {
      stream.destroy()
      if (res.writableFinished) options.downloads!.remove(id)
    })
  }

  async function receiveUpload(req: IncomingMessage, res: ServerResponse, guest: boolean) {
    const refuse = (status: number, code: string, message: string, info?: object) => {
      // The rest of a refused body is not read: the connection closes after the answer.
      res.setHeader('connection', 'close')
      return json(res, status, { ok: false, error: info ?? { code, message } })
    }
    if (guest) return refuse(403, 'unauthorized', 'An access link (annotation or rating) cannot upload files.')
    if (!options.uploads) return refuse(404, 'not_found', 'This server takes no uploads.')
    if (req.method !== 'POST') return refuse(405, 'invalid_input', 'Uploads are sent with POST.')
    if (!/^application\/octet-stream\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
      return refuse(415, 'invalid_input', 'Uploads must be sent as Content-Type: application/octet-stream.')
    try {
      return json(res, 200, { ok: true, value: await options.uploads.receive(req) })
    } catch (error) {
      if (error instanceof WorkbenchError)
        return refuse(error.code === 'too_large' ? 413 : 400, error.code, error.message, error.toInfo())
      throw error
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : 0
  // Several servers on one host share cookies across ports: keep each one's apart.
  cookieName = `simpsy_token_${port}`
  guestCookieName = `simpsy_guest_${port}`
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    port,
    origin,
    url: `${origin}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
export type HttpServerHandle = Awaited<ReturnType<typeof startHttpServer>>

function streamEvents(req: IncomingMessage, res: ServerResponse, events: EventBus) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
  res.write(': connected\n\n')
  const unsubscribe = events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`))
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 25000)
  req.on('close', () => {
    clearInterval(keepAlive)
    unsubscribe()
  })
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function serveStatic(res: ServerResponse, root: string, pathname: string) {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) return plain(res, 403, 'Forbidden')
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file))
    return plain(res, 500, `The renderer is not built (${root} has no index.html). Run \`npm run build\`.`)
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  })
  createReadStream(file).pipe(res)
}

const isJson = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '')

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

function plain(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}
