import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { env } from '@huggingface/transformers'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  checkModelFolder,
  createEmbedder,
  type Embedder,
  type EmbedderOptions,
} from '../../src/main/evaluation/embeddings'
import { embedWithCache, textHash } from '../../src/main/evaluation/embeddingCache'
import { cosineSimilarity } from '../../src/main/evaluation/cosine'
import { openDatabase } from '../../src/main/db/connection'
import { embeddingCacheRepo } from '../../src/main/db/embeddingCacheRepo'

const MODEL = resolve(import.meta.dirname, '../fixtures/models/tiny-bert')
const HIDDEN = JSON.parse(readFileSync(join(MODEL, 'config.json'), 'utf8')).hidden_size as number

// Every fetch transformers.js or anything else makes goes through this guard: loopback
// (the fake hub below) is let through, anything else is recorded and refused.
const realFetch = globalThis.fetch
const realEnv = { fetch: env.fetch, remoteHost: env.remoteHost, allowRemoteModels: env.allowRemoteModels }
// The model runs in a worker thread (its own fetch); tests that watch this thread's fetch say thread: 'here'.
const outside: string[] = []
const loopback: string[] = []
const guard = async (input: string | URL | Request, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input)
  if (new URL(url).hostname === '127.0.0.1') {
    loopback.push(url)
    return realFetch(input, init)
  }
  outside.push(url)
  throw new TypeError(`fetch failed: the network is off in tests (${url})`)
}

let work: string
const options = (extra: Partial<EmbedderOptions> = {}): EmbedderOptions => ({
  model: MODEL,
  modelsDir: join(work, 'models'),
  pooling: 'cls',
  normalize: true,
  maxTokens: 512,
  quantized: false,
  ...extra,
})
const embedders = new Map<string, Promise<Embedder>>()
/** One loaded embedder per option set: loading is the slow part. */
const embedder = (extra: Partial<EmbedderOptions> = {}) => {
  const key = JSON.stringify(extra)
  if (!embedders.has(key)) embedders.set(key, createEmbedder(options(extra)))
  return embedders.get(key)!
}
const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0))

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'simpsy-embeddings-'))
  env.allowRemoteModels = false
  env.fetch = guard
  globalThis.fetch = guard as typeof fetch
})

afterAll(async () => {
  for (const e of embedders.values()) await (await e).dispose()
  Object.assign(env, realEnv)
  globalThis.fetch = realFetch
  rmSync(work, { recursive: true, force: true })
})

