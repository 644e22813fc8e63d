import { z } from 'zod'
import { MethodSettingsSchema } from './counselors'
import type { TurnTrace } from './dialogue'
import { CardSelectionSchema, RoleCardQuerySchema, type CardSelectionRecord, type Language } from './roleCard'
import {
  AgentSettingsSchema,
  REFINEMENT_RULES,
  RefinementSettingsSchema,
  SimulationConfigSchema,
  type EffectiveAgent,
} from './simulation'

/**
 * The counselor arena (Algorithm 2): a simulated client speaks, k contestants
 * answer the same history, a referee (an LLM or a person) picks one reply,
 * and the chosen reply becomes the counselor turn.
 */

/** A counselor the engine can drive: an endpoint with its own system prompt and sampling settings. */
export const ContestantSchema = z.object({
  /** Shown in reports (never to human referees). */
  name: z
    .string()
    .trim()
    .min(1, 'give the contestant a name')
    .max(80)
    .refine((n) => n !== 'tie' && n !== 'both_bad', 'is reserved for votes (tie, both_bad): choose another name'),
  endpointId: z.string().min(1, 'choose a model endpoint'),
  /**
   * template: a counselor prompt template (e.g. the built-in three-stage counselor), pinned at start;
   * custom: the system prompt given here (e.g. the one a fine-tuned model was trained with).
   */
  prompt: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('template'), templateId: z.string().min(1) }),
    z.object({ kind: z.literal('custom'), text: z.string().max(50000) }),
  ]),
  temperature: z.number().min(0).max(2).nullable().default(null),
  topP: z.number().min(0).max(1).nullable().default(null),
  maxTokens: z.number().int().min(1).max(200000).nullable().default(null),
  /**
   * The counselor method (src/shared/counselors) and its settings; its agents use the endpoint and sampling above
   * unless set apart. Absent or three-stage: one system prompt, `prompt`.
   */
  method: MethodSettingsSchema.optional(),
})
export type Contestant = z.output<typeof ContestantSchema>

export const REFEREE_VARIANTS = ['ethics', 'skills'] as const
export type RefereeVariant = (typeof REFEREE_VARIANTS)[number]

/**
 * reasoned: a short comparison, then `Choice: X` (the transcript and candidates in a user message); letter: the whole
 * instruction, transcript and lettered candidates in one system message and a bare letter as the answer (the released
 * arena), with few tokens.
 */
export const REFEREE_ANSWER_MODES = ['reasoned', 'letter'] as const
export type RefereeAnswerMode = (typeof REFEREE_ANSWER_MODES)[number]
/** Max tokens of an answer-only referee unless set (the release's 10). */
export const LETTER_REFEREE_MAX_TOKENS = 10

export const LlmRefereeSchema = z.object({
  endpointId: z.string().min(1, 'choose a referee endpoint'),
  /** ethics: autonomy, beneficence, non-maleficence, justice, integrity, honesty; skills: counseling skills. */
  variant: z.enum(REFEREE_VARIANTS).default('ethics'),
  temperature: z.number().min(0).max(2).default(0),
  answerMode: z.enum(REFEREE_ANSWER_MODES).default('reasoned'),
  /** null: the endpoint's default (reasoned), LETTER_REFEREE_MAX_TOKENS (letter). */
  maxTokens: z.number().int().min(1).max(200000).nullable().default(null),
  /** New samples asked for after an answer without a readable choice. */
  parseRetries: z.number().int().min(0).max(10).default(2),
  /** Judge each turn a second time with the candidates in reverse order and record disagreement. */
  positionSwap: z.boolean().default(false),
})
export type LlmReferee = z.output<typeof LlmRefereeSchema>

export const RefereeSchema = z.discriminatedUnion('kind', [
  LlmRefereeSchema.extend({ kind: z.literal('llm') }),
  z.object({
    kind: z.literal('human'),
    /** Extra answers beside the candidates (off by default, as in the paper). */
    allowTie: z.boolean().default(false),
    allowBothBad: z.boolean().default(false),
    /**
     * While an annotator reads a turn, prepare the client's next line after each candidate, so the next turn needs
     * only the contestants once the vote is in: shorter waits for k − 1 extra client calls per turn.
     */
    prefetch: z.boolean().default(false),
  }),
])
export type Referee = z.output<typeof RefereeSchema>

const simulationDefaults = SimulationConfigSchema.shape

/** Minutes a claimed dialogue may sit without a vote before another annotator may take it (older arenas: this). */
export const DEFAULT_CLAIM_TIMEOUT_MINUTES = 10

