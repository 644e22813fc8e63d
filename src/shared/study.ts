import { z } from 'zod'
import type { Speaker } from './dialogue'

/**
 * Expert rating studies: people (and, beside them, an LLM judge) rate whole dialogues on a rubric, or compare two
 * dialogues of different methods on the same card aspect by aspect. Where each dialogue came from is hidden from
 * raters; each dialogue goes to R raters with balanced loads.
 */

export const STUDY_DESIGNS = ['rubric', 'pairwise'] as const
export type StudyDesign = (typeof STUDY_DESIGNS)[number]

/** Text a rater reads, in both interface languages (one may be empty: the other is shown). */
export const BilingualSchema = z
  .object({ en: z.string().trim().max(4000).default(''), zh: z.string().trim().max(4000).default('') })
  .refine((t) => t.en !== '' || t.zh !== '', 'write it in English or Chinese (or both)')
export type Bilingual = z.output<typeof BilingualSchema>

const itemKey = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, “.”, “_” or “-” (it names the column in exports)')

/** What a score (or a band of scores, from..to) means. */
export const AnchorSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  text: BilingualSchema,
})
export type Anchor = z.output<typeof AnchorSchema>

/** One rubric item: a question answered on an integer scale, with anchors for some or all levels. */
export const RubricItemSchema = z
  .object({
    key: itemKey,
    name: BilingualSchema,
    question: BilingualSchema,
    scale: z
      .object({ min: z.number().int().min(-10).max(10), max: z.number().int().min(-10).max(20) })
      .refine((s) => s.max > s.min && s.max - s.min <= 10, 'the scale needs 2 to 11 points (max above min)'),
    anchors: z.array(AnchorSchema).max(11).default([]),
  })
  .superRefine((item, ctx) => {
    item.anchors.forEach((a, i) => {
      if (a.from > a.to || a.from < item.scale.min || a.to > item.scale.max)
        ctx.addIssue({
          code: 'custom',
          path: ['anchors', i],
          message: `must lie within the scale ${item.scale.min}–${item.scale.max} (from ≤ to)`,
        })
    })
  })
export type RubricItem = z.output<typeof RubricItemSchema>

/** One aspect of a pairwise comparison (A better / B better / tie). */
export const AspectSchema = z.object({ key: itemKey, name: BilingualSchema, question: BilingualSchema })
export type Aspect = z.output<typeof AspectSchema>

export const BUILTIN_RUBRICS = ['wai-o-s', 'ctrs'] as const
export type BuiltinRubric = (typeof BUILTIN_RUBRICS)[number]

/** Where a study's dialogues come from: a seeded sample of one dataset, shown to the owner under `label`. */
export const StudySourceSchema = z.object({
  datasetId: z.string().min(1, 'choose a dataset'),
  /** The owner's name for this arm (e.g. "MAGneT"); never shown to raters. Default: the dataset's name. */
  label: z.string().trim().max(80).default(''),
  /** Dialogues drawn (rubric: from this dataset; pairwise: pairs, drawn from the cards both datasets share). */
  sampleSize: z.number().int().min(1).max(5000),
})
export type StudySource = z.output<typeof StudySourceSchema>

const raterName = z.string().trim().min(1, 'enter a name').max(80)
export const RaterNameSchema = raterName

export const CreateStudySchema = z
  .object({
    name: z.string().trim().min(1, 'name the study').max(200),
    design: z.enum(STUDY_DESIGNS),
    /** rubric: one or more datasets (stratified: each its own sample); pairwise: exactly two. */
    sources: z.array(StudySourceSchema).min(1).max(8),
    /** Seeds the samples, the order dialogues are shown in, the A/B sides and the assignment. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    /** Raters per dialogue (R). */
    ratersPerDialogue: z.number().int().min(1).max(20).default(3),
    raters: z.array(raterName).min(1).max(100),
    /** Which built-in rubric `items` came from, or 'custom' (for provenance). */
    rubric: z.enum([...BUILTIN_RUBRICS, 'custom']).default('custom'),
    items: z.array(RubricItemSchema).max(60).default([]),
    aspects: z.array(AspectSchema).max(30).default([]),
    /** Pairwise: how the two datasets' dialogues are matched (the same role card id, or the same source record id). */
    pairBy: z.enum(['card', 'source']).default('card'),
    guidelines: BilingualSchema,
    /** A free-text comment per dialogue. */
    comments: z.boolean().default(true),
  })
  .superRefine((study, ctx) => {
    const raters = new Set<string>()
    study.raters.forEach((name, i) => {
      if (raters.has(name.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['raters', i], message: `“${name}” is listed twice` })
      raters.add(name.toLowerCase())
    })
    if (study.ratersPerDialogue > study.raters.length)
      ctx.addIssue({
        code: 'custom',
        path: ['ratersPerDialogue'],
        message: `is more than the ${study.raters.length} raters listed`,
      })
    if (study.design === 'rubric' && study.items.length === 0)
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'a rubric study needs at least one item' })
    if (study.design === 'pairwise' && study.aspects.length === 0)
      ctx.addIssue({ code: 'custom', path: ['aspects'], message: 'a pairwise study needs at least one aspect' })
    if (study.design === 'pairwise' && study.sources.length !== 2)
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'a pairwise study compares exactly two datasets' })
    const keys = study.design === 'rubric' ? study.items.map((i) => i.key) : study.aspects.map((a) => a.key)
    const seen = new Set<string>()
    keys.forEach((key, i) => {
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: [study.design === 'rubric' ? 'items' : 'aspects', i, 'key'],
          message: `“${key}” is used twice`,
        })
      seen.add(key)
    })
  })
