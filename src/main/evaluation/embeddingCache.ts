import { createHash } from 'node:crypto'

/** What embedWithCache needs from a store (embeddingCacheRepo fits). */
export interface VectorCache {
  get(model: string, hash: string): Float32Array | null
  putMany(model: string, entries: { hash: string; vector: Float32Array }[]): void
}

/** What embedWithCache needs from an embedder: its cache key and its batch call. */
export interface KeyedEmbedder {
  key: string
  embed(texts: string[]): Promise<Float32Array[]>
}

export interface EmbedWithCacheOptions {
  /** Texts embedded and stored per step, so a cancelled job keeps what it finished. Default 256. */
  chunkSize?: number
  /** Called after the cache lookup and after each step; `done` counts texts (cached ones included). */
  onProgress?: (progress: { done: number; total: number; cached: number }) => void
  signal?: AbortSignal
}

export const textHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * Vectors for `texts`, in order. Only texts missing from the cache reach the
 * model (each distinct text once), and their vectors are stored before the
 * next step. Equal texts share one Float32Array.
 */
export async function embedWithCache(
  embedder: KeyedEmbedder,
  cache: VectorCache,
  texts: string[],
  options: EmbedWithCacheOptions = {},
): Promise<Float32Array[]> {
  const chunkSize = Math.max(1, options.chunkSize ?? 256)
  const hashes = texts.map(textHash)
  const vectors = new Map<string, Float32Array>()
  const pending = new Map<string, { text: string; occurrences: number }>()
  for (let i = 0; i < texts.length; i++) {
    const hash = hashes[i]
    const waiting = pending.get(hash)
    if (waiting) {
      waiting.occurrences++
      continue
    }
    if (vectors.has(hash)) continue
    const hit = cache.get(embedder.key, hash)
    if (hit) vectors.set(hash, hit)
    else pending.set(hash, { text: texts[i], occurrences: 1 })
  }

  const todo = [...pending.entries()]
  let done = texts.length - todo.reduce((n, [, p]) => n + p.occurrences, 0)
  const cached = done
  options.onProgress?.({ done, total: texts.length, cached })
  for (let start = 0; start < todo.length; start += chunkSize) {
    options.signal?.throwIfAborted()
    const chunk = todo.slice(start, start + chunkSize)
    const computed = await embedder.embed(chunk.map(([, p]) => p.text))
    if (computed.length !== chunk.length)
      throw new Error(`the embedder returned ${computed.length} vectors for ${chunk.length} texts`)
    const entries = chunk.map(([hash], i) => ({ hash, vector: computed[i] }))
    cache.putMany(embedder.key, entries)
    for (const { hash, vector } of entries) vectors.set(hash, vector)
    done += chunk.reduce((n, [, p]) => n + p.occurrences, 0)
    options.onProgress?.({ done, total: texts.length, cached })
  }
  return hashes.map((hash) => vectors.get(hash)!)
}
