import { z } from 'zod'
import type { ReplicaLiveView } from './endpoint'
import { ClientConfigSchema } from './clients'
import { CounselorConfigSchema } from './counselors'
import { CardSelectionSchema, type CardSelectionRecord, type LANGUAGES } from './roleCard'

export { AgentSettingsSchema, type AgentSettings } from './agentSettings'

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

const LIMIT = z.number().int().min(1).max(100000).nullable()

export const RefinementRuleSchema = z.object({
  enabled: z.boolean(),
  /** At most this many characters (null: no character limit). */
  maxChars: perLanguage(LIMIT),
  /**
   * At most this many words (null: none). Runs stored before word limits existed read as none: they ran with
   * characters only.
   */
  maxWords: perLanguage(LIMIT).default({ zh: null, en: null }),
  noLineBreaks: z.boolean(),
  noEnumeration: z.boolean(),
})
export type RefinementRule = z.infer<typeof RefinementRuleSchema>

export const RefinementSettingsSchema = z.object({
  counselor: RefinementRuleSchema,
  client: RefinementRuleSchema,
  maxResamples: z.number().int().min(0).max(20),
  /** After every resample failed: keep the best attempt (line breaks collapsed) and flag, or fail the dialogue. */
  onExhausted: z.enum(['keep_best_and_flag', 'fail_dialogue']),
})

/**
 * English replies are limited in words, not characters: the paper's 200 characters are a Chinese limit, and 200
 * characters of English reject 94.5% of MAGneT's counselor replies. 118 words = 200 / 1.69, the Chinese characters per
 * English word measured over 900 parallel utterances (the CACTUS seed openings, English and their Chinese translation:
 * 34,981 characters against 20,677 words). It rejects 3.8% of MAGneT's counselor replies (354 of 9,282; their median
 * is 75 words, the 95th percentile 116).
 */
export const ENGLISH_WORD_LIMIT = 118

/** The paper's rules for counselor replies (at most 200 characters, one line, no enumerations); clients unchecked. */
export const REFINEMENT_RULES = {
  counselor: {
    enabled: true,
    maxChars: { zh: 200, en: null },
    maxWords: { zh: null, en: ENGLISH_WORD_LIMIT },
    noLineBreaks: true,
    noEnumeration: true,
  },
  client: {
    enabled: false,
    maxChars: { zh: 200, en: null },
    maxWords: { zh: null, en: ENGLISH_WORD_LIMIT },
    noLineBreaks: true,
    noEnumeration: true,
  },
}

export const SimulationConfigSchema = z.object({
  /**
   * The client: its endpoint, sampling and prompt template, and its method (static: the paper's client, the default;
   * dynamic: a state per turn, withheld facts and resistance).
   */
  client: ClientConfigSchema,
  /** The counselor method (three-stage, MAGneT, CACTUS, Psych8k), its settings and its agents' endpoint. */
  counselor: CounselorConfigSchema,
  /** Counselor turns; the dialogue ends after the last one (with a seed opening, after the client's answer to it). */
  maxTurns: z.number().int().min(1).max(500).default(50),
  /**
   * Who opens: the client with the greeting (Interactive Agents), or the seed record's counselor opening line and
   * the client's first line (CACTUS, MAGneT).
   */
  opening: z.enum(['greeting', 'seed']).default('greeting'),
  greeting: perLanguage(z.string().trim().min(1)).default({ zh: '你好', en: 'Hello' }),
  /** Closing phrases that end the dialogue when a counselor reply contains one (empty: none). */
  termination: perLanguage(z.array(z.string().trim().min(1))).default(DEFAULT_TERMINATION),
  /** A token the client may end the session with (MAGneT: [/END]); stripped from the stored text. null = none. */
  endToken: z.string().trim().min(1).max(50).nullable().default(null),
  /** Counselor turns before a closing phrase or the end token counts (MAGneT: 20). */
  minTurns: z.number().int().min(0).max(500).default(0),
  /**
   * The paper accepts only replies that pass its rules and gives no limit: by default a reply is asked for again up
   * to 10 times, then the dialogue fails (and can be retried from its last stored message). Keeping the best attempt
   * with a flag is an option.
   */
  refinement: RefinementSettingsSchema.default({ ...REFINEMENT_RULES, maxResamples: 10, onExhausted: 'fail_dialogue' }),
  seed: z.number().int().default(42),
  /** Dialogues in flight at once (each endpoint also has its own request limit). */
  concurrency: z.number().int().min(1).max(1024).default(8),
  samplesPerCard: z.number().int().min(1).max(100).default(1),
  /**
   * Sessions per case (the paper: 1). With more, each card and sample is a case met over this many sessions, in
   * order: after each one a summary is made and carried into the next session's client and counselor prompts.
   */
  sessionsPerCard: z.number().int().min(1).max(20).default(1),
})
export type SimulationConfig = z.output<typeof SimulationConfigSchema>

