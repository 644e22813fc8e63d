import { availableParallelism } from 'node:os'
import type { Language } from '@shared/roleCard'
import { workerSet } from '../workerSet'
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
  const set = workerSet<{ id: number; packed: string }>(script, size)
  const stats = { chunksInWorkers: 0, fallbacks: 0 }

  const tokenizeBatch: TokenizeBatch = async (items, options) => {
    if (set.broken || items.length < CHUNK) return tokenizeInThisThread(items, options)
    const chunks: TokenizeItem[][] = []
    for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK))
    try {
      const results = await Promise.all(
        chunks.map((chunk, i) =>
          set.request(i, { items: chunk, options }).then((reply) => unpackVocabularies(reply.packed)),
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
    close: set.close,
  }
}
