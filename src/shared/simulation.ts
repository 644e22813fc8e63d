import { z } from 'zod'
import { type LANGUAGES, RoleCardQuerySchema } from './roleCard'

/**
 * The paper's settings are the defaults; all of them are stored with every run. Closing phrases: the eleven
 * Chinese ones the released code checks, and their English counterparts (matched as words, see replyRules.ts).
 */
export const DEFAULT_TERMINATION = {
  zh: [
    '再见',
    '加油',
    '保重',
    '欢迎回来',
    '一切顺利',
    '祝你好运',
    '期待听到',
    '期待再次',
    '期待你',
    '下一次',
    '下次见',
  ],
  en: [
    'good bye',
    'keep it up',
    'take care',
    'welcome back',
    'all the best',
    'good luck',
    'looking forward to hearing',
    'looking forward to seeing you',
    'next time',
    'see you next time',
  ],
}

const perLanguage = <T extends z.ZodType>(schema: T) => z.object({ zh: schema, en: schema })

export const RefinementRuleSchema = z.object({
  enabled: z.boolean(),
  maxChars: perLanguage(z.number().int().min(1).max(100000)),
  noLineBreaks: z.boolean(),
  noEnumeration: z.boolean(),
})
export type RefinementRule = z.infer<typeof RefinementRuleSchema>

export const AgentSettingsSchema = z.object({
  endpointId: z.string().min(1, 'choose a model endpoint'),
  /** null = the endpoint's default. */
  temperature: z.number().min(0).max(2).nullable().default(null),
  topP: z.number().min(0).max(1).nullable().default(null),
  maxTokens: z.number().int().min(1).max(200000).nullable().default(null),
  /** Prompt template id; its current version is pinned when the run starts. */
  templateId: z.string().min(1),
})
export type AgentSettings = z.infer<typeof AgentSettingsSchema>

export const SimulationConfigSchema = z.object({
  client: AgentSettingsSchema,
  counselor: AgentSettingsSchema.extend({ kind: z.enum(['three-stage']).default('three-stage') }),
  maxTurns: z.number().int().min(1).max(500).default(50),
  greeting: perLanguage(z.string().trim().min(1)).default({ zh: '你好', en: 'Hello' }),
  termination: perLanguage(z.array(z.string().trim().min(1))).default(DEFAULT_TERMINATION),
  refinement: z
    .object({
      counselor: RefinementRuleSchema,
      client: RefinementRuleSchema,
      maxResamples: z.number().int().min(0).max(20),
      /** After every resample failed: keep the best attempt (line breaks collapsed) and flag, or fail the dialogue. */
      onExhausted: z.enum(['keep_best_and_flag', 'fail_dialogue']),
    })
    .default({
      counselor: { enabled: true, maxChars: { zh: 200, en: 200 }, noLineBreaks: true, noEnumeration: true },
      client: { enabled: false, maxChars: { zh: 200, en: 200 }, noLineBreaks: true, noEnumeration: true },
      maxResamples: 3,
      onExhausted: 'keep_best_and_flag',
    }),
  seed: z.number().int().default(42),
  /** Dialogues in flight at once (each endpoint also has its own request limit). */
  concurrency: z.number().int().min(1).max(1024).default(8),
  samplesPerCard: z.number().int().min(1).max(100).default(1),
})
export type SimulationConfig = z.output<typeof SimulationConfigSchema>
export type SimulationConfigInput = z.input<typeof SimulationConfigSchema>

export const RUN_STATUSES = ['running', 'paused', 'completed', 'cancelled', 'failed'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export const StartRunSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Cards by query or by id list. */
  cards: z.union([z.object({ ids: z.array(z.string()).min(1) }), z.object({ query: RoleCardQuerySchema })]),
  config: SimulationConfigSchema,
})
export type StartRunInput = z.input<typeof StartRunSchema>

export interface PinnedTemplate {
  id: string
  version: number
  language: (typeof LANGUAGES)[number]
  text: string
}

export interface RunSummary {
  id: string
  name: string
  datasetId: string
  status: RunStatus
  config: SimulationConfig
  templates: { client: PinnedTemplate[]; counselor: PinnedTemplate[] }
  counts: {
    total: number
    pending: number
    running: number
    completed: number
    failed: number
    cancelled: number
    flagged: number
  }
  usage: {
    calls: number
    promptTokens: number
    completionTokens: number
    cost: number | null
    errors: Record<string, number>
  }
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  /** Calls per minute over the last minute, and an ETA in seconds when it can be estimated. */
  rate: { callsPerMinute: number; etaSeconds: number | null }
  /**
   * Endpoints of this run that are down (they kept failing): its dialogues wait for them and
   * go on by themselves once they answer again. Empty while they answer, or when the run is
   * not driven by this process.
   */
  waiting: RunEndpointWait[]
}

export interface RunEndpointWait {
  endpointId: string
  endpointName: string
  /** What the last attempt met, e.g. "HTTP 503: overloaded". */
  lastError: string
  /** When the endpoint went down (ISO). */
  since: string
}
