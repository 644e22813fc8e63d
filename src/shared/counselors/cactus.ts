import { z } from 'zod'
import { AgentOverrideSchema } from '../agentSettings'
import { MAGNET_TEMPLATE_IDS } from './magnet'
import type { CounselorMethodInfo } from './method'

export const CACTUS_TEMPLATE_IDS = { plan: MAGNET_TEMPLATE_IDS.plan, counselor: 'cactus.counselor' } as const

/** The CACTUS counselor: MAGneT's plan step once per session, then one prompt per turn with the plan. */
export const cactusSettings = z.object({
  kind: z.literal('cactus'),
  agents: z.partialRecord(z.enum(['plan', 'counselor']), AgentOverrideSchema).default({}),
})
export type CactusSettings = z.output<typeof cactusSettings>

export const cactus: CounselorMethodInfo<CactusSettings> = {
  kind: 'cactus',
  settings: cactusSettings,
  agents: ['plan', 'counselor'],
  templates: () => ({ ...CACTUS_TEMPLATE_IDS }),
  calls: () => ({ perSession: 1, perTurn: 1, criticalPath: 1 }),
  training: 'seed-context',
  usesSeedContext: true,
}
