import type { JobKind } from '../evaluationRunner'
import { datasetStatistics } from '../datasetStatistics'

/** The paper's Table 1 for each dataset. */
export const statsJob: JobKind = {
  total: ({ datasets }) => datasets.length,
  async run(ctx) {
    const datasets = ctx.datasets.map((d, i) => {
      ctx.signal.throwIfAborted()
      const result = datasetStatistics(d.name, d.id, ctx.transcriptsOf(d.id), (score) => ctx.score([score]))
      ctx.progress(i + 1, ctx.datasets.length)
      return result
    })
    return { kind: 'stats', datasets }
  },
}
