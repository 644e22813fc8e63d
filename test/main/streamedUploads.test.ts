import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { startHttpServer, type HttpServerHandle } from '../../src/main/http/httpServer'
import { sessionsJsonl } from '../support/sessionsFixture'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
let server: HttpServerHandle | null = null
afterEach(async () => {
  await server?.close()
  server = null
  await ws?.cleanup()
})

/** Serve's HTTP adapter over a workspace, its uploads limited to `limit` bytes. */
async function start(limit?: number) {
  ws = tempWorkspace()
  const app = ws.open()
  const staticDir = mkdtempSync(join(tmpdir(), 'simpsy-static-'))
  mkdirSync(staticDir, { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<title>SimPsy</title>')
  server = await startHttpServer({
    dispatch: app.dispatch,
    events: app.events,
    staticDir,
    token: 'tok-123',
    uploads: { receive: (body) => app.uploads.receive(body, limit) },
  })
  return { app, origin: server.origin }
}

const auth = { authorization: 'Bearer tok-123' }
/** An envelope as JSON (or serve's plain-text refusal). */
type Answer = { ok: boolean; value: { uploadId: string; bytes: number }; error: { message: string } }
const send = (origin: string, body: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${origin}/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...auth, ...headers },
    body,
  }).then(async (r) => ({
    status: r.status,
    envelope: (r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text()) as Answer,
  }))
const call = (origin: string, method: string, input: unknown) =>
  fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(input),
  }).then((r) => r.json() as Promise<Answer>)

describe('dataset files sent as they are (serve mode)', () => {
  it('imports from an upload (checked first, then imported), gzip included, and removes it once imported', async () => {
    const { app, origin } = await start()
    const file = gzipSync(Buffer.from(sessionsJsonl()))
    const { status, envelope } = await send(origin, file)
    expect(status).toBe(200)
    expect(envelope).toMatchObject({ ok: true, value: { bytes: file.length } })
    const uploadId = envelope.value.uploadId as string
    const uploadsDir = join(ws.dataDir, 'uploads')
    expect(readdirSync(uploadsDir)).toEqual([uploadId])

    const checked = await call(origin, 'importDataset', { fileName: 'sessions.jsonl.gz', uploadId, dryRun: true })
    expect(checked).toMatchObject({ ok: true, value: { imported: 4, datasetId: null } })
    expect(readdirSync(uploadsDir)).toEqual([uploadId])
    const imported = await call(origin, 'importDataset', { fileName: 'sessions.jsonl.gz', uploadId, name: 'up' })
    expect(imported).toMatchObject({ ok: true, value: { imported: 4 } })
    expect(readdirSync(uploadsDir)).toEqual([])
    expect(await client(app).listDatasets()).toMatchObject([{ name: 'up', dialogueCount: 4, withRoleCards: 4 }])

    // Used up: a second import from it says so, and changes nothing.
    const again = await call(origin, 'importDataset', { fileName: 'sessions.jsonl.gz', uploadId })
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', key: 'datasets.uploadMissing' } })
    expect(again.error.message).toMatch(/choose the file again/)
    expect(await client(app).listDatasets()).toHaveLength(1)
  })

  it('refuses a file over the limit (saying what the limit is and that gzip helps) and keeps none of it', async () => {
    const { origin } = await start(1000)
    const { status, envelope } = await send(origin, Buffer.alloc(5000, 'a'))
    expect(status).toBe(413)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'too_large', key: 'files.uploadTooLarge' } })
    expect(envelope.error.message).toMatch(/import limit is 0 MB/)
    expect(envelope.error.message).toMatch(/gzip/)
    expect(readdirSync(join(ws.dataDir, 'uploads'))).toEqual([])
  })

  it('takes uploads only from the owner, as octet-stream, from its own page', async () => {
    const { origin } = await start()
    const file = Buffer.from(sessionsJsonl())
    expect((await send(origin, file, { authorization: 'Bearer nope' })).status).toBe(401)
    expect((await send(origin, file, { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await send(origin, file, { origin: 'http://evil.example' })).status).toBe(403)
    expect(existsSync(join(ws.dataDir, 'uploads')) ? readdirSync(join(ws.dataDir, 'uploads')) : []).toEqual([])
  })

  it('asks for the file one way: base64 or an upload, not both, not neither', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    for (const input of [
      { fileName: 'a.jsonl' },
      { fileName: 'a.jsonl', contentBase64: 'e30=', uploadId: '00000000-0000-0000-0000-000000000000' },
    ])
      await expect(api.importDataset(input)).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('contentBase64: give the file as contentBase64 or as an uploadId'),
      })
    await expect(api.importDataset({ fileName: 'a.jsonl', uploadId: '../workspace.sqlite' })).rejects.toMatchObject({
      code: 'not_found',
    })
    expect(await api.listDatasets()).toEqual([])
  })
})
