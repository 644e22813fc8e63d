/**
 * Counting for the arena plan: every combination of k contestants gets the same number of dialogues; with a focal
 * contestant (the model under test), every combination holds it and k − 1 of the others. The server's
 * match-making (src/main/arena/matchmaking.ts) and the new-arena form's preview both count with these, so the number
 * the form promises is the number the server runs.
 */

/** n choose k (0 outside 0 ≤ k ≤ n). */
export function binomial(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n) return 0
  // C(n, k) = C(n, m) with m = min(k, n − k); the running product C(n − m + i, i) stays an integer at every step.
  const m = Math.min(k, n - k)
  let result = 1
  for (let i = 1; i <= m; i++) result = (result * (n - m + i)) / i
  return Math.round(result)
}

/** Combinations of contestants the arena runs: C(n, k), or with a focal contestant C(n − 1, k − 1). */
export function combinationCount(contestants: number, k: number, focal = false): number {
  return focal ? binomial(contestants - 1, k - 1) : binomial(contestants, k)
}

/** Dialogues the arena will run: combinations × dialogues per combination. */
export function plannedDialogues(contestants: number, k: number, perCombination: number, focal = false): number {
  return combinationCount(contestants, k, focal) * perCombination
}

/**
 * Dialogues in which two given contestants are both candidates: the combinations holding both, C(n − 2, k − 2), ×
 * per combination. With a focal contestant: a pair with the focal one meets in C(n − 2, k − 2) combinations, a pair of
 * two others in C(n − 3, k − 3) (`withFocal` says which pair is meant).
 */
export function sharedDialogues(
  contestants: number,
  k: number,
  perCombination: number,
  focal = false,
  withFocal = false,
): number {
  if (focal && !withFocal) return binomial(contestants - 3, k - 3) * perCombination
  return binomial(contestants - 2, k - 2) * perCombination
}
