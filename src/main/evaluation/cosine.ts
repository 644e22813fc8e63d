/**
 * Cosine similarity of two vectors of the same length. For unit vectors this is
 * their dot product; others are divided by their norms. A zero vector gives 0.
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new Error(`cosine similarity of vectors of different lengths (${a.length} and ${b.length})`)
  let dot = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i]
    aa += a[i] * a[i]
    bb += b[i] * b[i]
  }
  if (aa === 0 || bb === 0) return 0
  // Clamped: rounding can put the cosine of a vector with itself a hair above 1.
  return Math.max(-1, Math.min(1, dot / Math.sqrt(aa * bb)))
}
