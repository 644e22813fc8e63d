import { z } from 'zod'
import type { ExportedFile } from './api'
import { byId, method, none } from './apiMethod'
import {
  ArenaPreferenceExportSchema,
  type ArenaPreferenceSummary,
  LlmRefereeSchema,
  RatingSettingsSchema,
  StartArenaSchema,
  VoteChoiceSchema,
  type ArenaAgreementView,
  type AnnotationState,
  type ArenaConfig,
  type ArenaDialogueView,
  type ArenaReport,
  type ArenaSummary,
} from './arena'

const annotatorName = z.string().trim().min(1, 'enter your name').max(80)

const ReportRequestSchema = z.object({
  /** One arena, or several run with the same contestants, pooled. */
  arenaIds: z.array(z.string().min(1)).min(1),
  referee: z.enum(['llm', 'human']).default('llm'),
  annotator: z.string().nullable().default(null),
  settings: RatingSettingsSchema.default(RatingSettingsSchema.parse({})),
})

/** The arena part of the API contract (spread into `api` in api.ts). */
export const arenaApi = {
  /** The paper's settings for a new arena form (endpoints and contestants left to the user). */
  arenaDefaults: method(none).returns<Omit<ArenaConfig, 'contestants' | 'client' | 'referee'>>(),
  startArena: method(StartArenaSchema).returns<ArenaSummary>(),
  listArenas: method(none).returns<ArenaSummary[]>(),
  getArena: method(byId).returns<ArenaSummary>(),
  pauseArena: method(byId).returns<ArenaSummary>(),
  resumeArena: method(byId).returns<ArenaSummary>(),
  cancelArena: method(byId).returns<ArenaSummary>(),
  deleteArena: method(byId).returns<{ deleted: boolean }>(),
  listArenaDialogues: method(
    z.object({
      arenaId: z.string().min(1),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
  ).returns<{ total: number; items: Omit<ArenaDialogueView, 'messages' | 'turns'>[] }>(),
  getArenaDialogue: method(byId).returns<ArenaDialogueView>(),

  /** Human referees: the next turn to vote on for this annotator (claims a dialogue when needed). */
  nextAnnotation: method(
    z.object({
      arenaId: z.string().min(1),
      annotator: annotatorName,
      /** While the annotator’s next turn is being generated: answer once it is ready (up to this long), not now. */
      waitMs: z.number().int().min(0).max(30_000).default(0),
    }),
  ).returns<AnnotationState>(),
  submitVote: method(
    z.object({
      arenaId: z.string().min(1),
      annotator: annotatorName,
      dialogueId: z.string().min(1),
      turn: z.number().int().min(1),
      choice: VoteChoiceSchema,
    }),
  ).returns<AnnotationState>(),
  /**
   * Releases a dialogue an annotator claimed (annotator null: the next one to ask takes it) or gives it to another
   * annotator; for the arena's owner (not on annotator links).
   */
  reassignArenaDialogue: method(
    z.object({ arenaId: z.string().min(1), dialogueId: z.string().min(1), annotator: annotatorName.nullable() }),
  ).returns<Omit<ArenaDialogueView, 'messages' | 'turns'>>(),
  listAnnotators: method(z.object({ arenaId: z.string().min(1) })).returns<
    { annotator: string; votes: number; dialogues: number }[]
  >(),
  /** An access link for one annotator (serve mode): it only opens that arena's annotation page. */
  createAnnotatorLink: method(z.object({ arenaId: z.string().min(1), annotator: annotatorName })).returns<{
    path: string
    token: string
  }>(),

  arenaReport: method(ReportRequestSchema).returns<ArenaReport>(),
  exportArenaReport: method(
    ReportRequestSchema.extend({ format: z.enum(['csv', 'markdown', 'latex']) }),
  ).returns<ExportedFile>(),
  /**
   * Decided turns as preference pairs (history, chosen reply, each rejected reply) for DPO: the data file,
   * dataset_info.json (ranking) and a `stage: dpo` train YAML.
   */
  exportArenaPreferences: method(ArenaPreferenceExportSchema).returns<{
    files: ExportedFile[]
    summary: ArenaPreferenceSummary
  }>(),
  /**
   * Starts a judge–human agreement check (a job; returns at once): every human-voted turn goes to an LLM referee, then
   * accuracy and Cohen's kappa. Progress comes as 'agreement.progress' events.
   */
  startArenaAgreement: method(
    z.object({ arenaId: z.string().min(1), referee: LlmRefereeSchema }),
  ).returns<ArenaAgreementView>(),
  /** An arena's agreement checks, newest first (finished ones with their result). */
  listArenaAgreements: method(z.object({ arenaId: z.string().min(1) })).returns<ArenaAgreementView[]>(),
  getArenaAgreement: method(byId).returns<ArenaAgreementView>(),
  cancelArenaAgreement: method(byId).returns<ArenaAgreementView>(),
  /** Continues a cancelled, failed or interrupted check; turns it judged are not asked again. */
  resumeArenaAgreement: method(byId).returns<ArenaAgreementView>(),
} as const
