import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { env } from '@huggingface/transformers'
import { resolve } from 'node:path'
import type { EvaluationSummary } from '@shared/evaluation'
import type { App } from '../../src/main/app'
import { openDatabase } from '../../src/main/db/connection'
import { embeddingCacheRepo } from '../../src/main/db/embeddingCacheRepo'
import { llmCallRepo } from '../../src/main/db/llmCallRepo'
import { planBatches } from '../../src/main/evaluation/embeddingBatches'
import { embedWithCache, type EmbedProgress } from '../../src/main/evaluation/embeddingCache'
import { createEmbedder, gpuProviders, type Embedder } from '../../src/main/evaluation/embeddings'
import { createEndpointEmbedder } from '../../src/main/evaluation/endpointEmbedder'
import type { EndpointSecret } from '../../src/main/llm/endpointService'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { mockEmbedding, startMockOpenAI } from '../support/mockOpenAI'
import { client, tempWorkspace } from '../support/workspace'
import { sessionsJsonl } from '../support/sessionsFixture'

const MODEL = resolve(import.meta.dirname, '../fixtures/models/tiny-bert')
const b64 = (text: string) => Buffer.from(text).toString('base64')
const local = (extra: Partial<Parameters<typeof createEmbedder>[0]> = {}) =>
  createEmbedder({
    model: MODEL,
    modelsDir: '/nonexistent-models',
    pooling: 'cls',
    normalize: true,
    maxTokens: 16,
    quantized: false,
    ...extra,
  })

describe('batches under a token budget', () => {
  const counts = [5, 300, 40, 2048, 8192, 41, 7, 512, 512, 1]
  it('puts every text in exactly one batch, longest first, within the budget', () => {
    const budget = { tokens: 4096, attentionCells: 2048 * 2048, rows: 4 }
    const batches = planBatches(counts, budget)
    expect(batches.flat().sort((a, b) => a - b)).toEqual(counts.map((_, i) => i))
    const order = batches.flat().map((i) => counts[i])
    expect(order).toEqual([...order].sort((a, b) => b - a))
    for (const batch of batches) {
      const padded = counts[batch[0]]
      expect(batch.length).toBeLessThanOrEqual(4)
      // A text over the budget on its own gets a batch of one.
      if (batch.length > 1) {
        expect(batch.length * padded).toBeLessThanOrEqual(4096)
        expect(batch.length * padded * padded).toBeLessThanOrEqual(2048 * 2048)
      }
    }
    expect(batches[0]).toEqual([4])
    expect(batches[1]).toEqual([3])
  })

  it('long texts go alone under the default budget; short ones share a call, not a long one’s padding', () => {
    const batches = planBatches([8192, 8192, 2048, 2048, 2048, 2048, 2048, 30, 30, 30])
    expect(batches.map((b) => b.length)).toEqual([1, 1, 2, 2, 1, 3])
  })
})

