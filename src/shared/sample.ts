/**
 * How many of `n` items a seeded sample takes: a number (at most `n`), or a fraction (rounded, at least one of a
 * non-empty set); all of them without either. Used by judged analyses (dialogues) and by runs and arenas (role cards).
 */
export function sampleTake(sample: { size?: number | null; fraction?: number | null } | null, n: number): number {
  if (sample?.size) return Math.min(sample.size, n)
  if (sample?.fraction) return Math.min(n, Math.max(1, Math.round(sample.fraction * n)))
  return n
}
