/**
 * Counting for the arena plan: every combination of k contestants gets the same number of dialogues. The server's
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

/** Dialogues the arena will run: C(n, k) combinations × dialogues per combination. */
export function plannedDialogues(contestants: number, k: number, perCombination: number): number {
  return binomial(contestants, k) * perCombination
}

/**
 * Dialogues in which two given contestants are both candidates: the combinations holding both, C(n − 2, k − 2), × per
 * combination.
 */
export function sharedDialogues(contestants: number, k: number, perCombination: number): number {
  return binomial(contestants - 2, k - 2) * perCombination
}