describe('local model in a worker thread', () => {
  let embedder: Embedder
  beforeAll(async () => {
    embedder = await local()
  })
  afterAll(() => embedder.dispose())

  it('loads in its own thread: this thread’s transformers.js settings are untouched', async () => {
    expect(env.localModelPath).not.toBe('/nonexistent-models')
    expect(embedder.backend).toBe('local')
    expect(embedder.device).toBe('cpu')
    expect(embedder.fallback).toBeNull()
  })

  it('reports each text cut at maxTokens and the progress of each model call', async () => {
    const long = 'i feel tired every day and every night because my job and my boss and my rent and my dog'
    const texts = ['我很孤独', long, 'short', `${long} again`]
    const cut: number[] = []
    const batches: number[] = []
    const vectors = await embedder.embed(texts, { onTruncated: (i) => cut.push(i), onBatch: (n) => batches.push(n) })
    expect(cut.sort()).toEqual([1, 3])
    expect(batches.reduce((a, b) => a + b, 0)).toBe(4)
    expect(vectors).toHaveLength(4)
    // Cut at 16 tokens, the two long texts read the same.
    expect(vectors[1]).toEqual(vectors[3])
  })

  it('counts texts cut at the model’s own limit when it is below maxTokens', async () => {
    // The fixture's tokenizer reads at most 512 tokens; maxTokens allows 8,192.
    const e = await local({ maxTokens: 8192 })
    try {
      expect(e.maxTokens).toBe(512)
      const cut: number[] = []
      await e.embed(['exams '.repeat(600), 'exams '.repeat(100)], { onTruncated: (i) => cut.push(i) })
      expect(cut).toEqual([0])
    } finally {
      await e.dispose()
    }
  })

  it('a cancelled pass stops without waiting for the rest, and closing ends the thread', async () => {
    const e = await local({ budget: { rows: 1 } })
    const controller = new AbortController()
    const texts = Array.from({ length: 200 }, (_, i) => `第${i}天 我很焦虑`)
    let batches = 0
    const pass = e.embed(texts, { signal: controller.signal, onBatch: () => ++batches === 3 && controller.abort() })
    await expect(pass).rejects.toThrow(/abort/i)
    expect(batches).toBe(3)
    await e.dispose()
    await expect(e.embed(['我很孤独'])).rejects.toThrow()
  })

  it('counts truncated texts across the cache: a second pass reads the flags it stored', async () => {
    const db = openDatabase(':memory:')
    try {
      const cache = embeddingCacheRepo(db)
      const long = 'my exams and my grades and my teacher and my class and my school make me anxious every night'
      const texts = [long, 'i feel lonely', long, `${long} too`]
      const first = await embedWithCache(embedder, cache, texts)
      expect(first).toMatchObject({ truncated: 2, truncationUnknown: 0 })
      let calls = 0
      const counting = { ...embedder, embed: (t: string[]) => (calls++, embedder.embed(t)) }
      const second = await embedWithCache(counting, cache, texts)
      expect(calls).toBe(0)
      expect(second).toMatchObject({ truncated: 2, truncationUnknown: 0 })
      expect(second.vectors).toEqual(first.vectors)
    } finally {
      db.close()
    }
  })

  it('progress gives texts per second and the time left, from the clock it is given', async () => {
    const db = openDatabase(':memory:')
    try {
      let clock = 0
      // Each model call takes 2 s of this clock.
      const slow = {
        key: 'slow',
        embed: async (texts: string[], hooks: Parameters<Embedder['embed']>[1] = {}) => {
          const out: Float32Array[] = []
          for (const t of texts) {
            clock += 2000
            out.push(new Float32Array([t.length, 1]))
            hooks.onBatch?.(1)
          }
          return out
        },
      }
      const seen: EmbedProgress[] = []
      await embedWithCache(slow, embeddingCacheRepo(db), ['a', 'bb', 'ccc', 'dddd'], {
        now: () => clock,
        onProgress: (p) => seen.push(p),
      })
      expect(seen[0]).toMatchObject({ done: 0, total: 4, perSecond: null, etaSeconds: null })
      const afterOne = seen.find((p) => p.done === 1)!
      expect(afterOne.perSecond).toBeCloseTo(0.5)
      expect(afterOne.etaSeconds).toBeCloseTo(6)
      expect(seen.at(-1)).toMatchObject({ done: 4, etaSeconds: 0 })
    } finally {
      db.close()
    }
  })
})

describe('GPU selection', () => {
  it('asks for the providers onnxruntime-node offers on each platform, native first, WebGPU next', () => {
    expect(gpuProviders('win32', 'x64')).toEqual(['dml', 'webgpu'])
    expect(gpuProviders('darwin', 'arm64')).toEqual(['coreml', 'webgpu'])
    expect(gpuProviders('linux', 'x64')).toEqual(['cuda', 'webgpu'])
    expect(gpuProviders('linux', 'arm64')).toEqual(['webgpu'])
  })

  it('without a GPU it runs on the CPU, says why, and gives the CPU’s vectors', async () => {
    const gpu = await local({ device: 'gpu' })
    const cpu = await local()
    try {
      expect(gpu.device).toBe('cpu')
      for (const provider of gpuProviders()) expect(gpu.fallback).toContain(`${provider}:`)
      expect(gpu.key).toBe(cpu.key)
      expect(await gpu.embed(['我很孤独'])).toEqual(await cpu.embed(['我很孤独']))
    } finally {
      await gpu.dispose()
      await cpu.dispose()
    }
  })
})

