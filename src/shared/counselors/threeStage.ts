import { z } from 'zod'
import { TEMPLATE_IDS } from '../templateIds'
import type { CounselorMethodInfo } from './method'

/** The Interactive Agents counselor: one system prompt (a template, the three-stage one by default) and the history. */
export const threeStageSettings = z.object({
  kind: z.literal('three-stage'),
  templateId: z.string().min(1).default(TEMPLATE_IDS.counselor),
})
export type ThreeStageSettings = z.output<typeof threeStageSettings>

export const threeStage: CounselorMethodInfo<ThreeStageSettings> = {
  kind: 'three-stage',
  settings: threeStageSettings,
  agents: [],
  templates: (s) => ({ system: s.templateId }),
  calls: () => ({ perSession: 0, perTurn: 1, criticalPath: 1 }),
  training: 'system-prompt',
  usesSeedContext: false,
}