export const ArenaConfigSchema = z
  .object({
    contestants: z.array(ContestantSchema).min(2, 'an arena needs at least two contestants').max(12),
    /** Candidates per turn: 2 by default, 3 as in the released experiments. */
    k: z.number().int().min(2).max(4).default(2),
    /**
     * A contestant in every dialogue (the model under test), with every combination of k − 1 of the others; null:
     * every combination of k contestants.
     */
    focal: z.string().trim().min(1).nullable().default(null),
    /** Dialogues for every combination of k contestants. */
    dialoguesPerCombination: z.number().int().min(1).max(10000).default(10),
    client: AgentSettingsSchema,
    referee: RefereeSchema,
    maxTurns: simulationDefaults.maxTurns,
    greeting: simulationDefaults.greeting,
    termination: simulationDefaults.termination,
    /**
     * An arena keeps the best attempt and flags it when every resample fails (3), rather than failing a dialogue that
     * several contestants share.
     */
    refinement: RefinementSettingsSchema.default({
      ...REFINEMENT_RULES,
      maxResamples: 3,
      onExhausted: 'keep_best_and_flag',
    }),
    seed: z.number().int().default(42),
    /** Dialogues in flight at once (each endpoint also has its own request limit). */
    concurrency: z.number().int().min(1).max(256).default(8),
    /**
     * Human referees: a dialogue an annotator claimed and has not voted on for this many minutes goes to the next
     * annotator who asks for one (its owner can also release it from the arena page).
     */
    claimTimeoutMinutes: z.number().int().min(1).max(1440).default(DEFAULT_CLAIM_TIMEOUT_MINUTES),
  })
  .superRefine((config, ctx) => {
    if (config.k > config.contestants.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['k'],
        message: `k = ${config.k} needs at least ${config.k} contestants (there are ${config.contestants.length})`,
      })
    }
    if (config.focal !== null && !config.contestants.some((c) => c.name === config.focal)) {
      ctx.addIssue({
        code: 'custom',
        path: ['focal'],
        message: `the focal contestant "${config.focal}" is not one of the contestants (${config.contestants.map((c) => c.name).join(', ')})`,
      })
    }
    const seen = new Set<string>()
    config.contestants.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({
          code: 'custom',
          path: ['contestants', i, 'name'],
          message: `"${c.name}" is used twice: contestant names must differ`,
        })
      seen.add(c.name)
    })
  })
export type ArenaConfig = z.output<typeof ArenaConfigSchema>
export type ArenaConfigInput = z.input<typeof ArenaConfigSchema>

export const StartArenaSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Role cards by query (default: the held-out test pool) or by id list. */
  cards: CardSelectionSchema.default({ query: RoleCardQuerySchema.parse({ pool: 'test' }) }),
  config: ArenaConfigSchema,
})
export type StartArenaInput = z.input<typeof StartArenaSchema>

export const ARENA_STATUSES = ['running', 'paused', 'completed', 'cancelled', 'failed'] as const
export type ArenaStatus = (typeof ARENA_STATUSES)[number]

/** A dialogue waits for a human vote in 'awaiting_vote'. */
export const ARENA_DIALOGUE_STATUSES = [
  'pending',
  'running',
  'awaiting_vote',
  'completed',
  'failed',
  'cancelled',
] as const
export type ArenaDialogueStatus = (typeof ARENA_DIALOGUE_STATUSES)[number]

/** What an arena's agents actually used: the client, each contestant (by name) and an LLM referee. */
export interface ArenaEffective {
  client: EffectiveAgent
  contestants: { name: string; agent: EffectiveAgent }[]
  referee: EffectiveAgent | null
}

export interface ArenaSummary {
  id: string
  name: string
  status: ArenaStatus
  referee: 'llm' | 'human'
  contestants: string[]
  k: number
  dialogues: {
    total: number
    pending: number
    running: number
    awaitingVote: number
    completed: number
    failed: number
    cancelled: number
  }
  turns: number
  /** Turns whose LLM referee gave no readable choice (counted, never dropped silently). */
  refereeFailures: number
  /** Position-swap checks that disagreed, of those made. */
  swapChecks: { made: number; inconsistent: number }
  createdAt: string
  finishedAt: string | null
  error: string | null
  config: ArenaConfig
  /** Null for arenas started before it was recorded. */
  effective: ArenaEffective | null
  /** How its role cards were chosen (query, sample, how many matched and were used); null for older arenas. */
  cards: CardSelectionRecord | null
}

/** A candidate reply as stored (contestant names are never sent to human referees). */
export interface ArenaCandidate {
  contestant: string
  content: string
  latencyMs: number | null
  promptTokens: number | null
  completionTokens: number | null
  flagged: boolean
  /** How a multi-agent contestant made the reply (never shown to human referees). */
  trace?: TurnTrace
}

/** Arena verdicts as preference pairs for DPO (LLaMA-Factory sharegpt with ranking). */
export const ArenaPreferenceExportSchema = z.object({
  arenaIds: z.array(z.string().min(1)).min(1, 'choose at least one arena'),
  /** Whose decisions: the LLM referee's, or the human votes (all annotators', or one's). */
  referee: z.enum(['llm', 'human']).default('llm'),
  annotator: z.string().trim().min(1).nullable().default(null),
  /** The counselor system prompt the trained model will get (none: no system column). */
  systemPrompt: z.string().max(50000).nullable().default(null),
  model: z.enum(['qwen2-7b-instruct', 'deepseek-llm-7b-chat']).default('qwen2-7b-instruct'),
  datasetName: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'may only contain letters, digits and _ . -')
    .default('simpsy_dpo'),
  outputDir: z.string().trim().min(1).default('saves/simpsy-counselor-dpo'),
})
export type ArenaPreferenceExportInput = z.output<typeof ArenaPreferenceExportSchema>