describe('embeddings endpoint (/v1/embeddings through the gateway)', () => {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
  })
  const endpointOf = (baseURL: string, extra: Partial<EndpointSecret> = {}) =>
    ({
      id: 'emb-1',
      name: 'tei',
      baseURL,
      model: 'bge-m3',
      apiKey: 'k',
      maxConcurrency: 2,
      timeoutMs: 10_000,
      priceInput: 0.02,
      priceOutput: null,
      ...extra,
    }) as unknown as EndpointSecret

  it('batches texts, keeps their order, normalizes, retries a 503, and logs each call with its usage', async () => {
    const mock = await startMockOpenAI({ embeddingFault: (_r, i) => (i === 2 ? { status: 503 } : null) })
    closers.push(mock.close)
    const db = openDatabase(':memory:')
    closers.push(async () => void db.close())
    const calls = llmCallRepo(db)
    const gateway = createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 } })
    const e = await createEndpointEmbedder(gateway, endpointOf(mock.baseURL), { normalize: true, batchSize: 3 })
    expect(e.dim).toBe(64)
    const texts = Array.from({ length: 10 }, (_, i) => `text number ${i} about exams ${'and grades '.repeat(i)}`)
    const batches: number[] = []
    const vectors = await e.embed(texts, { onBatch: (n) => batches.push(n) })
    expect(batches.sort()).toEqual([1, 3, 3, 3])
    texts.forEach((t, i) => {
      const raw = mockEmbedding(t)
      const norm = Math.hypot(...raw)
      raw.forEach((x, d) => expect(vectors[i][d]).toBeCloseTo(x / norm, 5))
    })
    // The probe, four batches, and the retried one.
    expect(mock.embeddings).toHaveLength(6)
    expect(mock.embeddings.slice(1).every((r) => r.encoding_format === 'float' && r.model === 'bge-m3')).toBe(true)
    expect(mock.stats.maxActive).toBeLessThanOrEqual(2)
    calls.flush()
    const logged = db.prepare("SELECT request, error_kind, prompt_tokens FROM llm_calls WHERE purpose = 'embedding'")
    const rows = logged.all() as { request: string; error_kind: string | null; prompt_tokens: number | null }[]
    expect(rows).toHaveLength(6)
    expect(rows.filter((r) => r.error_kind !== null)).toHaveLength(1)
    expect(rows.every((r) => !r.request.includes('exams'))).toBe(true)
    expect(rows.find((r) => r.error_kind === null && r.prompt_tokens! > 0)).toBeTruthy()
  })

  it('a refused request fails the pass and withdraws the requests still waiting for a slot', async () => {
    const mock = await startMockOpenAI({ embeddingFault: (_r, i) => (i === 1 ? { status: 400 } : null) })
    closers.push(mock.close)
    const gateway = createLlmGateway({ calls: null })
    const e = await createEndpointEmbedder(gateway, endpointOf(mock.baseURL, { maxConcurrency: 1 } as never), {
      normalize: true,
      batchSize: 1,
    })
    const texts = Array.from({ length: 20 }, (_, i) => `text ${i}`)
    await expect(e.embed(texts)).rejects.toThrow(/400/)
    // A later request waits behind any still queued for the one slot: once it is answered, none of them was sent.
    await e.embed(['later'])
    expect(mock.embeddings.map((r) => r.input)).toEqual([['dimension probe'], ['text 0'], ['later']])
  })

  it('names the endpoint and its model in the cache key: endpoint and local vectors never mix', async () => {
    const mock = await startMockOpenAI()
    closers.push(mock.close)
    const gateway = createLlmGateway({ calls: null })
    const a = await createEndpointEmbedder(gateway, endpointOf(mock.baseURL), { normalize: true })
    const b = await createEndpointEmbedder(gateway, endpointOf(mock.baseURL, { model: 'other' }), { normalize: true })
    const l = await local()
    await l.dispose()
    expect(new Set([a.key, b.key, l.key]).size).toBe(3)
    expect(a.key).toContain(mock.baseURL)
    expect(a.key).toContain('bge-m3')
    expect(a.countsTruncation).toBe(false)
  })

  it('a malformed answer (wrong number of vectors) is an error, not a silent misalignment', async () => {
    const { readEmbeddings } = await import('../../src/main/llm/attempt')
    expect(() => readEmbeddings({ data: [{ index: 0, embedding: [1, 2] }] }, 2)).toThrow(/1 vectors for 2 inputs/)
    expect(() =>
      readEmbeddings(
        {
          data: [
            { index: 0, embedding: [1, 2] },
            { index: 1, embedding: [1] },
          ],
        },
        2,
      ),
    ).toThrow(/differ in length/)
  })
})