/**
 * A run's configuration as stored: runs from before a setting existed read with the value they ran with (the
 * three-stage counselor, the static client, the client's greeting, no end token, no minimum, characters without a
 * word limit).
 */
export function storedRunConfig(stored: SimulationConfig): SimulationConfig {
  const counselor = stored.counselor as unknown as Record<string, unknown>
  const client = stored.client as unknown as Record<string, unknown>
  const rule = (r: RefinementRule): RefinementRule => ({ ...r, maxWords: r.maxWords ?? { zh: null, en: null } })
  return {
    ...stored,
    refinement: stored.refinement && {
      ...stored.refinement,
      counselor: rule(stored.refinement.counselor),
      client: rule(stored.refinement.client),
    },
    counselor: counselor.kind ? counselor : { ...counselor, kind: 'three-stage' },
    client: client.kind ? client : { ...client, kind: 'static' },
    opening: stored.opening ?? 'greeting',
    endToken: stored.endToken ?? null,
    minTurns: stored.minTurns ?? 0,
    sessionsPerCard: stored.sessionsPerCard ?? 1,
  } as SimulationConfig
}
export type SimulationConfigInput = z.input<typeof SimulationConfigSchema>

export const RUN_STATUSES = ['running', 'paused', 'completed', 'cancelled', 'failed'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export const StartRunSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Cards by id list, or by query (optionally a seeded sample of the matching cards). */
  cards: CardSelectionSchema,
  config: SimulationConfigSchema,
})
export type StartRunInput = z.input<typeof StartRunSchema>

export interface PinnedTemplate {
  id: string
  version: number
  language: (typeof LANGUAGES)[number]
  text: string
}

/** What an agent of a run actually used: its endpoint's name and model, and the sampling with defaults resolved. */
export interface EffectiveAgent {
  endpointId: string
  endpointName: string
  model: string
  baseURL: string
  temperature: number
  topP: number
  maxTokens: number
  /** Of its prices (absent in runs recorded before). */
  currency?: string
}

export interface RunSummary {
  id: string
  name: string
  datasetId: string
  status: RunStatus
  config: SimulationConfig
  /** `sessions`: the follow-up session templates (summary, client and counselor context), pinned with several. */
  templates: { client: PinnedTemplate[]; counselor: PinnedTemplate[]; sessions?: PinnedTemplate[] }
  /** The client's and counselor's model and sampling as used (endpoint defaults resolved); null for older runs. */
  effective: { client: EffectiveAgent; counselor: EffectiveAgent } | null
  /** How its cards were chosen (query, sample, how many matched and were used); null for older runs. */
  cards: CardSelectionRecord | null
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
    /** Of the prompt tokens, those the server read from its cache (priced at the cached-input price). */
    cachedTokens?: number
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
  /**
   * The run's endpoints that have spread calls over several base URLs or lowered their concurrency after 429s: each
   * base URL's effective concurrency (AIMD) out of its maximum, and whether it is taken out. Empty otherwise, and when
   * the run is not driven by this process.
   */
  concurrency: RunEndpointConcurrency[]
}

export interface RunEndpointConcurrency {
  endpointId: string
  endpointName: string
  replicas: ReplicaLiveView[]
}

export interface RunEndpointWait {
  endpointId: string
  endpointName: string
  /** What the last attempt met, e.g. "HTTP 503: overloaded". */
  lastError: string
  /** When the endpoint went down (ISO). */
  since: string
}