describe('local embedding model (tiny BERT fixture, offline)', () => {
  it('embeds Chinese and English texts into unit vectors of the model dimension', async () => {
    const e = await embedder()
    expect(env.allowRemoteModels).toBe(false)
    expect(e.modelId).toBe(MODEL)
    expect(e.dim).toBe(HIDDEN)
    const vectors = await e.embed(['我最近工作压力很大，晚上睡不着。', 'I feel anxious about my exams.', ''])
    expect(vectors).toHaveLength(3)
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array)
      expect(v.length).toBe(HIDDEN)
      expect(norm(v)).toBeCloseTo(1, 5)
    }
    expect(await e.embed([])).toEqual([])
  })

  it('is deterministic across calls and across loads', async () => {
    const texts = ['我和妈妈经常吵架', 'My boss gives me too many deadlines']
    const first = await (await embedder()).embed(texts)
    const again = await (await embedder()).embed(texts)
    const other = await createEmbedder(options())
    try {
      const reloaded = await other.embed(texts)
      expect(again).toEqual(first)
      expect(reloaded).toEqual(first)
    } finally {
      await other.dispose()
    }
  })

  it('keeps the input order while batching and sorting by length', async () => {
    const e = await createEmbedder(options({ budget: { rows: 3 } }))
    try {
      const texts = Array.from({ length: 10 }, (_, i) => '我很焦虑'.repeat((i * 7) % 5) + `第${i}天`)
      const batched = await e.embed(texts)
      for (let i = 0; i < texts.length; i++) {
        const [alone] = await e.embed([texts[i]])
        for (let d = 0; d < HIDDEN; d++) expect(batched[i][d]).toBeCloseTo(alone[d], 5)
      }
    } finally {
      await e.dispose()
    }
  })

  it('without normalize the vectors are not unit length', async () => {
    const e = await embedder({ normalize: false })
    const [v] = await e.embed(['我最近工作压力很大'])
    expect(Math.abs(norm(v) - 1)).toBeGreaterThan(0.01)
  })

  it('CLS and mean pooling give different vectors', async () => {
    const text = ['我最近工作压力很大，晚上睡不着。']
    const [cls] = await (await embedder()).embed(text)
    const [mean] = await (await embedder({ pooling: 'mean' })).embed(text)
    expect(cosineSimilarity(cls, mean)).toBeLessThan(0.999)
  })

  it('quantized loads onnx/model_quantized.onnx: close to, not equal to, full precision', async () => {
    const text = ['我和妈妈经常吵架，我很伤心']
    const [full] = await (await embedder()).embed(text)
    const [q8] = await (await embedder({ quantized: true })).embed(text)
    expect(q8).not.toEqual(full)
    expect(cosineSimilarity(full, q8)).toBeGreaterThan(0.98)
  })

  it('truncates texts to maxTokens', async () => {
    const head = 'i feel tired every day and every night because my job and my boss and my rent'
    const texts = [`${head} and my dog`, `${head} but music and garden help`]
    const [a, b] = await (await embedder({ maxTokens: 16 })).embed(texts)
    expect(a).toEqual(b)
    const [c, d] = await (await embedder()).embed(texts)
    expect(c).not.toEqual(d)
  })

  it('texts that share words are more similar than unrelated texts', async () => {
    const [a, b, c] = await (
      await embedder()
    ).embed(['I feel anxious about my exams', 'my exams make me anxious', 'the dog likes music in the garden'])
    expect(cosineSimilarity(a, b)).toBeGreaterThan(cosineSimilarity(a, c))
  })

  it('a client built from its own card is closer to that card than to a random other card (mapping > random)', async () => {
    const cards = [
      ['考试', '成绩', '排名', '学校', '老师', '同学'],
      ['工作', '加班', '领导', '同事', '薪水', '辞职'],
      ['丈夫', '妻子', '婚姻', '吵架', '离婚', '沟通'],
      ['父母', '孩子', '妈妈', '爸爸', '家庭', '照顾'],
      ['失眠', '睡眠', '晚上', '疲惫', '头疼', '休息'],
      ['恋爱', '分手', '男朋友', '伤心', '怀念', '背叛'],
      ['网络', '手机', '游戏', '视频', '宿舍', '室友'],
      ['身体', '健康', '医生', '药', '治疗', '住院'],
      ['钱', '房租', '买房', '搬家', '城市', '农村'],
      ['孤独', '朋友', '自卑', '自信', '尊重', '价值'],
    ]
    const cardTexts = cards.map((words) => `来访者档案：主要问题是${words.join('、')}。`)
    const clientTexts = cards.map(
      (words) => `咨询师你好，我最近总是想到${words.slice(0, 4).join('和')}，还有${words[5]}的事，感觉很难过。`,
    )
    const e = await embedder()
    const cardVectors = await e.embed(cardTexts)
    const clientVectors = await e.embed(clientTexts)
    const other = derangement(cards.length, 42)
    const mapping = clientVectors.map((v, i) => cosineSimilarity(v, cardVectors[i]))
    const random = clientVectors.map((v, i) => cosineSimilarity(v, cardVectors[other[i]]))
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
    expect(mean(mapping)).toBeGreaterThan(mean(random) + 0.05)
    expect(mapping.filter((m, i) => m > random[i]).length).toBeGreaterThanOrEqual(9)
  })

  it('reports loading progress per file', async () => {
    const seen: { file: string; loaded: number; total: number }[] = []
    const e = await createEmbedder(options({ onProgress: (p) => seen.push(p) }))
    await e.dispose()
    const files = new Set(seen.map((p) => p.file))
    expect(files).toContain('onnx/model.onnx')
    expect(files).toContain('tokenizer.json')
    const last = seen.filter((p) => p.file === 'onnx/model.onnx').at(-1)!
    expect(last.loaded).toBe(last.total)
  })
})

