import { z } from 'zod'
import type { ExportedFile } from './api'
import { byId, method, none } from './apiMethod'
import {
  CreateStudySchema,
  PAIR_CHOICES,
  RaterNameSchema,
  type RaterStudyView,
  type RaterTaskView,
  type StudyDefaults,
  type StudyJudgeView,
  type StudyResults,
  type StudySummary,
  type StudyUnitView,
  type StudyView,
} from './study'

const studyId = z.string().min(1)
const raterInput = { studyId, rater: RaterNameSchema }

/** The rating-study part of the API contract (spread into `api` in api.ts). */
export const studyApi = {
  studyDefaults: method(none).returns<StudyDefaults>(),
  /** Draws the samples, pairs (pairwise), blinds and assigns; fails without changing anything when it cannot. */
  createStudy: method(CreateStudySchema).returns<StudyView>(),
  listStudies: method(none).returns<StudySummary[]>(),
  getStudy: method(byId).returns<StudyView>(),
  deleteStudy: method(byId).returns<{ deleted: boolean }>(),
  /** The owner's key to the blinded codes: which dialogues each unit holds and who rates it. */
  listStudyUnits: method(
    z.object({
      studyId,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      /**
       * Only units where a human rater gave this answer to this item or aspect (POOLED_KEY: to any): a scale point, or
       * in pairwise studies -1 (the first source's dialogue better), 0 (tie), 1 (the second's) — a result's counts.
       */
      answer: z.object({ key: z.string().min(1), value: z.number() }).optional(),
    }),
  ).returns<{ total: number; items: StudyUnitView[] }>(),
  /** Adds a rater (their share comes from units still short of R raters). */
  addStudyRater: method(z.object(raterInput)).returns<StudyView>(),
  /** An access link for one rater (serve mode): it opens only their tasks in this study. */
  createRaterLink: method(z.object(raterInput)).returns<{ path: string; token: string }>(),

  /** A rater's study: guidelines, items, and their tasks with progress (blinded). */
  raterStudy: method(z.object(raterInput)).returns<RaterStudyView>(),
  raterTask: method(z.object({ ...raterInput, unitId: z.string().min(1) })).returns<RaterTaskView>(),
  /** Saves one answer at once (null clears it); returns the rater's progress. */
  saveStudyAnswer: method(
    z.object({
      ...raterInput,
      unitId: z.string().min(1),
      key: z.string().min(1).max(40),
      value: z.union([z.number().int(), z.enum(PAIR_CHOICES)]).nullable(),
    }),
  ).returns<{ answered: number; total: number; done: number; tasks: number }>(),
  saveStudyComment: method(z.object({ ...raterInput, unitId: z.string().min(1), text: z.string().max(4000) })).returns<{
    saved: true
  }>(),

  studyResults: method(byId).returns<StudyResults>(),
  /**
   * ratings: every answer as CSV (study, unit code, dialogue id, source id, dataset, rater, item, value, time);
   * table: means / preferences and agreement as CSV, Markdown or LaTeX with provenance.
   */
  exportStudy: method(
    z.object({
      id: studyId,
      what: z.enum(['ratings', 'means', 'agreement']),
      format: z.enum(['csv', 'markdown', 'latex']).default('csv'),
    }),
  ).returns<ExportedFile>(),

  /** The study's rubric (or aspects) by an LLM judge on every unit, as one more rater (a job; progress as events). */
  startStudyJudge: method(
    z.object({
      studyId,
      endpointId: z.string().min(1, 'choose a model endpoint'),
      temperature: z.number().min(0).max(2).default(0),
    }),
  ).returns<StudyJudgeView>(),
  cancelStudyJudge: method(byId).returns<StudyJudgeView>(),
} as const
