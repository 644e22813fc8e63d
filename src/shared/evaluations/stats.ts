import { z } from 'zod'
import { defineEvaluation, fixed, startFields } from './common'

/** The paper's Table 1, per dataset. Words are counted for English only. */
export interface DatasetStatistics {
  datasetId: string
  name: string
  conversations: number
  avgTurns: number
  clientUtterances: number
  counselorUtterances: number
  avgClientChars: number
  avgCounselorChars: number
  avgClientWords: number | null
  avgCounselorWords: number | null
}

export type StatsEvaluationResult = { kind: 'stats'; datasets: DatasetStatistics[] }

const datasets = { min: 1, max: 8 }

/** Dataset statistics: up to 8 datasets side by side, nothing to set. */
export const stats = defineEvaluation<StatsEvaluationResult>()({
  kind: 'stats',
  label: 'statistics',
  description: 'dataset statistics (up to 8 datasets)',
  judged: false,
  config: null,
  settings: null,
  defaults: null,
  datasets,
  needsRoleCards: false,
  model: null,
  units: 'counts and mean characters / words per utterance',
  outputs: { table: 'Dataset statistics', figures: [] },
  cli: { options: [], config: () => undefined },
  table: (result) => ({
    columns: [
      'Dataset',
      'Conversations',
      'Avg. turns',
      'Client utterances',
      'Counselor utterances',
      'Avg. client chars',
      'Avg. counselor chars',
      'Avg. client words',
      'Avg. counselor words',
    ],
    rows: result.datasets.map((d) => [
      d.name,
      d.conversations,
      fixed(d.avgTurns, 1),
      d.clientUtterances,
      d.counselorUtterances,
      fixed(d.avgClientChars, 1),
      fixed(d.avgCounselorChars, 1),
      fixed(d.avgClientWords, 1),
      fixed(d.avgCounselorWords, 1),
    ]),
  }),
  start: z.object({ kind: z.literal('stats'), ...startFields(datasets) }),
})
