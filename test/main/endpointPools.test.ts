import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempWorkspace, client } from '../support/workspace'
import { endpointService } from '../../src/main/llm/endpointService'
import { keyFileSecretBox } from '../../src/main/secrets/secretBox'
import { startMockOpenAI } from '../support/mockOpenAI'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const KEY = 'sk-endpoint-0a1b2c3d4e5f60718293'
const OWN = 'sk-replica-own-9f8e7d6c5b4a3210fedc'

describe('endpoint pools: stored replicas', () => {
  it('keeps replica keys sealed, shows only whether each has one, and keeps them across updates', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const api = client(app)
    const saved = await api.saveEndpoint({
      name: 'pool',
      baseURL: 'http://10.0.0.1:8000/v1',
      model: 'qwen',
      apiKey: KEY,
      maxConcurrency: 16,
      replicas: [
        { baseURL: 'http://10.0.0.2:8000/v1', maxConcurrency: 8 },
        { baseURL: 'https://provider.example/v1', maxConcurrency: 4, apiKey: OWN },
      ],
      rpm: 600,
      tpm: 200000,
      priceCachedInput: 0.1,
    })
    expect(saved).toMatchObject({
      rpm: 600,
      tpm: 200000,
      priceCachedInput: 0.1,
      replicas: [
        { baseURL: 'http://10.0.0.2:8000/v1', maxConcurrency: 8, hasKey: false },
        { baseURL: 'https://provider.example/v1', maxConcurrency: 4, hasKey: true },
      ],
    })
    const listed = JSON.stringify(await api.listEndpoints())
    expect(listed).not.toContain(OWN)
    expect(listed).not.toContain(KEY)
    app.db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = readFileSync(join(ws.dataDir, 'workspace.sqlite')).toString('latin1')
    expect(bytes).not.toContain(OWN)
    expect(bytes).toContain('provider.example')

    // The LLM layer gets each replica's own key, or the endpoint's.
    const resolve = () => endpointService(app.db, keyFileSecretBox(ws.dataDir, {})).resolve(saved.id)
    expect(resolve().replicas?.map((r) => r.apiKey)).toEqual([KEY, OWN])

    // An update that does not name replicas keeps them; naming them keeps each stored key by base URL.
    await api.saveEndpoint({ id: saved.id, name: 'pool', baseURL: 'http://10.0.0.1:8000/v1', model: 'qwen2' })
    expect(resolve().replicas?.map((r) => r.apiKey)).toEqual([KEY, OWN])
    const reordered = await api.saveEndpoint({
      id: saved.id,
      name: 'pool',
      baseURL: 'http://10.0.0.1:8000/v1',
      model: 'qwen2',
      replicas: [{ baseURL: 'https://provider.example/v1', maxConcurrency: 2 }],
    })
    expect(reordered.replicas).toEqual([{ baseURL: 'https://provider.example/v1', maxConcurrency: 2, hasKey: true }])
    expect(resolve().replicas?.map((r) => r.apiKey)).toEqual([OWN])
    // '' = use the endpoint's key again.
    await api.saveEndpoint({
      id: saved.id,
      name: 'pool',
      baseURL: 'http://10.0.0.1:8000/v1',
      model: 'qwen2',
      replicas: [{ baseURL: 'https://provider.example/v1', maxConcurrency: 2, apiKey: '' }],
    })
    expect(resolve().replicas?.map((r) => r.apiKey)).toEqual([KEY])
  })

  it('refuses a base URL twice, and a plain endpoint has no replicas and no limits', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    await expect(
      api.saveEndpoint({
        name: 'x',
        baseURL: 'http://h/v1',
        model: 'm',
        replicas: [
          { baseURL: 'http://r/v1', maxConcurrency: 2 },
          { baseURL: 'http://r/v1/', maxConcurrency: 2 },
        ],
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^replicas: each base URL/) })
    await expect(
      api.saveEndpoint({
        name: 'x',
        baseURL: 'http://h/v1',
        model: 'm',
        replicas: [{ baseURL: 'http://h/v1', maxConcurrency: 2 }],
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^replicas: /) })
    expect(await api.saveEndpoint({ name: 'plain', baseURL: 'http://h/v1', model: 'm' })).toMatchObject({
      replicas: [],
      rpm: null,
      tpm: null,
      priceCachedInput: null,
    })
  })

  it('tests every base URL with its own key, and names the one that fails', async () => {
    const main = await startMockOpenAI({ apiKey: KEY })
    const own = await startMockOpenAI({ apiKey: OWN })
    closers.push(main.close, own.close)
    ws = tempWorkspace()
    const api = client(ws.open())
    const saved = await api.saveEndpoint({
      name: 'pool',
      baseURL: main.baseURL,
      model: 'm',
      apiKey: KEY,
      replicas: [{ baseURL: own.baseURL, maxConcurrency: 2, apiKey: OWN }],
    })
    expect(await api.testEndpoint({ id: saved.id })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Connected: m answered at all 2 base URLs/),
    })
    // A draft that leaves the replica's key out uses the saved one; '' asks with the endpoint's key, which it refuses.
    const draft = {
      name: 'pool',
      baseURL: main.baseURL,
      model: 'm',
      replicas: [{ baseURL: own.baseURL, maxConcurrency: 2 }],
    }
    expect(await api.testEndpoint({ id: saved.id, draft })).toMatchObject({ ok: true })
    const shared = { ...draft, replicas: [{ baseURL: own.baseURL, maxConcurrency: 2, apiKey: '' }] }
    expect(await api.testEndpoint({ id: saved.id, draft: shared })).toMatchObject({
      ok: false,
      kind: 'unauthorized',
      message: expect.stringMatching(
        new RegExp(`^${own.baseURL.replace(/[.]/g, '\\.')}: The server refused the API key`),
      ),
    })
  })
})
