import { describe, expect, it, afterEach } from 'vitest'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createServer } from 'node:http'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI } from '../support/mockOpenAI'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const SECRET = 'sk-test-3f9a8b7c6d5e4f30a1b2'

describe('model endpoints', () => {
  it('keeps the API key encrypted at rest and never returns it', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const saved = await api.saveEndpoint({
      name: 'local',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'm',
      apiKey: SECRET,
    })
    expect(saved).not.toHaveProperty('apiKey')
    expect(saved.hasKey).toBe(true)
    expect(JSON.stringify(await api.listEndpoints())).not.toContain(SECRET)
    app.db.pragma('wal_checkpoint(TRUNCATE)')
    const fileBytes = readFileSync(join(ws.dataDir, 'workspace.sqlite')).toString('latin1')
    expect(fileBytes).not.toContain(SECRET)
    expect(fileBytes).toContain('local')
    if (process.platform !== 'win32') expect(statSync(join(ws.dataDir, 'secret.key')).mode & 0o777).toBe(0o600)

    // Saving without a key keeps it; an empty key removes it.
    expect(
      (await api.saveEndpoint({ id: saved.id, name: 'local', baseURL: 'http://127.0.0.1:9/v1', model: 'm2' })).hasKey,
    ).toBe(true)
    expect(
      (
        await api.saveEndpoint({
          id: saved.id,
          name: 'local',
          baseURL: 'http://127.0.0.1:9/v1',
          model: 'm2',
          apiKey: '',
        })
      ).hasKey,
    ).toBe(false)
  })

  it('rejects bad input with the field named', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    await expect(api.saveEndpoint({ name: 'x', baseURL: 'not a url', model: 'm' })).rejects.toMatchObject({
      message: expect.stringMatching(/^baseURL: /),
    })
    await expect(
      api.saveEndpoint({ name: 'x', baseURL: 'http://h/v1', model: 'm', temperature: 5 }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^temperature: /),
    })
    await api.saveEndpoint({ name: 'x', baseURL: 'http://h/v1', model: 'm' })
    await expect(api.saveEndpoint({ name: 'x', baseURL: 'http://h/v1', model: 'm' })).rejects.toMatchObject({
      code: 'conflict',
    })
    expect(await api.listEndpoints()).toHaveLength(1)
  })

  it('keeps the settings an update does not give; a new endpoint takes the defaults', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const first = await api.saveEndpoint({
      name: 'big',
      baseURL: 'http://h/v1',
      model: 'm',
      apiKey: SECRET,
      maxConcurrency: 32,
      timeoutMs: 120000,
      priceInput: 1.5,
      priceOutput: 2,
      topP: 0.9,
    })
    const updated = await api.saveEndpoint({ id: first.id, name: 'big', baseURL: 'http://h/v1', model: 'm2' })
    expect(updated).toMatchObject({
      model: 'm2',
      hasKey: true,
      maxConcurrency: 32,
      timeoutMs: 120000,
      priceInput: 1.5,
      priceOutput: 2,
      topP: 0.9,
      temperature: 0.7,
    })
    // null clears a price; a given setting replaces the stored one.
    expect(
      await api.saveEndpoint({
        id: first.id,
        name: 'big',
        baseURL: 'http://h/v1',
        model: 'm2',
        priceInput: null,
        maxConcurrency: 4,
      }),
    ).toMatchObject({
      priceInput: null,
      priceOutput: 2,
      maxConcurrency: 4,
      timeoutMs: 120000,
    })
    expect(await api.saveEndpoint({ name: 'new', baseURL: 'http://h/v1', model: 'm' })).toMatchObject({
      maxConcurrency: 8,
      timeoutMs: 60000,
      priceInput: null,
      temperature: 0.7,
      topP: 1,
      maxTokens: 1024,
    })
  })

  it('tells apart success, a wrong key, an unknown model, a wrong URL, a refused connection and a timeout', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const mock = await startMockOpenAI({ apiKey: SECRET, models: ['qwen2-7b'] })
    closers.push(mock.close)
    const good = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'qwen2-7b', apiKey: SECRET })

    expect(await api.testEndpoint({ id: good.id })).toMatchObject({ ok: true, kind: 'ok' })
    expect(mock.requests.at(-1)?.model).toBe('qwen2-7b')
    expect(
      await api.testEndpoint({ draft: { name: 'd', baseURL: mock.baseURL, model: 'qwen2-7b', apiKey: 'sk-wrong' } }),
    ).toMatchObject({
      ok: false,
      kind: 'unauthorized',
      status: 401,
    })
    // A draft of a saved endpoint may reuse its stored key.
    expect(
      await api.testEndpoint({ id: good.id, draft: { name: 'mock', baseURL: mock.baseURL, model: 'nope' } }),
    ).toMatchObject({
      kind: 'model_not_found',
      message: expect.stringContaining('"nope"'),
    })
    expect(
      await api.testEndpoint({
        id: good.id,
        draft: { name: 'mock', baseURL: mock.baseURL.replace('/v1', '/wrong'), model: 'qwen2-7b' },
      }),
    ).toMatchObject({
      kind: 'bad_url',
    })

    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const deadPort = (closed.address() as { port: number }).port
    await new Promise<void>((r) => closed.close(() => r()))
    expect(
      await api.testEndpoint({ draft: { name: 'd', baseURL: `http://127.0.0.1:${deadPort}/v1`, model: 'm' } }),
    ).toMatchObject({
      kind: 'network',
      message: expect.stringContaining('refused'),
    })

    const slow = await startMockOpenAI({ latencyMs: 3000 })
    closers.push(slow.close)
    expect(
      await api.testEndpoint({ draft: { name: 'd', baseURL: slow.baseURL, model: 'm', timeoutMs: 1000 } }),
    ).toMatchObject({ kind: 'timeout' })
  })
})
