import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Language } from '@shared/roleCard'
import { tokenize, type TokenizeOptions } from './tokenize'

export type TokenizeItem = { text: string; language: Language }
/** The distinct words (the vocabulary) of many texts at once, in this thread or spread over worker threads. */
export type TokenizeBatch = (items: TokenizeItem[], options: TokenizeOptions) => Promise<string[][]>

const vocabulary = (item: TokenizeItem, options: TokenizeOptions) => [
  ...new Set(tokenize(item.text, item.language, options)),
]

export const tokenizeInThisThread: TokenizeBatch = async (items, options) => items.map((i) => vocabulary(i, options))

// Workers answer with one string per chunk: copying it between threads costs far less than
// copying millions of short strings. Words never hold control characters.
const WORD = '\u0000'
const TEXT = '\u0001'
/** In a worker: a chunk's vocabularies packed into one string. */
export const packVocabularies = (items: TokenizeItem[], options: TokenizeOptions) =>
  items.map((i) => vocabulary(i, options).join(WORD)).join(TEXT)
const unpackVocabularies = (packed: string) => packed.split(TEXT).map((text) => (text ? text.split(WORD) : []))

const CHUNK = 400

/**
 * Worker threads for tokenizing (jieba is most of an overlap job's time): the
 * work uses every core and the main process, which in Electron also serves the
 * window, stays responsive. Run from TypeScript sources (tsx, tests), workers
 * start through a small bootstrap that registers tsx; in the built app, the
 * bundled worker beside index.js. If workers cannot start, it tokenizes in
 * this thread instead.
 */
export function createTokenizePool(size = Math.max(1, Math.min(availableParallelism(), 4))) {
  const fromSource = import.meta.url.endsWith('.ts')
  const script = new URL(fromSource ? './tokenizeWorkerFromSource.mjs' : './tokenizeWorker.js', import.meta.url)
  let workers: Worker[] | null = null
  let broken = false
  let nextId = 0
  const stats = { chunksInWorkers: 0, fallbacks: 0 }
  const pending = new Map<number, { resolve: (tokens: string[][]) => void; reject: (error: Error) => void }>()

  const start = () => {
    workers = Array.from({ length: size }, () => {
      const worker = new Worker(script)
      worker.on('message', (m: { id: number; packed: string }) => {
        pending.get(m.id)?.resolve(unpackVocabularies(m.packed))
        pending.delete(m.id)
        if (pending.size === 0) for (const w of workers ?? []) w.unref()
      })
      worker.on('error', (error) => {
        broken = true
        for (const p of pending.values()) p.reject(error)
        pending.clear()
      })
      // Idle workers must not keep the process alive; busy ones must (see tokenizeBatch).
      worker.unref()
      return worker
    })
    return workers
  }

  const tokenizeBatch: TokenizeBatch = async (items, options) => {
    if (broken || items.length < CHUNK) return tokenizeInThisThread(items, options)
    const pool = workers ?? start()
    for (const w of pool) w.ref()
    const chunks: TokenizeItem[][] = []
    for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK))
    try {
      const results = await Promise.all(
        chunks.map(
          (chunk, i) =>
            new Promise<string[][]>((resolve, reject) => {
              const id = nextId++
              pending.set(id, { resolve, reject })
              pool[i % pool.length].postMessage({ id, items: chunk, options })
            }),
        ),
      )
      stats.chunksInWorkers += chunks.length
      return results.flat()
    } catch {
      stats.fallbacks++
      return tokenizeInThisThread(items, options)
    }
  }

  return {
    tokenizeBatch,
    stats: () => ({ ...stats }),
    async close() {
      await Promise.all((workers ?? []).map((w) => w.terminate()))
      workers = null
    },
  }
}
