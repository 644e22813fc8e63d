import { z } from 'zod'
import { defineEvaluation, fixed, formatsOf, startFields } from './common'

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
  // One row per dataset, as the paper's Table 1; the word columns only when a dataset is English.
  table: (result) => {
    const words = result.datasets.some((d) => d.avgClientWords !== null || d.avgCounselorWords !== null)
    return {
      columns: [
        'Dataset',
        'Dialogues',
        'Avg. turns',
        'Client utt.',
        'Counselor utt.',
        'Client chars',
        'Counselor chars',
        ...(words ? ['Client words', 'Counselor words'] : []),
      ],
      formats: formatsOf(1, 0, 1, 0, 0, 1, 1, ...(words ? [1, 1] : [])),
      rows: result.datasets.map((d) => [
        d.name,
        d.conversations,
        fixed(d.avgTurns, 1),
        d.clientUtterances,
        d.counselorUtterances,
        fixed(d.avgClientChars, 1),
        fixed(d.avgCounselorChars, 1),
        ...(words ? [fixed(d.avgClientWords, 1), fixed(d.avgCounselorWords, 1)] : []),
      ]),
      footnotes: [
        'Turns: counselor utterances per dialogue; utt.: utterances; chars' +
          (words
            ? ' and words: mean characters and words per utterance (words for English only).'
            : ': mean characters per utterance.'),
      ],
    }
  },
  start: z.object({ kind: z.literal('stats'), ...startFields(datasets) }),
})
