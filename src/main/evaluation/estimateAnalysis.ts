import type { AnalysisDialogues, EvaluationKind, JudgeEstimate } from '@shared/evaluation'
import { isJudged, JUDGED_KINDS } from '@shared/evaluation'
import { WorkbenchError } from '@shared/errors'
import type { DialogueRepo } from '../db/dialogueRepo'
import { sampledDialogues, sampleOf } from './dialogueSample'
import type { JobKind } from './evaluationRunner'

export interface EstimateInput {
  kind: EvaluationKind
  datasetIds: string[]
  config?: unknown
  dialogues?: AnalysisDialogues
}

/** A judged analysis's sample of each dataset (undefined: every dialogue it reads). */
export function analysisSampler(dialogues: DialogueRepo, kind: EvaluationKind, config: unknown, completeOnly: boolean) {
  const sample = isJudged(kind) ? sampleOf(config) : null
  return (datasetId: string) =>
    sample ? sampledDialogues(dialogues.cardsOf(datasetId, completeOnly), sample) : undefined
}

/**
 * What a judged analysis will cost: its dialogues sized in SQL (one query per dataset), read one at a time only to
 * count cached answers in small sets. Runs in the workspace worker (a 55k-dialogue estimate reads ~0.6 M rows).
 */
export function estimateAnalysis(job: JobKind, dialogues: DialogueRepo, input: EstimateInput): JudgeEstimate {
  if (!job.estimate)
    throw new WorkbenchError('invalid_input', {
      key: 'evaluations.notJudged',
      params: { kinds: JUDGED_KINDS.join(', ') },
    })
  const completeOnly = (input.dialogues ?? 'complete') === 'complete'
  const sampled = analysisSampler(dialogues, input.kind, input.config, completeOnly)
  const only = new Map(input.datasetIds.map((id) => [id, sampled(id)]))
  return job.estimate(input.config, {
    count: input.datasetIds.reduce(
      (n, id) => n + (only.get(id)?.size ?? dialogues.countDialogues(id, completeOnly)),
      0,
    ),
    *details() {
      for (const id of input.datasetIds) yield* dialogues.iterateDetails(id, only.get(id), completeOnly)
    },
    *sizes() {
      for (const id of input.datasetIds)
        yield* dialogues.iterateSizes(id, { only: only.get(id), completeOnly, withCards: true })
    },
  })
}