describe('model errors', () => {
  it('a missing model folder names the path', async () => {
    const missing = join(work, 'no-such-model')
    await expect(createEmbedder(options({ model: missing }))).rejects.toThrow(`${missing} does not exist`)
  })

  it('an incomplete folder names the missing file', async () => {
    const partial = join(work, 'partial')
    cpSync(MODEL, partial, { recursive: true })
    rmSync(join(partial, 'tokenizer.json'))
    await expect(createEmbedder(options({ model: partial }))).rejects.toThrow(join(partial, 'tokenizer.json'))
    const noQuantized = join(work, 'no-quantized')
    cpSync(MODEL, noQuantized, { recursive: true })
    rmSync(join(noQuantized, 'onnx', 'model_quantized.onnx'))
    await expect(createEmbedder(options({ model: noQuantized, quantized: true }))).rejects.toThrow(
      /model_quantized\.onnx is missing.*quantized/,
    )
  })

  it('a model that is neither a hub id nor an absolute path is refused', async () => {
    await expect(createEmbedder(options({ model: 'models/../bge m3' }))).rejects.toThrow(
      /neither a model hub id.*nor the absolute path/,
    )
  })

  it('a hub id that is not downloaded, with downloads off, says where it looked', async () => {
    const error = createEmbedder(options({ model: 'BAAI/bge-m3', localOnly: true }))
    await expect(error).rejects.toThrow(join(work, 'models', 'BAAI', 'bge-m3'))
    await expect(error).rejects.toThrow(/downloads are turned off/)
  })

  it('an unreachable hub gives the offline advice', async () => {
    const closed = await closedPort()
    await expect(
      createEmbedder(options({ model: 'simpsy/unreachable-model', hubHost: `http://127.0.0.1:${closed}/` })),
    ).rejects.toThrow(
      /cannot reach the model hub: download the model on another machine and set the local folder in Settings/i,
    )
  })
})

