export interface AgreementStats {
  compared: number
  agreed: number
  /** agreed / compared; null without pairs. */
  accuracy: number | null
  /** Cohen's kappa over the labels that occur; null where undefined (no pairs, or chance agreement p_e = 1). */
  kappa: number | null
}

/**
 * Agreement between a human and an LLM referee on the same decisions.
 * kappa = (p_o − p_e) / (1 − p_e), with p_e = Σ_label (human share · LLM share).
 */
export function agreementStats(pairs: { human: string; llm: string }[]): AgreementStats {
  const compared = pairs.length
  const agreed = pairs.filter((p) => p.human === p.llm).length
  if (compared === 0) return { compared, agreed, accuracy: null, kappa: null }
  const humanCounts = new Map<string, number>()
  const llmCounts = new Map<string, number>()
  for (const p of pairs) {
    humanCounts.set(p.human, (humanCounts.get(p.human) ?? 0) + 1)
    llmCounts.set(p.llm, (llmCounts.get(p.llm) ?? 0) + 1)
  }
  // Integer sums keep p_e = 1 exact, so the undefined case is detected without a tolerance.
  let chanceProducts = 0
  for (const [label, h] of humanCounts) chanceProducts += h * (llmCounts.get(label) ?? 0)
  const squared = compared * compared
  const accuracy = agreed / compared
  const kappa = chanceProducts === squared ? null : (agreed * compared - chanceProducts) / (squared - chanceProducts)
  return { compared, agreed, accuracy, kappa }
}
