import { z } from 'zod'
import type { EvaluationInfo } from './common'
import { consistency } from './consistency'
import { ctrs } from './ctrs'
import { distinct } from './distinct'
import { embedding } from './embedding'
import { overlap } from './overlap'
import { panas } from './panas'
import { stats } from './stats'
import { topics } from './topics'
import { wai } from './wai'

export * from './common'
export * from './consistency'
export * from './ctrs'
export * from './distinct'
export * from './embedding'
export * from './overlap'
export * from './panas'
export * from './stats'
export * from './topics'
export * from './wai'

/**
 * The registry of evaluation kinds, in the order the form and the CLI list them. Adding one: its descriptor file here
 * and one line below, its job under src/main/evaluation (one line in EVALUATION_JOBS), its result view
 * (RESULT_VIEWS), its labels in both UI languages: docs/evaluation-kinds.md. The typed records on the
 * other side are keyed by every kind here, so the compiler asks for each.
 */
export const EVALUATIONS = { stats, overlap, embedding, distinct, topics, wai, ctrs, panas, consistency } as const

export type EvaluationKind = keyof typeof EVALUATIONS
export const EVALUATION_KINDS = Object.keys(EVALUATIONS) as EvaluationKind[]

/** The stored result of an analysis, by kind. */
export type EvaluationResult = NonNullable<(typeof EVALUATIONS)[EvaluationKind]['result']>
export type ResultOf<K extends EvaluationKind> = Extract<EvaluationResult, { kind: K }>

/** A kind's descriptor. */
export const evaluationInfo = (kind: EvaluationKind): EvaluationInfo<EvaluationKind> => EVALUATIONS[kind]

export const isJudged = (kind: EvaluationKind) => EVALUATIONS[kind].judged
export const JUDGED_KINDS = EVALUATION_KINDS.filter(isJudged)

/**
 * The form's settings groups (kinds sharing one share its panel): 'overlap', 'embedding', 'distinct', 'judge',
 * 'cbtJudge'.
 */
export type SettingsGroup = NonNullable<(typeof EVALUATIONS)[EvaluationKind]['settings']>

type Start = (typeof EVALUATIONS)[EvaluationKind]['start']
/** What starting an analysis takes: the kind, a name, its datasets and its settings (each kind's own schema). */
export const StartEvaluationSchema = z.discriminatedUnion(
  'kind',
  Object.values(EVALUATIONS).map((e) => e.start) as unknown as [Start, ...Start[]],
)
export type StartEvaluationInput = z.input<typeof StartEvaluationSchema>