describe('hub ids', () => {
  let hub: Server
  let hubHost: string
  const served: string[] = []
  const EXTERNAL = resolve(import.meta.dirname, '../fixtures/models/tiny-bert-external')
  beforeAll(async () => {
    // A stand-in for the hub on loopback: simpsy/tiny-bert (weights inside model.onnx) and simpsy/tiny-bert-external
    // (bge-m3's layout: model.onnx + model.onnx_data, and a config that does not declare it). HEAD answers too.
    const folders: Record<string, string> = { 'tiny-bert': MODEL, 'tiny-bert-external': EXTERNAL }
    hub = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname)
      const match = /^\/simpsy\/([\w-]+)\/resolve\/main\/(.+)$/.exec(path)
      const folder = match && folders[match[1]]
      const file = folder && join(folder, match[2])
      if (!file || !file.startsWith(folder) || !existsSync(file)) {
        res.writeHead(404).end()
        return
      }
      const body = readFileSync(file)
      res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' })
      if (req.method === 'HEAD') return res.end()
      served.push(`${match[1]}/${match[2]}`)
      res.end(body)
    })
    await new Promise<void>((ok) => hub.listen(0, '127.0.0.1', ok))
    hubHost = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`
  })
  afterAll(async () => {
    await new Promise((ok) => hub.close(ok))
  })

  it('downloads into modelsDir with progress, then loads from there with downloads off', async () => {
    const modelsDir = join(work, 'hub-models')
    const seen = new Set<string>()
    const e = await createEmbedder(
      options({ model: 'simpsy/tiny-bert', modelsDir, hubHost, onProgress: (p) => seen.add(p.file) }),
    )
    const [downloaded] = await e.embed(['我最近工作压力很大'])
    await e.dispose()
    expect(served).toEqual(
      expect.arrayContaining(
        ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'].map((f) => `tiny-bert/${f}`),
      ),
    )
    expect(seen).toContain('onnx/model.onnx')
    expect(readFileSync(join(modelsDir, 'simpsy', 'tiny-bert', 'onnx', 'model.onnx'))).toEqual(
      readFileSync(join(MODEL, 'onnx', 'model.onnx')),
    )

    served.length = 0
    const offline = await createEmbedder(options({ model: 'simpsy/tiny-bert', modelsDir, hubHost, localOnly: true }))
    const [cached] = await offline.embed(['我最近工作压力很大'])
    await offline.dispose()
    expect(served).toEqual([])
    expect(cached).toEqual(downloaded)
    expect(offline.modelId).toBe('simpsy/tiny-bert')
  })

  it('a downloaded model still loads when downloads are allowed but the hub is unreachable', async () => {
    const modelsDir = join(work, 'hub-models')
    expect(existsSync(join(modelsDir, 'simpsy', 'tiny-bert', 'onnx', 'model.onnx'))).toBe(true)
    const closed = `http://127.0.0.1:${await closedPort()}/`
    const e = await createEmbedder(options({ model: 'simpsy/tiny-bert', modelsDir, hubHost: closed }))
    expect(await e.embed(['我很孤独'])).toHaveLength(1)
    await e.dispose()
  })

  it('external weights (model.onnx + model.onnx_data) not declared by the config: found, downloaded and loaded', async () => {
    const config = JSON.parse(readFileSync(join(EXTERNAL, 'config.json'), 'utf8'))
    expect(JSON.stringify(config)).not.toContain('external_data')
    const modelsDir = join(work, 'hub-external')
    served.length = 0
    const e = await createEmbedder(options({ model: 'simpsy/tiny-bert-external', modelsDir, hubHost }))
    const texts = ['我最近工作压力很大', 'I feel anxious about my exams']
    const vectors = await e.embed(texts)
    await e.dispose()
    expect(served).toContain('tiny-bert-external/onnx/model.onnx_data')
    expect(readFileSync(join(modelsDir, 'simpsy', 'tiny-bert-external', 'onnx', 'model.onnx_data'))).toEqual(
      readFileSync(join(EXTERNAL, 'onnx', 'model.onnx_data')),
    )
    // The same weights as the inline fixture: the same vectors.
    expect(vectors).toEqual(await (await embedder()).embed(texts))

    // Downloads off: loads from the folder; without its weights file it says which file is missing.
    const offline = await createEmbedder(options({ model: 'simpsy/tiny-bert-external', modelsDir, localOnly: true }))
    expect(await offline.embed(texts)).toEqual(vectors)
    await offline.dispose()
    const data = join(modelsDir, 'simpsy', 'tiny-bert-external', 'onnx', 'model.onnx_data')
    rmSync(data)
    await expect(
      createEmbedder(options({ model: 'simpsy/tiny-bert-external', modelsDir, localOnly: true })),
    ).rejects.toThrow(`its graph keeps its weights in ${data}, which is missing`)
  })

  it('a local folder in the external layout loads; without its weights file it is refused before loading', async () => {
    const e = await createEmbedder(options({ model: EXTERNAL, thread: 'here' }))
    expect(await e.embed(['我很孤独'])).toEqual(await (await embedder()).embed(['我很孤独']))
    await e.dispose()
    const partial = join(work, 'external-partial')
    cpSync(EXTERNAL, partial, { recursive: true })
    rmSync(join(partial, 'onnx', 'model.onnx_data'))
    expect(() => checkModelFolder(partial, false)).toThrow(join(partial, 'onnx', 'model.onnx_data'))
  })
})

