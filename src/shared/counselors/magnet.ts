import { z } from 'zod'
import { AgentOverrideSchema } from '../agentSettings'
import type { CounselorMethodInfo } from './method'

/** The twelve CBT techniques the CBT agent chooses one of (as named in the MAGneT and CACTUS releases). */
export const CBT_TECHNIQUES = [
  'Efficiency Evaluation',
  'Pie Chart Technique',
  'Alternative Perspective',
  'Decatastrophizing',
  'Pros and Cons Analysis',
  'Evidence-Based Questioning',
  'Reality Testing',
  'Continuum Technique',
  'Changing Rules to Wishes',
  'Behavior Experiment',
  'Problem-Solving Skills Training',
  'Systematic Exposure',
] as const

/** The five specialists, each drafting one candidate reply per turn. */
export const MAGNET_SPECIALISTS = [
  'reflection',
  'questioning',
  'solutions',
  'normalization',
  'psychoeducation',
] as const
export type MagnetSpecialist = (typeof MAGNET_SPECIALISTS)[number]

export const MAGNET_AGENTS = ['plan', ...MAGNET_SPECIALISTS, 'technique', 'composer'] as const
export type MagnetAgent = (typeof MAGNET_AGENTS)[number]

export const MAGNET_TEMPLATE_IDS = {
  plan: 'cbt.plan',
  reflection: 'magnet.reflection',
  questioning: 'magnet.questioning',
  solutions: 'magnet.solutions',
  normalization: 'magnet.normalization',
  psychoeducation: 'magnet.psychoeducation',
  /** Technique agent with the plan, and without it (the "no CBT plan" ablation). */
  technique: 'magnet.technique',
  techniqueNoPlan: 'magnet.technique-no-plan',
  /** Composer from candidates and chosen techniques; the ablations without a technique agent see more. */
  composer: 'magnet.composer',
  composerWithPlan: 'magnet.composer-plan',
  composerWithHistory: 'magnet.composer-history',
} as const

export const magnetSettings = z.object({
  kind: z.literal('magnet'),
  /**
   * Agents set apart from the counselor's endpoint and sampling. The release ran the technique agent on another
   * model at temperature 0; the default keeps its temperature 0 on the counselor's endpoint.
   */
  agents: z.partialRecord(z.enum(MAGNET_AGENTS), AgentOverrideSchema).default({ technique: { temperature: 0 } }),
  /** Ablations: without the technique agent the composer gets the plan (or the history) instead of its choice. */
  techniqueAgent: z.boolean().default(true),
  /** Without the CBT plan there is no plan call; the technique agent decides from the history alone. */
  cbtPlan: z.boolean().default(true),
  /** The release's clean-up of specialist drafts: the text after the last "Counselor:", no line breaks or quotes. */
  cleanDrafts: z.boolean().default(true),
})
export type MagnetSettings = z.output<typeof magnetSettings>

export const magnet: CounselorMethodInfo<MagnetSettings> = {
  kind: 'magnet',
  settings: magnetSettings,
  agents: MAGNET_AGENTS,
  templates(s) {
    const t: Record<string, string> = {}
    if (s.cbtPlan) t.plan = MAGNET_TEMPLATE_IDS.plan
    for (const name of MAGNET_SPECIALISTS) t[name] = MAGNET_TEMPLATE_IDS[name]
    if (s.techniqueAgent) {
      t.technique = s.cbtPlan ? MAGNET_TEMPLATE_IDS.technique : MAGNET_TEMPLATE_IDS.techniqueNoPlan
      t.composer = MAGNET_TEMPLATE_IDS.composer
    } else t.composer = s.cbtPlan ? MAGNET_TEMPLATE_IDS.composerWithPlan : MAGNET_TEMPLATE_IDS.composerWithHistory
    return t
  },
  calls: (s) => ({
    perSession: s.cbtPlan ? 1 : 0,
    perTurn: MAGNET_SPECIALISTS.length + (s.techniqueAgent ? 1 : 0) + 1,
    // The technique agent does not need the drafts: it runs beside the specialists, then the composer.
    criticalPath: 2,
  }),
  training: 'seed-context',
  usesSeedContext: true,
}
