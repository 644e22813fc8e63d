import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { LOCAL_BASE_URL } from '@shared/endpoint'
import { ensureTinyGguf } from '../../scripts/tinyGguf'
import { createLlmGateway, LlmCallError } from '../../src/main/llm/gateway'
import { endpointService } from '../../src/main/llm/endpointService'
import { localModelFetch, unloadLocalModels } from '../../src/main/llm/localModel'
import { keyFileSecretBox } from '../../src/main/secrets/secretBox'
import { client, tempWorkspace } from '../support/workspace'
import { ask, tempCallLog, until } from './fixtures'

// The tiny random-weight GGUF written by scripts/tinyGguf.ts: no network, no key, no download.
let modelPath: string
let scratch: string
beforeAll(() => {
  modelPath = ensureTinyGguf()
  scratch = mkdtempSync(join(tmpdir(), 'simpsy-local-'))
})
afterAll(async () => {
  await unloadLocalModels()
  rmSync(scratch, { recursive: true, force: true })
})

let log: ReturnType<typeof tempCallLog>
afterEach(() => log?.cleanup())

/** One CPU thread: the suite shares two cores. */
const LOCAL = { contextSize: 1024, threads: 1, gpuLayers: 0 }

function localSetup(over: { modelPath?: string; maxTokens?: number } = {}) {
  log = tempCallLog()
  const endpoints = endpointService(log.db, keyFileSecretBox(scratch, {}))
  const saved = endpoints.save({
    kind: 'local',
    name: 'tiny local',
    baseURL: LOCAL_BASE_URL,
    model: 'tiny',
    local: { modelPath: over.modelPath ?? modelPath, ...LOCAL },
    maxTokens: over.maxTokens ?? 24,
  })
  const gateway = createLlmGateway({ calls: log.repo })
  return { saved, endpoint: endpoints.resolve(saved.id), gateway }
}

describe('local model endpoint (node-llama-cpp, tiny GGUF)', () => {
  it('answers a chat completion through the gateway, streamed, with usage and a call log row', async () => {
    const { saved, endpoint, gateway } = localSetup()
    // Stored as a local endpoint: one request at a time by default, no base URL of its own.
    expect(saved).toMatchObject({ kind: 'local', maxConcurrency: 1, baseURL: LOCAL_BASE_URL, stream: true })
    expect(saved.local).toEqual({ modelPath, ...LOCAL })

    const result = await gateway.chat({
      endpoint,
      messages: [{ role: 'system', content: 'You are a client.' }, ...ask('How was your week? 这周怎么样？')],
      purpose: 'client',
    })
    expect(result.content.length).toBeGreaterThan(0)
    expect(result.finishReason).toBe('length')
    expect(result.completionTokens).toBe(24)
    expect(result.promptTokens).toBeGreaterThan(10)
    expect(result.replica).toBe(LOCAL_BASE_URL)
    const rows = log.rows()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ purpose: 'client', endpoint_id: saved.id, response: result.content, error: null })
  })

  it('streams chunk by chunk, and a cancelled request stops mid-reply and frees the model for the next', async () => {
    const target = { modelPath, ...LOCAL, sequences: 1 }
    const sdk = new OpenAI({ baseURL: LOCAL_BASE_URL, apiKey: 'local', fetch: localModelFetch(target) })
    const controller = new AbortController()
    const stream = await sdk.chat.completions.create(
      { model: 'tiny', messages: ask('hello'), max_tokens: 400, stream: true },
      { signal: controller.signal },
    )
    const pieces: string[] = []
    let finish: string | null = null
    // The SDK ends an aborted stream quietly: the reply simply stops, unfinished.
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content
      if (text) pieces.push(text)
      finish ??= chunk.choices[0]?.finish_reason ?? null
      if (pieces.length === 3) controller.abort()
    }
    expect(finish).toBeNull()
    expect(pieces.length).toBeGreaterThanOrEqual(3)
    expect(pieces.length).toBeLessThan(400)

    // The one sequence is free again: the next request is answered in full.
    const next = await sdk.chat.completions.create({ model: 'tiny', messages: ask('again'), max_tokens: 5 })
    expect(next.choices[0].finish_reason).toBe('length')
    expect(next.usage?.completion_tokens).toBe(5)
  })

  it('cancels a gateway call mid-reply: the call fails as cancelled, within its concurrency of one', async () => {
    const { endpoint, gateway } = localSetup({ maxTokens: 2000 })
    const controller = new AbortController()
    const first = gateway.chat({ endpoint, messages: ask('talk a lot'), purpose: 'client', signal: controller.signal })
    const second = gateway.chat({ endpoint, messages: ask('short'), purpose: 'client', maxTokens: 3 })
    await until(() => gateway.inFlight(endpoint.id) === 1)
    // Only one at a time: the second waits for the first's slot.
    expect(gateway.inFlight(endpoint.id)).toBe(1)
    controller.abort()
    const error = await first.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LlmCallError)
    expect((error as LlmCallError).kind).toBe('cancelled')
    await expect(second).resolves.toMatchObject({ completionTokens: 3 })
  })

  it('says which file is wrong: a missing path and a file that is no GGUF fail at once, without retries', async () => {
    const missing = join(scratch, 'nowhere.gguf')
    const { endpoint, gateway } = localSetup({ modelPath: missing })
    const error = (await gateway.chat({ endpoint, messages: ask('hi'), purpose: 'client' }).catch((e) => e)) as Error
    expect(error).toBeInstanceOf(LlmCallError)
    expect(error.message).toContain(`${missing} does not exist`)
    expect((error as LlmCallError).attempts).toBe(1)
    log.cleanup()

    const junk = join(scratch, 'junk.gguf')
    writeFileSync(junk, 'this is not a model')
    const bad = localSetup({ modelPath: junk })
    const junkError = (await bad.gateway
      .chat({ endpoint: bad.endpoint, messages: ask('hi'), purpose: 'client' })
      .catch((e) => e)) as LlmCallError
    expect(junkError.message).toContain(`${junk} could not be loaded as a GGUF model`)
    expect(junkError.attempts).toBe(1)
  })
})

describe('local endpoints through the API', () => {
  let ws: ReturnType<typeof tempWorkspace>
  afterEach(async () => ws?.cleanup())

  it('saves a local endpoint, checks it by loading the model, and refuses one without a model file', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const draft = { kind: 'local' as const, name: 'offline', baseURL: LOCAL_BASE_URL, model: 'tiny' }
    await expect(api.saveEndpoint(draft)).rejects.toThrow(/needs a model file/)
    await expect(api.saveEndpoint({ ...draft, local: { ...LOCAL, modelPath: '/tmp/model.bin' } })).rejects.toThrow(
      /\.gguf/,
    )
    expect(await api.listEndpoints()).toEqual([])
    const saved = await api.saveEndpoint({ ...draft, local: { modelPath, ...LOCAL } })
    const check = await api.testEndpoint({ id: saved.id })
    expect(check).toMatchObject({ ok: true, kind: 'ok' })
    const broken = await api.testEndpoint({
      draft: { ...draft, local: { ...LOCAL, modelPath: join(scratch, 'gone.gguf') } },
    })
    expect(broken.ok).toBe(false)
    expect(broken.message).toContain('gone.gguf does not exist')
  })
})
