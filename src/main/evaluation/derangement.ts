import mt19937 from '@stdlib/random-base-mt19937'

const TWO_32 = 2 ** 32

/**
 * Mersenne Twister seeded from any safe integer: the low and high 32 bits form
 * a two-word seed array, so 0 and negative seeds are as valid as positive ones.
 */
function uint32Generator(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`)
  const low = ((seed % TWO_32) + TWO_32) % TWO_32
  const high = Math.floor(seed / TWO_32) >>> 0
  return mt19937.factory({ seed: [low, high] })
}

/** Uniform integer in [0, k), without modulo bias (draws above the largest multiple of k are redrawn). */
function uniformBelow(next: () => number, k: number): number {
  const limit = TWO_32 - (TWO_32 % k)
  for (;;) {
    const r = next()
    if (r < limit) return r % k
  }
}

/**
 * A permutation p of 0..n-1 with p[i] !== i for every i, the same for the same
 * (n, seed). Uniform over all derangements: Fisher–Yates shuffles are drawn
 * until one has no fixed point (about e ≈ 2.72 shuffles on average), rejecting
 * a shuffle as soon as a settled position is fixed.
 * n = 0 gives [] (the empty permutation has no fixed point); n = 1 has no derangement.
 */
export function seededDerangement(n: number, seed: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`)
  if (n === 1) throw new RangeError('a derangement of 1 element does not exist: at least 2 are needed')
  const next = uint32Generator(seed)
  const p = new Array<number>(n)
  for (;;) {
    for (let i = 0; i < n; i++) p[i] = i
    let fixed = false
    // Position i is final once swapped; position 0 is final after the loop.
    for (let i = n - 1; i > 0 && !fixed; i--) {
      const j = uniformBelow(next, i + 1)
      const tmp = p[i]
      p[i] = p[j]
      p[j] = tmp
      fixed = p[i] === i
    }
    if (!fixed && (n === 0 || p[0] !== 0)) return p
  }
}