describe('the embedding analysis', () => {
  let ws: ReturnType<typeof tempWorkspace>
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    await ws?.cleanup()
    for (const close of closers.splice(0)) await close()
  })
  async function setup() {
    ws = tempWorkspace({ gateway: (calls) => createLlmGateway({ calls }) })
    const app = ws.open()
    const api = client(app)
    return { app, api }
  }
  const finished = async (app: App, api: ReturnType<typeof client>, started: EvaluationSummary) => {
    await app.evaluations.waitFor(started.id)
    return api.getEvaluation({ id: started.id })
  }

  it('with an endpoint: completes, records the backend and that truncation is not known, caches by endpoint', async () => {
    const { app, api } = await setup()
    const mock = await startMockOpenAI()
    closers.push(mock.close)
    const { datasetId } = await api.importDataset({
      fileName: 's.jsonl',
      contentBase64: b64(sessionsJsonl()),
      format: 'jsonl',
    })
    const endpoint = await api.saveEndpoint({ name: 'tei', baseURL: mock.baseURL, model: 'bge-m3', maxConcurrency: 4 })
    const config = { backend: 'endpoint' as const, endpointId: endpoint.id, batchSize: 2 }
    const first = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId!], config }),
    )
    expect(first.status, first.error ?? '').toBe('completed')
    const result = first.result!.kind === 'embedding' ? first.result! : null
    expect(result!.run).toMatchObject({ backend: 'endpoint', model: 'bge-m3', truncated: 0, cardSource: 'role-card' })
    expect(result!.run!.truncationUnknown).toBe(result!.run!.texts)
    expect(result!.datasets[0].comparison.a.mean).toBeGreaterThan(result!.datasets[0].comparison.b.mean)
    const requests = mock.embeddings.length
    const again = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId!], config }),
    )
    expect(again.result).toEqual(first.result)
    // Only the probe: every text came from the cache.
    expect(mock.embeddings.length).toBe(requests + 1)
    await expect(
      api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId!], config: { backend: 'endpoint' } }),
    ).rejects.toThrow(/choose the embeddings endpoint/)
  })

  it('reports texts/s and the time left while it runs, and no speed once it is done', async () => {
    const { app, api } = await setup()
    const mock = await startMockOpenAI({ latencyMs: 150 })
    closers.push(mock.close)
    const { datasetId } = await api.importDataset({
      fileName: 's.jsonl',
      contentBase64: b64(sessionsJsonl()),
      format: 'jsonl',
    })
    const endpoint = await api.saveEndpoint({ name: 'slow', baseURL: mock.baseURL, model: 'bge-m3', maxConcurrency: 1 })
    const rates: { perSecond: number | null; etaSeconds: number | null }[] = []
    const stop = app.events.subscribe((event) => {
      if (event.name !== 'evaluation.progress') return
      const rate = (event.payload as EvaluationSummary).progress.rate
      if (rate) rates.push(rate)
    })
    try {
      const config = { backend: 'endpoint' as const, endpointId: endpoint.id, batchSize: 1 }
      const done = await finished(
        app,
        api,
        await api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId!], config }),
      )
      expect(done.status, done.error ?? '').toBe('completed')
      expect(done.progress.rate).toBeUndefined()
      const known = rates.filter((r) => r.perSecond !== null)
      expect(known.length).toBeGreaterThan(0)
      expect(known.every((r) => r.perSecond! > 0 && r.etaSeconds! >= 0)).toBe(true)
    } finally {
      stop()
    }
  })

  it('local: counts the texts cut at maxTokens in the result', async () => {
    const { app, api } = await setup()
    const { datasetId } = await api.importDataset({
      fileName: 's.jsonl',
      contentBase64: b64(sessionsJsonl()),
      format: 'jsonl',
    })
    const config = { model: MODEL, maxTokens: 16 }
    const done = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId!], config }),
    )
    expect(done.status, done.error ?? '').toBe('completed')
    const run = done.result!.kind === 'embedding' ? done.result!.run! : null
    expect(run!.truncated).toBeGreaterThan(0)
    expect(run!.truncated).toBeLessThanOrEqual(run!.texts)
    expect(run!).toMatchObject({ backend: 'local', device: 'cpu', truncationUnknown: 0 })
    const wide = await finished(
      app,
      api,
      await api.startEvaluation({
        kind: 'embedding',
        datasetIds: [datasetId!],
        config: { model: MODEL, maxTokens: 512 },
      }),
    )
    expect(wide.result!.kind === 'embedding' && wide.result!.run!.truncated).toBe(0)
  })

  it('a corpus without role cards fails at once saying how; the first client turn can stand in, labelled', async () => {
    const { app, api } = await setup()
    const smile = [1, 2, 3].map((i) =>
      JSON.stringify({
        id: `s${i}`,
        messages: [
          { role: 'client', content: `我最近工作压力很大 ${i}` },
          { role: 'counselor', content: '能多说一些吗？' },
          { role: 'client', content: `领导总是让我加班 ${i}` },
          { role: 'counselor', content: '听起来很辛苦。' },
        ],
      }),
    )
    const { datasetId } = await api.importDataset({
      fileName: 'smile.jsonl',
      contentBase64: b64(smile.join('\n')),
      format: 'smile',
    })
    const before = (await api.listEvaluations()).length
    await expect(
      api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId!], config: { model: MODEL } }),
    ).rejects.toThrow(/has 0 of 3 dialogues with a role card.*first-client-turn/)
    expect((await api.listEvaluations()).length).toBe(before)

    const proxy = await finished(
      app,
      api,
      await api.startEvaluation({
        kind: 'embedding',
        datasetIds: [datasetId!],
        config: { model: MODEL, cardSource: 'first-client-turn' },
      }),
    )
    expect(proxy.status, proxy.error ?? '').toBe('completed')
    const result = proxy.result!.kind === 'embedding' ? proxy.result! : null
    expect(result!.run!.cardSource).toBe('first-client-turn')
    expect(result!.datasets[0].mapping).toHaveLength(3)
  })

  it('attaches workspace role cards by an id field of imported dialogues, and says so when none match', async () => {
    const { app, api } = await setup()
    const problems = ['工作压力 加班 领导', '失眠 焦虑 考试', '婚姻 吵架 沟通']
    const cardIds: string[] = []
    for (const [i, body] of problems.entries())
      cardIds.push((await api.createRoleCard({ language: 'zh', name: `C${i}`, complaint: { body } })).id)
    const smile = [...cardIds, 'no-such-card'].map((id, i) =>
      JSON.stringify({
        id,
        messages: [
          { role: 'client', content: `我最近工作压力很大 ${i}` },
          { role: 'counselor', content: '能多说一些吗？' },
        ],
      }),
    )
    const { datasetId } = await api.importDataset({
      fileName: 'smile.jsonl',
      contentBase64: b64(smile.join('\n')),
      format: 'smile',
    })
    const config = { model: MODEL, cardSource: 'card-by-id' as const }
    const done = await finished(
      app,
      api,
      await api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId!], config }),
    )
    expect(done.status, done.error ?? '').toBe('completed')
    const result = done.result!.kind === 'embedding' ? done.result! : null
    expect(result!.datasets[0].mapping).toHaveLength(3)
    expect(result!.datasets[0].skipped).toBe(1)
    expect(result!.run!.cardSource).toBe('card-by-id')

    const wrong = await finished(
      app,
      api,
      await api.startEvaluation({
        kind: 'embedding',
        datasetIds: [datasetId!],
        config: { ...config, cardIdField: 'title' },
      }),
    )
    expect(wrong.status).toBe('failed')
    expect(wrong.error).toMatch(/only 0 dialogues have a "title" that is the id of a role card/)
  })
})
