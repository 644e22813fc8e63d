import { OverlapConfigSchema, type FidelityResult } from '@shared/evaluation'
import type { TokenizeBatch } from '../tokenizePool'
import type { JobKind } from '../evaluationRunner'
import { fidelityScores, overlapFidelity, storedFidelity } from '../overlap'

/** Vocabulary overlap of client utterances with the own card vs a deranged card, per dataset. */
export function overlapJob(tokenizeBatch: TokenizeBatch): JobKind {
  return {
    total: ({ datasets }) => datasets.length,
    async run(ctx) {
      const config = OverlapConfigSchema.parse(ctx.config)
      const datasets: FidelityResult[] = []
      for (const [i, d] of ctx.datasets.entries()) {
        ctx.signal.throwIfAborted()
        const fidelity = await overlapFidelity(d.id, ctx.dialoguesOf(d.id), config, tokenizeBatch)
        ctx.score(fidelityScores(fidelity))
        datasets.push(storedFidelity(fidelity))
        ctx.progress(i + 1, ctx.datasets.length)
      }
      return { kind: 'overlap', datasets }
    },
  }
}
