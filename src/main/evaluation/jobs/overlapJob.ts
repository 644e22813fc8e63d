import { OverlapConfigSchema } from '@shared/evaluation'
import type { JobKind } from '../evaluationRunner'
import { overlapFidelity } from '../overlap'

/** Vocabulary overlap of client utterances with the own card vs a deranged card, per dataset. */
export const overlapJob: JobKind = {
  total: ({ datasets }) => datasets.length,
  async run(ctx) {
    const config = OverlapConfigSchema.parse(ctx.config)
    const datasets = ctx.datasets.map((d, i) => {
      ctx.signal.throwIfAborted()
      const result = overlapFidelity(d.id, ctx.dialoguesOf(d.id), config)
      ctx.progress(i + 1, ctx.datasets.length)
      return result
    })
    return { kind: 'overlap', datasets }
  },
}