describe('embedding cache', () => {
  it('stores Float32Array vectors exactly and reads them back', () => {
    const db = openDatabase(':memory:')
    try {
      const repo = embeddingCacheRepo(db)
      const v = new Float32Array([0.1, -2.5, 3e-8, Math.PI])
      repo.put('m', textHash('x'), v)
      expect(repo.get('m', textHash('x'))).toEqual({ vector: v, truncated: null })
      repo.put('m', textHash('y'), v, true)
      expect(repo.get('m', textHash('y'))?.truncated).toBe(true)
      expect(repo.get('other model', textHash('x'))).toBeNull()
      expect(repo.count('m')).toBe(2)
      expect(repo.clear('m')).toBe(2)
      expect(repo.get('m', textHash('x'))).toBeNull()
    } finally {
      db.close()
    }
  })

  it('the second pass over the same texts calls the model zero times', async () => {
    const db = openDatabase(':memory:')
    try {
      const repo = embeddingCacheRepo(db)
      const inner = await embedder()
      let calls = 0
      let embedded = 0
      const counted = {
        key: inner.key,
        embed: (texts: string[]) => {
          calls++
          embedded += texts.length
          return inner.embed(texts)
        },
      }
      const texts = ['我很孤独', 'I feel lonely', '我很孤独', '晚上睡不着', '']
      const { vectors: first } = await embedWithCache(counted, repo, texts, { chunkSize: 2 })
      expect(embedded).toBe(4)
      expect(calls).toBe(2)
      expect(first).toEqual(await inner.embed(texts))

      calls = embedded = 0
      const progress: number[] = []
      const { vectors: second } = await embedWithCache(counted, repo, texts, {
        onProgress: (p) => progress.push(p.done),
      })
      expect(calls).toBe(0)
      expect(second).toEqual(first)
      expect(progress).toEqual([texts.length])

      const { vectors: third } = await embedWithCache(counted, repo, [...texts, 'a new text'])
      expect(embedded).toBe(1)
      expect(third.slice(0, texts.length)).toEqual(first)
    } finally {
      db.close()
    }
  })

  it('the cache key changes with everything that changes the vectors', async () => {
    const keys = await Promise.all([
      embedder(),
      embedder({ pooling: 'mean' }),
      embedder({ normalize: false }),
      embedder({ maxTokens: 16 }),
      embedder({ quantized: true }),
    ]).then((es) => es.map((e) => e.key))
    expect(new Set(keys).size).toBe(keys.length)
    expect((await embedder()).key).toContain(MODEL)
  })

  it('stops between steps when aborted, keeping what it finished', async () => {
    const db = openDatabase(':memory:')
    try {
      const repo = embeddingCacheRepo(db)
      const inner = await embedder()
      const controller = new AbortController()
      const counted = { key: inner.key, embed: async (texts: string[]) => (controller.abort(), inner.embed(texts)) }
      await expect(
        embedWithCache(counted, repo, ['一', '二', '三', '四'], { chunkSize: 2, signal: controller.signal }),
      ).rejects.toThrow()
      expect(repo.count(inner.key)).toBe(2)
    } finally {
      db.close()
    }
  })
})

describe('cosine similarity', () => {
  it('is the dot product for unit vectors and scale-free otherwise', () => {
    expect(cosineSimilarity([0.6, 0.8], [0.8, 0.6])).toBeCloseTo(0.96, 12)
    expect(cosineSimilarity([3, 4], [8, 6])).toBeCloseTo(0.96, 12)
    expect(cosineSimilarity(new Float32Array([1, 0]), new Float32Array([-2, 0]))).toBe(-1)
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0)
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/different lengths/)
  })
})

// Runs last (vitest keeps file order): nothing above reached beyond loopback.
describe('network', () => {
  it('no request left this machine', () => {
    expect(outside).toEqual([])
    expect(loopback.every((url) => url.startsWith('http://127.0.0.1:'))).toBe(true)
  })
})

/** A seeded derangement: no index keeps its own place (the paper's random-card control). */
function derangement(n: number, seed: number): number[] {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  for (;;) {
    const p = Array.from({ length: n }, (_, i) => i)
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[p[i], p[j]] = [p[j], p[i]]
    }
    if (p.every((v, i) => v !== i)) return p
  }
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  await new Promise((ok) => server.close(ok))
  return port
}
