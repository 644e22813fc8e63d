import { z } from 'zod'

/*
 * Comparing datasets across finished analyses: one table, rows = metrics (the per-dialogue scores the analyses
 * stored), columns = datasets, each dataset tested against a reference. Built in src/main/evaluation/compare/.
 */

export const COMPARISON_TESTS = ['paired-t', 'wilcoxon', 'welch', 'student'] as const
export type ComparisonTestKind = (typeof COMPARISON_TESTS)[number]
export const PAIRED_TESTS = ['paired-t', 'wilcoxon'] as const satisfies readonly ComparisonTestKind[]
export const isPairedTest = (test: ComparisonTestKind): test is 'paired-t' | 'wilcoxon' =>
  (PAIRED_TESTS as readonly string[]).includes(test)

export const CORRECTIONS = ['holm', 'none'] as const
export type Correction = (typeof CORRECTIONS)[number]

export const CompareInputSchema = z.object({
  /** Completed analyses of one kind; their datasets (each at most once) are the table's columns. */
  evaluationIds: z.array(z.string().min(1)).min(1).max(20),
  /** The dataset every other one is tested against. */
  reference: z.string().min(1),
  /** The rows, in this order (default: every metric with a number in any of the analyses). */
  metrics: z.array(z.string().min(1)).min(1).max(200).optional(),
  /** Paired tests need dialogues on the same role cards or seed records; datasets that do not pair get Welch's. */
  test: z.enum(COMPARISON_TESTS).default('paired-t'),
  /** Holm's step-down correction over every test of the table, or none. */
  correction: z.enum(CORRECTIONS).default('holm'),
})
export type CompareInput = z.input<typeof CompareInputSchema>

export const ExportComparisonSchema = CompareInputSchema.extend({ format: z.enum(['csv', 'markdown', 'latex']) })

export type SignificanceMark = '' | '*' | '**' | '***'

/** One dataset against the reference on one metric. Differences are dataset − reference. */
export interface ComparisonTest {
  test: ComparisonTestKind
  /** Pairs (paired tests) or dialogues of both sides (unpaired). */
  n: number
  /** Mean of the differences (paired) or difference of means (unpaired). */
  meanDifference: number
  /** t (t-tests) or min(W+, W−) (Wilcoxon, as SciPy reports it). */
  statistic: number
  /** Degrees of freedom of a t-test; null for Wilcoxon. */
  df: number | null
  /** Wilcoxon only: which null distribution gave p, and z when it was the normal approximation. */
  wilcoxon: { method: 'exact' | 'exact-conditional' | 'normal'; z: number | null; zeros: number } | null
  /** Two-sided. */
  p: number
  /** Holm-adjusted over the table's tests (equal to p without correction). */
  pAdjusted: number
  /** Cohen's d_z (paired: mean difference / SD of the differences) or Cohen's d (unpaired, pooled SD). */
  effect: { name: 'd_z' | 'd'; value: number }
  /** Wilcoxon only: matched-pairs rank-biserial correlation (W+ − W−) / (W+ + W−). */
  rankBiserial: number | null
  mark: SignificanceMark
}

/** How one dataset's dialogues paired with the reference's (by role card id, then seed record). */
export interface PairingSummary {
  datasetId: string
  /** Cards (or seed records) present on both sides. */
  pairs: number
  byCard: number
  bySeed: number
  /** The most dialogues one card holds on either side (> 1: paired tests use each card's mean). */
  maxSamplesPerUnit: number
  /** Dialogues whose card is present on one side only (or that have no card). */
  unpairedReference: number
  unpairedDataset: number
  /** Their ids, for opening them. */
  unpairedDialogueIds: { reference: string[]; dataset: string[] }
}

export interface ComparisonReport {
  title: string
  kind: string
  evaluations: { id: string; name: string; datasetIds: string[] }[]
  referenceId: string
  test: ComparisonTestKind
  correction: Correction
  metrics: string[]
  /** In column order (the analyses' order, each analysis's datasets in its order). */
  datasets: { id: string; name: string; evaluationId: string; dialogues: number }[]
  /** [metric][dataset]: over the dialogues with a value. */
  cells: { n: number; mean: number; sd: number }[][]
  /** [metric][dataset]: the test against the reference; null in the reference's column and where none could run. */
  tests: (ComparisonTest | null)[][]
  /** [metric][dataset]: why there is no test (null where there is one, and in the reference's column). */
  untested: (string | null)[][]
  /** Per non-reference dataset, in column order. */
  pairings: PairingSummary[]
  /** What the table's footnotes say (tests, correction, marks, pairing), as exported. */
  footnotes: string[]
  /** Things to know before trusting the table (different settings across analyses, no cards in common). */
  warnings: string[]
  provenance: string[]
}
