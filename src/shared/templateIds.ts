/** The built-in prompt templates' ids: runs, arenas and the Prompts page name them by these. */
export const TEMPLATE_IDS = {
  client: 'client.default',
  /** A CACTUS/MAGneT-style client: attitude label and instruction, end token, minimum turns. */
  clientSeed: 'client.cactus',
  counselor: 'counselor.three-stage',
  refereeEthics: 'referee.ethics',
  refereeSkills: 'referee.skills',
  /** Follow-up sessions: the prompt that summarises a session, and the blocks carrying it into the next session. */
  sessionSummary: 'session.summary',
  sessionClient: 'session.client',
  sessionCounselor: 'session.counselor',
} as const

export type BuiltInTemplateId = (typeof TEMPLATE_IDS)[keyof typeof TEMPLATE_IDS]

/** The referee template of an arena's LLM referee variant. */
export const refereeTemplateId = (variant: 'ethics' | 'skills'): BuiltInTemplateId =>
  variant === 'ethics' ? TEMPLATE_IDS.refereeEthics : TEMPLATE_IDS.refereeSkills
