import { createHash } from 'node:crypto'
import type { EmbedHooks } from './embeddings'

/** A stored vector, and whether its text was cut at the model's token limit (null: not known). */
export interface CachedVector {
  vector: Float32Array
  truncated: boolean | null
}

/** What embedWithCache needs from a store (embeddingCacheRepo fits). */
export interface VectorCache {
  get(model: string, hash: string): CachedVector | null
  putMany(model: string, entries: ({ hash: string } & CachedVector)[]): void
}

/** What embedWithCache needs from an embedder: its cache key and its batch call. */
export interface KeyedEmbedder {
  key: string
  /** Whether the embedder reports cut texts (default false: they are counted as not known). */
  countsTruncation?: boolean
  embed(texts: string[], hooks?: EmbedHooks): Promise<Float32Array[]>
}

/** How far an embedding pass is: texts done (cached ones included) and, once the model has run, its speed. */
export interface EmbedProgress {
  done: number
  total: number
  cached: number
  /** Texts the model (or endpoint) embedded per second so far; null before its first call returned. */
  perSecond: number | null
  /** Seconds left at that speed; null while the speed is not known. */
  etaSeconds: number | null
}

export interface EmbedWithCacheOptions {
  /** Texts embedded and stored per step, so a cancelled job keeps what it finished. Default 256. */
  chunkSize?: number
  /** Called after the cache lookup and after each model call. */
  onProgress?: (progress: EmbedProgress) => void
  signal?: AbortSignal
  /** The clock of the speed (tests set it). */
  now?: () => number
}

export interface EmbedOutcome {
  /** One per text, in order; equal texts share one Float32Array. */
  vectors: Float32Array[]
  /** Texts (counted once each, cached ones included) that were cut at the model's token limit. */
  truncated: number
  /** Texts whose cut is not known (an endpoint's vectors, or vectors stored before it was recorded). */
  truncationUnknown: number
}

export const textHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * Vectors for `texts`, in order. Only texts missing from the cache reach the
 * model (each distinct text once), and their vectors are stored before the
 * next step.
 */
export async function embedWithCache(
  embedder: KeyedEmbedder,
  cache: VectorCache,
  texts: string[],
  options: EmbedWithCacheOptions = {},
): Promise<EmbedOutcome> {
  const chunkSize = Math.max(1, options.chunkSize ?? 256)
  const now = options.now ?? (() => performance.now())
  const hashes = texts.map(textHash)
  const vectors = new Map<string, Float32Array>()
  const cut = new Map<string, boolean | null>()
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
    if (hit) {
      vectors.set(hash, hit.vector)
      cut.set(hash, hit.truncated)
    } else pending.set(hash, { text: texts[i], occurrences: 1 })
  }

  const todo = [...pending.entries()]
  let done = texts.length - todo.reduce((n, [, p]) => n + p.occurrences, 0)
  const cached = done
  let embedded = 0
  let started: number | null = null
  const report = () => {
    const seconds = started === null ? 0 : (now() - started) / 1000
    const perSecond = embedded > 0 && seconds > 0 ? embedded / seconds : null
    const etaSeconds = perSecond ? (todo.length - embedded) / perSecond : null
    options.onProgress?.({ done, total: texts.length, cached, perSecond, etaSeconds })
  }
  report()
  for (let start = 0; start < todo.length; start += chunkSize) {
    options.signal?.throwIfAborted()
    const chunk = todo.slice(start, start + chunkSize)
    const truncated = new Set<number>()
    const doneBefore = done
    started ??= now()
    const computed = await embedder.embed(
      chunk.map(([, p]) => p.text),
      {
        signal: options.signal,
        onTruncated: (i) => truncated.add(i),
        onBatch: (n) => {
          embedded += n
          done += n
          report()
        },
      },
    )
    if (computed.length !== chunk.length)
      throw new Error(`the embedder returned ${computed.length} vectors for ${chunk.length} texts`)
    const known = embedder.countsTruncation === true
    const entries = chunk.map(([hash], i) => ({
      hash,
      vector: computed[i],
      truncated: known ? truncated.has(i) : null,
    }))
    cache.putMany(embedder.key, entries)
    for (const { hash, vector, truncated } of entries) {
      vectors.set(hash, vector)
      cut.set(hash, truncated)
    }
    embedded = start + chunk.length
    done = doneBefore + chunk.reduce((n, [, p]) => n + p.occurrences, 0)
    report()
  }
  const flags = [...cut.values()]
  return {
    vectors: hashes.map((hash) => vectors.get(hash)!),
    truncated: flags.filter((f) => f === true).length,
    truncationUnknown: flags.filter((f) => f === null).length,
  }
}
