import { createHash } from 'node:crypto'
import mt19937 from '@stdlib/random-base-mt19937'

const TWO_32 = 2 ** 32

/**
 * Mersenne Twister seeded from any safe integer: the low and high 32 bits form
 * a two-word seed array, so 0 and negative seeds are as valid as positive ones.
 */
export function uint32Generator(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`)
  const low = ((seed % TWO_32) + TWO_32) % TWO_32
  const high = Math.floor(seed / TWO_32) >>> 0
  return mt19937.factory({ seed: [low, high] })
}

/** Uniform numbers in [0, 1) from the seeded Mersenne Twister (generated corpora, samples that need floats). */
export function uniformGenerator(seed: number): () => number {
  const next = uint32Generator(seed)
  return () => next() / TWO_32
}

/** Uniform integer in [0, k), without modulo bias (draws above the largest multiple of k are redrawn). */
export function uniformBelow(next: () => number, k: number): number {
  const limit = TWO_32 - (TWO_32 % k)
  for (;;) {
    const r = next()
    if (r < limit) return r % k
  }
}

/** Fisher–Yates shuffle of a copy of `items`, the same for the same seed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const next = uint32Generator(seed)
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformBelow(next, i + 1)
    const tmp = out[i]
    out[i] = out[j]
    out[j] = tmp
  }
  return out
}

/**
 * `items` ranked by a hash of the seed and each item's key (sha256 of "<seed>\0<key>"; ties by id): the same seed
 * ranks the same items the same way, and an item keeps its rank relative to the others when items are added or
 * removed. A seeded sample keeps the first N (dialogues of a judged analysis, role cards of a run or arena).
 */
export function seededRanking<T>(
  items: readonly T[],
  seed: number,
  keyOf: (item: T) => string,
  idOf: (item: T) => string = keyOf,
): T[] {
  const rank = (key: string) => createHash('sha256').update(`${seed}\u0000${key}`).digest('hex')
  return items
    .map((item) => ({ item, id: idOf(item), rank: rank(keyOf(item)) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.item)
}
