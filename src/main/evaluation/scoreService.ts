import Papa from 'papaparse'
import { WorkbenchError } from '@shared/errors'
import {
  EvaluationScoresQuerySchema,
  type DialogueScoreRow,
  type DialogueScores,
  type EvaluationScoresPage,
  type EvaluationScoresQuery,
} from '@shared/evaluation'
import type { DialogueRepo } from '../db/dialogueRepo'
import type { EvaluationRepo } from '../db/evaluationRepo'
import type { EvaluationScoreRepo } from '../db/evaluationScoreRepo'

/** Items grouped by a key, in first-seen order. */
function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group) group.push(item)
    else groups.set(key(item), [item])
  }
  return groups
}

/** Per-dialogue results: pages of dialogues by a metric, their CSV, and one dialogue's results across analyses. */
export function scoreService(deps: {
  scores: EvaluationScoreRepo
  evaluations: EvaluationRepo
  dialogues: DialogueRepo
}) {
  const { scores, evaluations, dialogues } = deps
  const evaluation = (id: string) => {
    const found = evaluations.get(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'evaluations.notFound', params: { id } })
    return found
  }

  /** Rows of the given dialogues (in that order) with every metric of the analysis. */
  function rows(evaluationId: string, ids: readonly string[]): DialogueScoreRow[] {
    const byDialogue = groupBy(scores.ofDialogues(evaluationId, ids), (s) => s.dialogueId)
    return ids.map((id) => {
      const mine = byDialogue.get(id) ?? []
      const summary = dialogues.summary(id)
      return {
        dialogueId: id,
        datasetId: mine[0]?.datasetId ?? summary?.datasetId ?? '',
        sourceId: summary ? dialogues.sourceIdOf(id) : null,
        position: summary?.position ?? -1,
        // A dialogue deleted after the analysis keeps its scores; it is named by its id.
        title: summary?.title ?? id,
        values: Object.fromEntries(mine.map((s) => [s.metric, s.value])),
        labels: Object.fromEntries(mine.flatMap((s) => (s.label ? [[s.metric, s.label]] : []))),
      }
    })
  }

  return {
    page(query: EvaluationScoresQuery): EvaluationScoresPage {
      const q = EvaluationScoresQuerySchema.parse(query)
      evaluation(q.id)
      const metrics = scores.metrics(q.id)
      const metric = q.metric ?? metrics[0] ?? null
      if (metric === null) return { metrics, metric, total: 0, items: [] }
      if (!metrics.includes(metric))
        throw new WorkbenchError('invalid_input', {
          key: 'evaluations.unknownMetric',
          params: { metric, metrics: metrics.join(', ') || 'none' },
        })
      const { total, dialogueIds } = scores.page({ ...q, evaluationId: q.id, metric })
      return { metrics, metric, total, items: rows(q.id, dialogueIds) }
    },

    /** One row per dialogue: ids, dataset, then every metric (numbers; a label-only metric's label). */
    csv(id: string): { fileName: string; mimeType: string; content: string } {
      const record = evaluation(id)
      const metrics = scores.metrics(id)
      if (metrics.length === 0)
        throw new WorkbenchError('conflict', {
          key: 'evaluations.noDialogueResults',
          params: { name: record.name, status: record.status },
        })
      const names = new Map(dialogues.listDatasets().map((d) => [d.id, d.name]))
      const data = [...groupBy(scores.forExport(id), (s) => s.dialogueId)].map(([dialogueId, mine]) => {
        const byMetric = new Map(mine.map((s) => [s.metric, s]))
        const cell = (m: string) => byMetric.get(m)?.label ?? byMetric.get(m)?.value ?? ''
        const { datasetId, position, sourceId } = mine[0]
        return [
          dialogueId,
          sourceId ?? '',
          names.get(datasetId) ?? datasetId,
          position === null ? '' : position + 1,
          ...metrics.map(cell),
        ]
      })
      const content = Papa.unparse({ fields: ['dialogue_id', 'source_id', 'dataset', 'position', ...metrics], data })
      const safe = record.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80)
      return { fileName: `${safe}-per-dialogue.csv`, mimeType: 'text/csv', content }
    },

    ofDialogue(dialogueId: string): DialogueScores {
      if (!dialogues.summary(dialogueId))
        throw new WorkbenchError('not_found', { key: 'datasets.dialogueNotFound', params: { id: dialogueId } })
      const byEvaluation = groupBy(scores.ofDialogue(dialogueId), (s) => s.evaluationId)
      const analyses = [...byEvaluation].flatMap(([evaluationId, mine]) => {
        const record = evaluations.get(evaluationId)
        if (!record) return []
        return [
          {
            evaluationId,
            name: record.name,
            kind: record.kind,
            createdAt: record.createdAt,
            values: Object.fromEntries(mine.map((s) => [s.metric, s.value])),
            labels: Object.fromEntries(mine.flatMap((s) => (s.label ? [[s.metric, s.label]] : []))),
            answers: evaluations
              .resultsOfDialogue(evaluationId, dialogueId)
              .map(({ round, item, value, label, raw, status, error }) => ({
                round,
                item,
                value,
                label,
                raw,
                status,
                error,
              })),
          },
        ]
      })
      analyses.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      return { analyses: analyses.map(({ createdAt: _c, ...a }) => a) }
    },
  }
}
export type ScoreService = ReturnType<typeof scoreService>
