import { OverlapConfigSchema, type FidelityResult } from '@shared/evaluation'
import { WorkbenchError } from '@shared/errors'
import type { TokenizeBatch } from '../tokenizePool'
import type { JobKind } from '../evaluationRunner'
import { fidelityScores, overlapFidelity, storedFidelity } from '../overlap'

/** Vocabulary overlap of client utterances with the own card vs a deranged card, per dataset. */
export function overlapJob(tokenizeBatch: TokenizeBatch): JobKind {
  return {
    // The random-pairing control needs two carded dialogues in every dataset: a corpus without cards is refused at
    // the start, saying how to go on, instead of after reading every dialogue.
    prepare(given, _call, datasets) {
      const short = datasets?.find((d) => d.withRoleCards < 2)
      if (short)
        throw new WorkbenchError('invalid_input', {
          key: 'evaluations.overlapNoCards',
          params: { name: short.name, cards: short.withRoleCards, dialogues: short.dialogueCount },
        })
      return given
    },
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
