/** Counting for the arena plan: every combination of k contestants gets the same number of dialogues. */

/** n choose k (0 outside 0 ≤ k ≤ n). */
export function binomial(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n) return 0
  let result = 1
  for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - k + i)) / i
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
