import { z } from 'zod'
import type { CounselorMethodInfo } from './method'

export const PSYCH8K_TEMPLATE_ID = 'psych8k.counselor'

/** The Psych8k counselor: one prompt per turn from the history alone. */
export const psych8kSettings = z.object({ kind: z.literal('psych8k') })
export type Psych8kSettings = z.output<typeof psych8kSettings>

export const psych8k: CounselorMethodInfo<Psych8kSettings> = {
  kind: 'psych8k',
  settings: psych8kSettings,
  agents: [],
  templates: () => ({ counselor: PSYCH8K_TEMPLATE_ID }),
  calls: () => ({ perSession: 0, perTurn: 1, criticalPath: 1 }),
  training: 'seed-context',
  usesSeedContext: false,
}
