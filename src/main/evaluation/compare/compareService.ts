import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { ExportedFile } from '@shared/api'
import { isPairedTest, type CompareInputSchema, type ComparisonReport } from '@shared/comparison'
import { WorkbenchError } from '@shared/errors'
import { EVALUATIONS, type EvaluationKind, type EvaluationSummary } from '@shared/evaluation'
import type { DialogueRepo } from '../../db/dialogueRepo'
import type { EvaluationScoreRepo } from '../../db/evaluationScoreRepo'
import { compareDatasets, renderComparison, type ComparisonDataset, type ComparisonResult } from './comparisonTable'
import { pairingDialogue } from './pairing'

/*
 * Comparing datasets across finished analyses of one kind, on the per-dialogue scores the analyses stored
 * (evaluation_scores): rows = metrics, columns = the analyses' datasets, each tested against a reference dataset,
 * paired by role card or seed record when a paired test is asked for (./pairing, ./comparisonTable).
 */

export type CompareRequest = z.output<typeof CompareInputSchema>

export function compareService(deps: {
  summary: (id: string) => EvaluationSummary
  scores: EvaluationScoreRepo
  dialogues: DialogueRepo
  /** Which model produced an analysis's numbers (judge endpoint or embedding model), for provenance. */
  describeModel: (kind: EvaluationKind, config: unknown, jobId?: string) => string | undefined
}) {
  function build(input: CompareRequest): { result: ComparisonResult; report: ComparisonReport } {
    if (new Set(input.evaluationIds).size !== input.evaluationIds.length)
      throw new WorkbenchError('invalid_input', { key: 'evaluations.compareTwice' })
    const analyses = input.evaluationIds.map(deps.summary)
    for (const a of analyses)
      if (a.status !== 'completed')
        throw new WorkbenchError('conflict', {
          key: 'evaluations.compareNotCompleted',
          params: { name: a.name, status: a.status },
        })
    const kind = analyses[0].kind
    const otherKind = analyses.find((a) => a.kind !== kind)
    if (otherKind)
      throw new WorkbenchError('invalid_input', {
        key: 'evaluations.compareKinds',
        params: { name: analyses[0].name, kind, otherName: otherKind.name, otherKind: otherKind.kind },
      })
    const names = new Map(deps.dialogues.listDatasets().map((d) => [d.id, d.name]))
    const nameOf = (id: string) => names.get(id) ?? `deleted dataset ${id}`
    const warnings: string[] = []

    // Columns: each analysis's datasets in its order; a dataset in several analyses takes the first one's values.
    const columns: { datasetId: string; analysis: EvaluationSummary }[] = []
    for (const analysis of analyses)
      for (const datasetId of analysis.datasetIds) {
        const first = columns.find((c) => c.datasetId === datasetId)
        if (first)
          warnings.push(
            `${nameOf(datasetId)} is in "${first.analysis.name}" and "${analysis.name}": its values come from ` +
              `"${first.analysis.name}".`,
          )
        else columns.push({ datasetId, analysis })
      }
    if (columns.length < 2) throw new WorkbenchError('invalid_input', { key: 'evaluations.compareTooFew' })
    if (!columns.some((c) => c.datasetId === input.reference))
      throw new WorkbenchError('invalid_input', {
        key: 'evaluations.compareReference',
        params: {
          reference: input.reference,
          datasets: columns.map((c) => `${nameOf(c.datasetId)} (${c.datasetId})`).join(', '),
        },
      })

    // Scores per analysis, per dataset, per dialogue: numbers only (a round's topic label is not a metric here).
    const numeric = new Set<string>()
    const values = new Map<string, Map<string, Map<string, Record<string, number | null>>>>()
    for (const analysis of analyses) {
      const rows = deps.scores.ofEvaluation(analysis.id)
      if (rows.length === 0)
        throw new WorkbenchError('conflict', { key: 'evaluations.compareNoScores', params: { name: analysis.name } })
      const byDataset = new Map<string, Map<string, Record<string, number | null>>>()
      for (const r of rows) {
        const dialogues = byDataset.get(r.datasetId) ?? byDataset.set(r.datasetId, new Map()).get(r.datasetId)!
        const dialogue = dialogues.get(r.dialogueId) ?? dialogues.set(r.dialogueId, {}).get(r.dialogueId)!
        dialogue[r.metric] = r.value
        if (r.value !== null) numeric.add(r.metric)
      }
      values.set(analysis.id, byDataset)
    }
    // In the analyses' own order (WAI: goal, task, bond, item 1 … item 12; CTRS: its items, then the groups).
    const available = [...new Set(analyses.flatMap((a) => deps.scores.metrics(a.id)))].filter((m) => numeric.has(m))
    if (available.length === 0) throw new WorkbenchError('conflict', { key: 'evaluations.compareNoNumeric' })
    const unknown = (input.metrics ?? []).filter((m) => !numeric.has(m))
    if (unknown.length)
      throw new WorkbenchError('invalid_input', {
        key: 'evaluations.compareMetrics',
        params: { metrics: unknown.map((m) => `"${m}"`).join(', '), available: available.join(', ') },
      })
    const metrics = input.metrics ? [...new Set(input.metrics)] : available

    const datasets: ComparisonDataset[] = columns.map(({ datasetId, analysis }) => {
      const scored = values.get(analysis.id)!.get(datasetId) ?? new Map()
      const cards = new Map(deps.dialogues.cardsOf(datasetId).map((d) => [d.id, d]))
      return {
        id: datasetId,
        name: nameOf(datasetId),
        // The analysed dialogues (those with scores); one deleted since has no card to pair by.
        dialogues: [...scored].map(([id, metricValues]) => ({
          ...pairingDialogue(cards.get(id) ?? { id, roleCardId: null, roleCard: null }),
          values: metricValues,
        })),
      }
    })

    const settings = (a: EvaluationSummary) =>
      JSON.stringify(EVALUATIONS[a.kind].config?.safeParse(a.config).data ?? a.config)
    const differing = analyses.filter((a) => settings(a) !== settings(analyses[0]))
    if (differing.length)
      warnings.push(
        `The analyses' settings differ ("${analyses[0].name}" against ${differing.map((a) => `"${a.name}"`).join(', ')}` +
          '): differences between datasets may come from the settings (see the provenance).',
      )
    const models = new Set(analyses.map((a) => deps.describeModel(a.kind, a.config) ?? ''))
    if (models.size > 1) warnings.push('The analyses used different models (see the provenance).')

    const refName = nameOf(input.reference)
    const result = compareDatasets({
      title: `${EVALUATIONS[kind].label}: ${columns.length} datasets against ${refName}`,
      // The same comparison (analyses, reference, metrics, test, correction) keeps its label; another gets another.
      label: `compare-${kind}-${createHash('sha256')
        .update(JSON.stringify([input.evaluationIds, input.reference, metrics, input.test, input.correction]))
        .digest('hex')
        .slice(0, 8)}`,
      metrics: metrics.map((m) => ({ key: m, label: m })),
      datasets,
      referenceId: input.reference,
      test: input.test,
      correction: input.correction,
      provenance: analyses.flatMap((a) => {
        const model = deps.describeModel(a.kind, a.config, a.id)
        return [
          `analysis: ${a.name} (${a.kind}, id ${a.id}); datasets ${a.datasetIds.map((id) => `${nameOf(id)} (${id})`).join('; ')}`,
          `  settings: ${settings(a)}${model ? `; model: ${model}` : ''}; finished: ${a.finishedAt ?? '?'}; ` +
            `failed units: ${a.progress.failures}`,
        ]
      }),
    })

    const refIndex = columns.findIndex((c) => c.datasetId === input.reference)
    const pairings = columns
      .filter((_, i) => i !== refIndex)
      .map(({ datasetId }) => {
        const p = result.pairings[datasetId]
        return {
          datasetId,
          pairs: p.pairs.length,
          byCard: p.byCard,
          bySeed: p.bySeed,
          maxSamplesPerUnit: p.maxSamplesPerUnit,
          unpairedReference: p.unpaired.a.length,
          unpairedDataset: p.unpaired.b.length,
          unpairedDialogueIds: {
            reference: p.unpaired.a.map((u) => u.dialogueId),
            dataset: p.unpaired.b.map((u) => u.dialogueId),
          },
        }
      })
    if (isPairedTest(input.test))
      for (const p of pairings)
        if (p.pairs === 0)
          warnings.push(
            `${nameOf(p.datasetId)} shares no role cards or seed records with ${refName}: a paired test is not ` +
              "possible, so it was compared with Welch's t-test.",
          )

    const report: ComparisonReport = {
      title: result.title,
      kind,
      evaluations: analyses.map((a) => ({ id: a.id, name: a.name, datasetIds: a.datasetIds })),
      referenceId: input.reference,
      test: input.test,
      correction: input.correction,
      metrics,
      datasets: columns.map((c, i) => ({
        id: c.datasetId,
        name: datasets[i].name,
        evaluationId: c.analysis.id,
        dialogues: datasets[i].dialogues.length,
      })),
      cells: result.cells,
      tests: result.tests,
      untested: result.untested,
      pairings,
      footnotes: result.footnotes,
      warnings,
      provenance: result.provenance,
    }
    return { result, report }
  }

  return {
    compare: (input: CompareRequest): ComparisonReport => build(input).report,
    export(input: CompareRequest, format: 'csv' | 'markdown' | 'latex'): ExportedFile {
      const { result, report } = build(input)
      const file = renderComparison(
        { ...result, footnotes: [...result.footnotes, ...report.warnings.map((w) => `Note: ${w}`)] },
        format,
      )
      const reference = report.datasets.find((d) => d.id === report.referenceId)!.name
      const safe = `${report.kind}-comparison-vs-${reference}`.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80)
      return { fileName: `${safe}.${file.extension}`, mimeType: file.mimeType, content: file.content }
    },
  }
}
export type CompareService = ReturnType<typeof compareService>