export type CreateStudyInput = z.input<typeof CreateStudySchema>
export type StudyConfig = z.output<typeof CreateStudySchema>

/** What the new-study form starts from: the built-in rubrics, default aspects and guidelines. */
export interface StudyDefaults {
  rubrics: { id: BuiltinRubric; name: Bilingual; items: RubricItem[]; note: Bilingual }[]
  aspects: Aspect[]
  /** Why the default aspects are what they are (shown beside them). */
  aspectsNote: Bilingual
  guidelines: { rubric: Bilingual; pairwise: Bilingual }
  seed: number
  ratersPerDialogue: number
}

export interface RaterProgress {
  rater: string
  assigned: number
  /** Dialogues (or pairs) with every item answered. */
  done: number
  lastAnswerAt: string | null
}

export interface StudySummary {
  id: string
  name: string
  design: StudyDesign
  /** Dialogues (rubric) or pairs (pairwise). */
  units: number
  raters: number
  /** Answers given / answers due, over all raters (answers = units × items). */
  answered: number
  due: number
  createdAt: string
}

export interface StudySourceView extends StudySource {
  /** The dataset's name at creation (the dataset may be deleted since). */
  datasetName: string
  /** Dialogues drawn (rubric) or pairs found (pairwise). */
  drawn: number
}

export type JudgeStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted'

/** An LLM judge answering the study's rubric (or aspects) on its units, as one more (non-human) rater. */
export interface StudyJudgeView {
  id: string
  studyId: string
  /** "name (model)" of the endpoint at start. */
  endpoint: string
  temperature: number
  status: JudgeStatus
  done: number
  failed: number
  total: number
  error: string | null
  createdAt: string
  finishedAt: string | null
}

export interface StudyView extends StudySummary {
  config: StudyConfig
  sources: StudySourceView[]
  progress: RaterProgress[]
  judges: StudyJudgeView[]
}

/** One unit as the owner sees it: which dialogues are behind the blinded code. */
export interface StudyUnitView {
  id: string
  code: string
  /** rubric: one; pairwise: [first source's, second source's]. */
  dialogues: { datasetId: string; dialogueId: string; sourceIndex: number; title: string }[]
  /** Pairwise: the second source's dialogue is shown as A. */
  swapped: boolean
  raters: string[]
}

/** What a rater sees of the study: no dataset, method, model or dialogue ids. */
export interface RaterStudyView {
  studyId: string
  name: string
  design: StudyDesign
  rater: string
  guidelines: Bilingual
  items: RubricItem[]
  aspects: Aspect[]
  comments: boolean
  tasks: { unitId: string; code: string; answered: number; total: number; commented: boolean }[]
  done: number
  total: number
}

/** The key of results rows that pool every item or aspect (no item or aspect key can be written so). */
export const POOLED_KEY = '*'

export const PAIR_CHOICES = ['A', 'B', 'tie'] as const
export type PairChoice = (typeof PAIR_CHOICES)[number]

export interface RaterTaskView {
  unitId: string
  code: string
  /** rubric: one transcript; pairwise: A then B. */
  transcripts: { side: 'A' | 'B' | null; messages: { speaker: Speaker; content: string }[] }[]
  /** Item or aspect key → the answer given (a scale point, or A / B / tie). */
  answers: Record<string, number | PairChoice>
  comment: string
}

export interface MeanInterval {
  n: number
  mean: number | null
  sd: number | null
  /** 95% t interval over dialogues (each dialogue's mean over its raters). */
  low: number | null
  high: number | null
}

export interface PreferenceRate {
  /** Decisions for the first source, the second, and ties (each answer of each rater counts). */
  first: number
  second: number
  ties: number
  /** first / (first + second): how often the first source was preferred when not tied. */
  rate: number | null
  /** 95% Wilson interval of `rate`. */
  low: number | null
  high: number | null
  /** Two-sided sign (binomial) test of first vs second, ties left out. */
  p: number | null
}

export interface AgreementFigures {
  /** Units with at least two ratings. */
  units: number
  raters: number
  alphaInterval: number | null
  alphaOrdinal: number | null
  /** Over the units every one of these raters rated (null when no such units: use alpha). */
  icc21: number | null
  icc2k: number | null
  iccUnits: number
  /** Quadratic-weighted Cohen's kappa per pair of raters, over the units both rated. */
  kappas: { a: string; b: string; n: number; kappa: number | null }[]
}

export interface StudyResults {
  studyId: string
  design: StudyDesign
  sources: { index: number; label: string; datasetId: string }[]
  /** Rubric: per item (and POOLED_KEY: the mean of all a dialogue's answers) and source. */
  means: { key: string; sourceIndex: number; stat: MeanInterval }[]
  /** Pairwise: per aspect (and POOLED_KEY: all aspects pooled). */
  preferences: { key: string; stat: PreferenceRate }[]
  /**
   * Per item or aspect, and POOLED_KEY (all items pooled as units, when they share a scale): among the human raters,
   * and with the LLM judge as one more rater.
   */
  agreement: { key: string; humans: AgreementFigures; withJudge: AgreementFigures | null }[]
  /** The judge run used for `withJudge` (the newest completed one), if any. */
  judge: { id: string; endpoint: string; rater: string } | null
  provenance: string[]
}
