import type { ApiHandlers } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { EvaluationKind } from '@shared/evaluation'
import type { SessionGroups } from '@shared/sessionGroups'
import type { DialogueRepo } from '../../db/dialogueRepo'
import type { EvaluationScoreRepo } from '../../db/evaluationScoreRepo'
import type { EvaluationRepo } from '../../db/evaluationRepo'
import type { EventBus } from '../../events'
import { compareService } from '../../evaluation/compare/compareService'
import type { EvaluationRunner } from '../../evaluation/evaluationRunner'
import type { ScoreService } from '../../evaluation/scoreService'
import { evaluationTable, renderTable } from '../../evaluation/tables'
import { DEFAULT_TAXONOMY } from '../../evaluation/topics/taxonomy'
import { WAI_ITEMS } from '../../evaluation/wai/items'

type EvaluationMethods =
  | 'estimateEvaluation'
  | 'startEvaluation'
  | 'exportEvaluationBatch'
  | 'importEvaluationBatch'
  | 'listEvaluations'
  | 'getEvaluation'
  | 'pauseEvaluation'
  | 'resumeEvaluation'
  | 'cancelEvaluation'
  | 'deleteEvaluation'
  | 'listEvaluationFailures'
  | 'exportEvaluationTable'
  | 'evaluationVocabulary'
  | 'listEvaluationScores'
  | 'exportEvaluationScores'
  | 'dialogueScores'
  | 'evaluationSessionGroups'
  | 'compareAnalyses'
  | 'exportComparison'

export function evaluationHandlers(deps: {
  runner: EvaluationRunner
  repo: EvaluationRepo
  dialogues: DialogueRepo
  scoreRepo: EvaluationScoreRepo
  events: EventBus
  scores: ScoreService
  estimate: ApiHandlers['estimateEvaluation']
  importBatch: ApiHandlers['importEvaluationBatch']
  /** Which model produced the numbers (judge endpoint or embedding model), for provenance. */
  describeModel: (kind: EvaluationKind, config: unknown, jobId?: string) => string | undefined
  /** Per-dialogue results grouped by session index (follow-up runs). */
  sessionGroups: (evaluationId: string) => SessionGroups
}): Pick<ApiHandlers, EvaluationMethods> {
  const { runner, repo } = deps
  const compare = compareService({
    summary: (id) => runner.summary(id),
    scores: deps.scoreRepo,
    dialogues: deps.dialogues,
    describeModel: deps.describeModel,
  })
  return {
    estimateEvaluation: deps.estimate,
    startEvaluation: (input, call) => runner.start(input, call),
    exportEvaluationBatch: (input) => runner.exportBatch(input),
    importEvaluationBatch: deps.importBatch,
    listEvaluations: () => runner.list(),
    getEvaluation: ({ id }) => runner.summary(id),
    pauseEvaluation: ({ id }) => runner.stop(id, 'pause'),
    resumeEvaluation: ({ id }) => runner.resume(id),
    cancelEvaluation: ({ id }) => runner.stop(id, 'cancel'),
    deleteEvaluation: async ({ id }) => {
      await runner.stop(id, 'cancel').catch(() => undefined)
      return { deleted: repo.delete(id) }
    },
    listEvaluationFailures: ({ id, limit }) => {
      runner.summary(id)
      return repo.failures(id, limit).map(({ key, datasetId, dialogueId, round, item, raw, error, attempts }) => ({
        key,
        datasetId,
        dialogueId,
        round,
        item,
        raw,
        error,
        attempts,
      }))
    },
    listEvaluationScores: (query) => deps.scores.page(query),
    exportEvaluationScores: ({ id }) => deps.scores.csv(id),
    dialogueScores: ({ id }) => deps.scores.ofDialogue(id),
    evaluationSessionGroups: ({ id }) => deps.sessionGroups(id),
    evaluationVocabulary: () => ({
      taxonomyVersion: DEFAULT_TAXONOMY.version,
      topics: DEFAULT_TAXONOMY.topics,
      categories: DEFAULT_TAXONOMY.categories,
      waiItems: WAI_ITEMS.map(({ number, factor, reversed, zh, en }) => ({ number, factor, reversed, zh, en })),
    }),
    exportEvaluationTable: ({ id, format }) => {
      const summary = runner.summary(id)
      if (!summary.result)
        throw new WorkbenchError('conflict', {
          key: 'evaluations.noResult',
          params: { name: summary.name, status: summary.status },
        })
      const names = new Map(deps.dialogues.listDatasets().map((d) => [d.id, d.name]))
      const table = evaluationTable(
        summary,
        (datasetId) => names.get(datasetId) ?? datasetId,
        deps.describeModel(summary.kind, summary.config, summary.id),
      )
      const file = renderTable(table, format)
      const safe = summary.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80)
      return { fileName: `${safe}.${file.extension}`, mimeType: file.mimeType, content: file.content }
    },
    compareAnalyses: (input) => compare.compare(input),
    exportComparison: ({ format, ...input }) => compare.export(input, format),
  }
}