export interface ArenaPreferenceSummary {
  /** Chosen/rejected pairs written (a k-way choice gives k − 1). */
  pairs: number
  /** Decided turns they came from, and their dialogues. */
  turns: number
  dialogues: number
  /** Decisions that give no pair. */
  skipped: { tie: number; both_bad: number }
}

/** A human answer: a shown position (0-based), or the optional extras. */
export const VoteChoiceSchema = z.union([z.number().int().min(0).max(3), z.enum(['tie', 'both_bad'])])
export type VoteChoice = z.infer<typeof VoteChoiceSchema>

export interface ArenaTurnView {
  turn: number
  candidates: ArenaCandidate[]
  /** Indices into `candidates` in the order the referee saw them. */
  shownOrder: number[]
  /** The chosen contestant's name, 'tie', 'both_bad', or null while undecided / when the referee failed. */
  choice: string | null
  decidedBy: string | null
  refereeRaw: string | null
  refereeStatus: 'ok' | 'failed' | 'pending'
  refereeError: string | null
  swap: { choice: string | null; raw: string | null; consistent: boolean | null } | null
}

export interface ArenaDialogueView {
  id: string
  arenaId: string
  position: number
  roleCardId: string | null
  language: Language
  contestants: string[]
  status: ArenaDialogueStatus
  annotator: string | null
  /** When the annotator last claimed or voted on the dialogue (ISO time); null without an annotator. */
  annotatorSeenAt: string | null
  endReason: import('./dialogue').EndReason | null
  error: string | null
  messages: { index: number; speaker: 'client' | 'counselor'; content: string; contestant: string | null }[]
  turns: ArenaTurnView[]
}

/** What an annotator sees for one vote: history and shuffled candidates, no model names. */
export interface AnnotationTask {
  arenaId: string
  dialogueId: string
  turn: number
  language: Language
  history: { speaker: 'client' | 'counselor'; content: string }[]
  candidates: { label: string; content: string }[]
  allowTie: boolean
  allowBothBad: boolean
}

export interface AnnotationState {
  /** Whose votes these are (an annotator's access link fixes the name). */
  annotator: string
  task: AnnotationTask | null
  /** Turns this annotator has voted on, and all turns voted on in the arena. */
  progress: { mine: number; total: number; dialoguesDone: number; dialoguesTotal: number }
  /** true while candidates for the next turn are being generated. */
  preparing: boolean
  done: boolean
}

export const RatingSettingsSchema = z.object({
  k: z.number().min(0).max(400).default(4),
  initial: z.number().default(1000),
  scale: z.number().positive().default(400),
  base: z.number().gt(1).default(10),
  bootstrapRounds: z.number().int().min(100).max(10000).default(1000),
  seed: z.number().int().default(42),
})
export type RatingSettings = z.output<typeof RatingSettingsSchema>

/** One referee decision among the candidates shown; winner null = tie (both_bad counts as a tie). */
export interface Battle {
  contestants: string[]
  winner: string | null
}

export interface RatingRow {
  contestant: string
  dialogues: number
  selections: number
  selectionsPerDialogue: number
  elo: number
  bt: number
  btLow: number
  btHigh: number
}

export interface ArenaReport {
  arenaIds: string[]
  referee: 'llm' | 'human'
  /** Human reports: one annotator's votes, or null for all annotators. */
  annotator: string | null
  settings: RatingSettings
  rows: RatingRow[]
  contestants: string[]
  /** battleCounts[i][j]: battles in which i and j were both candidates. */
  battleCounts: number[][]
  /** winRates[i][j]: share of i's decided games against j that i won (ties half); null without games. */
  winRates: (number | null)[][]
  battles: number
  ties: number
  failures: number
  /**
   * Contestants that won every game they played, or lost every one: their
   * Bradley–Terry rating has no finite maximum-likelihood value, so the shown
   * one is held by the weak prior and means only "far above (below) the rest".
   */
  unbounded: string[]
  provenance: string
}

export interface AgreementReport {
  arenaId: string
  refereeEndpoint: string
  variant: RefereeVariant
  turns: number
  compared: number
  agreed: number
  accuracy: number | null
  kappa: number | null
  failures: number
  perAnnotator: { annotator: string; compared: number; accuracy: number | null; kappa: number | null }[]
}

/** running: judging (or left running by a process that stopped: resumed at next open); the rest are final. */
export const AGREEMENT_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number]

/** A judge–human agreement check: a job that asks an LLM referee about every human-voted turn of an arena. */
export interface ArenaAgreementView {
  id: string
  arenaId: string
  status: AgreementStatus
  referee: LlmReferee
  /** "name: model" of the referee endpoint when the check started. */
  refereeEndpoint: string
  /** Voted turns judged so far (failed answers included) of all voted turns; failures: no readable answer. */
  progress: { done: number; total: number; failures: number }
  /** Once completed. */
  result: AgreementReport | null
  error: string | null
  createdAt: string
  finishedAt: string | null
}
