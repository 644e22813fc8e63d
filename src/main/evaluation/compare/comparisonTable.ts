import type { TTestKind } from '@shared/evaluation'
import {
  isPairedTest,
  type ComparisonTest,
  type ComparisonTestKind,
  type Correction,
  type SignificanceMark,
} from '@shared/comparison'
import { mean, std, tTest } from '../statistics'
import { renderTable, type Table } from '../tables'
import { holm, pairedTTest, wilcoxonSignedRank } from './pairedStats'
import { pairDialogues, pairedValues, type Pairing, type PairingDialogue } from './pairing'
import { plural } from '@shared/plural'

export type { ComparisonTest } from '@shared/comparison'

/*
 * A table comparing k datasets on several metrics: one row per metric, one column per dataset (mean ± SD, n over the
 * dialogues that have a value), each non-reference cell marked by its test against the reference dataset. With a
 * paired test chosen, it is used where the two datasets pair (same role cards or seeds, see ./pairing) and Welch's
 * (or Student's) t-test otherwise; with an unpaired test chosen, every column gets it. All p values of the table form
 * one family for Holm's correction (or none), and the footnotes say which tests ran and how.
 */

export interface ComparisonMetric {
  key: string
  label: string
  /** Decimals shown (default 2). */
  digits?: number
}

export interface ComparisonDialogue extends PairingDialogue {
  /** Value per metric key; missing, null or non-finite = no value (a failed judgement). */
  values: Record<string, number | null | undefined>
}

export interface ComparisonDataset {
  id: string
  name: string
  dialogues: ComparisonDialogue[]
}

export type PairedTestKind = 'paired-t' | 'wilcoxon'

export interface ComparisonOptions {
  title: string
  metrics: ComparisonMetric[]
  datasets: ComparisonDataset[]
  referenceId: string
  /** The test asked for (default 'paired-t'). */
  test?: ComparisonTestKind
  /** With a paired test: the test for a dataset that does not pair with the reference (default 'welch'). */
  fallback?: TTestKind
  /** Holm over all tests of the table (default), or none. */
  correction?: Correction
  /**
   * A metric is tested paired when at least 2 pairs have values and the paired dialogues are at least this share of
   * the dialogues with a value on each side (default 0.5); otherwise unpaired.
   */
  minPairedShare?: number
  /** Lines saying where the values came from (evaluations, settings, models); the table adds its own. */
  provenance: string[]
  /** The LaTeX label after "tab:", stable and unique per comparison. */
  label?: string
}

export interface ComparisonResult {
  title: string
  label?: string
  referenceId: string
  test: ComparisonTestKind
  correction: Correction
  metrics: ComparisonMetric[]
  datasets: { id: string; name: string }[]
  /** [metric][dataset]: summary over the dialogues with a value. */
  cells: { n: number; mean: number; sd: number }[][]
  /** [metric][dataset]: the test against the reference; null in the reference's column and where none could run. */
  tests: (ComparisonTest | null)[][]
  /** [metric][dataset]: why no test ran (null where one did, and in the reference's column). */
  untested: (string | null)[][]
  /** Per non-reference dataset id: how its dialogues paired with the reference's (reference = side a). */
  pairings: Record<string, Pairing>
  footnotes: string[]
  provenance: string[]
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const markFor = (p: number): SignificanceMark => (!(p < 0.05) ? '' : p < 0.001 ? '***' : p < 0.01 ? '**' : '*')

/** How each test is computed, exactly, for the provenance. */
export const TEST_DESCRIPTIONS: Record<ComparisonTestKind, string> = {
  'paired-t':
    "paired t-test (as scipy.stats.ttest_rel), two-sided, df = pairs − 1; effect size Cohen's d_z = mean difference / " +
    'SD of the differences',
  wilcoxon:
    "Wilcoxon signed-rank test, two-sided, as scipy.stats.wilcoxon's defaults in SciPy 1.15+ (zero_method='wilcox': " +
    'zero differences dropped; average ranks for ties; correction=False; method=auto: exact distribution up to 50 ' +
    'pairs without ties or zeros, exact distribution given the tied ranks up to 13 pairs with ties or zeros, else ' +
    'normal approximation with tie correction and no continuity correction); statistic min(W+, W−); effect sizes ' +
    "matched-pairs rank-biserial r = (W+ − W−)/(W+ + W−) and Cohen's d_z",
  welch:
    "Welch's t-test (unequal variances, Welch–Satterthwaite df), two-sided; effect size Cohen's d = difference of " +
    'means / pooled SD',
  student: "Student's t-test (pooled variance), two-sided; effect size Cohen's d = difference of means / pooled SD",
}
export const TEST_NAMES: Record<ComparisonTestKind, string> = {
  'paired-t': 'paired t-test',
  wilcoxon: 'Wilcoxon signed-rank test',
  welch: "Welch's t-test",
  student: "Student's t-test",
}
const WILCOXON_METHODS = {
  exact: 'exact distribution',
  'exact-conditional': 'exact distribution given ties',
  normal: 'normal approximation',
}

export function compareDatasets(options: ComparisonOptions): ComparisonResult {
  const { metrics, datasets, referenceId } = options
  const test = options.test ?? 'paired-t'
  const paired = isPairedTest(test)
  const unpairedTest: TTestKind = paired ? (options.fallback ?? 'welch') : (test as TTestKind)
  const correction = options.correction ?? 'holm'
  const minShare = options.minPairedShare ?? 0.5
  if (datasets.length < 2) throw new Error(`a comparison needs at least 2 datasets, got ${datasets.length}`)
  if (metrics.length === 0) throw new Error('a comparison needs at least one metric')
  const ids = new Set(datasets.map((d) => d.id))
  if (ids.size !== datasets.length) throw new Error('each dataset may appear only once in a comparison')
  if (new Set(metrics.map((m) => m.key)).size !== metrics.length) throw new Error('metric keys must be unique')
  const reference = datasets.find((d) => d.id === referenceId)
  if (!reference) throw new Error(`the reference dataset "${referenceId}" is not among the compared datasets`)
  if (!(minShare >= 0 && minShare <= 1)) throw new RangeError(`minPairedShare must lie in [0, 1], got ${minShare}`)

  const valueOf = (d: ComparisonDataset) => {
    const byId = new Map(d.dialogues.map((x) => [x.id, x.values]))
    return (metric: string) => (id: string) => byId.get(id)?.[metric]
  }
  const values = new Map(datasets.map((d) => [d.id, valueOf(d)]))
  const pairings: Record<string, Pairing> = {}
  for (const d of datasets) if (d !== reference) pairings[d.id] = pairDialogues(reference.dialogues, d.dialogues)

  const cells = metrics.map((m) =>
    datasets.map((d) => {
      const xs = d.dialogues.map((x) => x.values[m.key]).filter(finite)
      return { n: xs.length, mean: mean(xs), sd: std(xs) }
    }),
  )
  const notes = new Map<string, Set<string>>()
  const note = (datasetId: string, text: string) =>
    (notes.get(datasetId) ?? notes.set(datasetId, new Set()).get(datasetId)!).add(text)
  const untested = metrics.map(() => datasets.map((): string | null => null))

  type Raw = Omit<ComparisonTest, 'pAdjusted' | 'mark'>
  const raw = metrics.map((m, mi) =>
    datasets.map((d, di): Raw | null => {
      if (d === reference) return null
      const refN = cells[mi][datasets.indexOf(reference)].n
      const n = cells[mi][di].n
      const skip = (reason: string) => {
        untested[mi][di] = reason
        return null
      }
      if (refN === 0 || n === 0) return skip(`no values for ${refN === 0 ? reference.name : d.name}`)
      if (paired) {
        const pairs = pairedValues(pairings[d.id], values.get(reference.id)!(m.key), values.get(d.id)!(m.key))
        const pairable = pairs.a.length >= 2 && pairs.dialoguesA >= minShare * refN && pairs.dialoguesB >= minShare * n
        if (pairable) {
          note(d.id, test)
          const t = pairedTTest(pairs.b, pairs.a)
          const effect = { name: 'd_z' as const, value: t.dz }
          if (test === 'wilcoxon') {
            const w = wilcoxonSignedRank(pairs.b, pairs.a)
            if (Number.isNaN(w.p)) return skip(`all ${w.n} paired differences are zero`)
            note(d.id, `wilcoxon:${w.method}`)
            return {
              test,
              n: w.n,
              meanDifference: t.meanDifference,
              statistic: w.statistic,
              df: null,
              wilcoxon: { method: w.method, z: Number.isNaN(w.z) ? null : w.z, zeros: w.zeros },
              p: w.p,
              effect,
              rankBiserial: w.rankBiserial,
            }
          }
          return {
            test,
            n: t.n,
            meanDifference: t.meanDifference,
            statistic: t.t,
            df: t.df,
            wilcoxon: null,
            p: t.p,
            effect,
            rankBiserial: null,
          }
        }
      }
      const xs = d.dialogues.map((x) => x.values[m.key]).filter(finite)
      const rs = reference.dialogues.map((x) => x.values[m.key]).filter(finite)
      if (xs.length < 2 || rs.length < 2)
        return skip(`fewer than 2 values for ${rs.length < 2 ? reference.name : d.name}`)
      note(d.id, unpairedTest)
      const c = tTest(xs, rs, unpairedTest)
      return {
        test: unpairedTest,
        n: xs.length + rs.length,
        meanDifference: c.a.mean - c.b.mean,
        statistic: c.t,
        df: c.df,
        wilcoxon: null,
        p: c.p,
        effect: { name: 'd', value: c.cohensD },
        rankBiserial: null,
      }
    }),
  )
  const flat = raw.flat().filter((t) => t !== null)
  const adjusted = correction === 'holm' ? holm(flat.map((t) => t.p)) : flat.map((t) => t.p)
  const adjustedOf = new Map(flat.map((t, i) => [t, adjusted[i]]))
  const tests = raw.map((row) =>
    row.map((t) => {
      if (!t) return null
      const pAdjusted = adjustedOf.get(t)!
      return { ...t, pAdjusted, mark: markFor(pAdjusted) }
    }),
  )
  const family = flat.filter((t) => !Number.isNaN(t.p)).length

  const marks =
    correction === 'holm'
      ? `Holm-corrected over the ${plural(family, 'test', 'tests')} in this table`
      : `uncorrected p values (${plural(family, 'test', 'tests')} in this table, no correction for multiple comparisons)`
  const footnotes = [
    `Mean and SD over the dialogues with a value (n); effect size and p against ${reference.name} (dashes where ` +
      `no test ran). Marks: * p < .05, ** p < .01, *** p < .001, n.s. not significant; ${marks}.`,
  ]
  for (const d of datasets) {
    if (d === reference) continue
    const p = pairings[d.id]
    const used = [...(notes.get(d.id) ?? [])]
    const kinds = used.filter((t) => !t.includes(':')).map((t) => TEST_NAMES[t as ComparisonTestKind])
    const methods = used.filter((t) => t.startsWith('wilcoxon:'))
    const how = methods.length
      ? ` (${methods.map((t) => WILCOXON_METHODS[t.slice(9) as keyof typeof WILCOXON_METHODS]).join(' / ')})`
      : ''
    const pairs = p.pairs.length
    const pairing = pairs
      ? ` ${pairs} role cards in common (${p.byCard} by card id, ${p.bySeed} by seed record)` +
        (p.maxSamplesPerUnit > 1
          ? `; paired tests use the mean of each card's dialogues (up to ${p.maxSamplesPerUnit} per card)`
          : '') +
        `; without a partner: ${plural(p.unpaired.a.length, 'dialogue', 'dialogues')} of ${reference.name}, ${p.unpaired.b.length} of ${d.name}.`
      : ' no role cards in common.'
    const threshold = pairs ? ` (at least 2 pairs covering at least ${minShare * 100}% of each side's dialogues)` : ''
    const fellBack =
      paired && used.includes(unpairedTest)
        ? ` A paired test needs dialogues on the same role cards or seed records${threshold}, so ` +
          `${TEST_NAMES[unpairedTest]} was used instead` +
          (used.includes(test) ? ' for the metrics where they did not.' : '.')
        : ''
    const tested = kinds.length ? `${kinds.join(' / ')}${how}` : 'not tested'
    footnotes.push(`${d.name} vs ${reference.name}: ${tested};${pairing}${fellBack}`)
  }
  const provenance = [
    ...options.provenance,
    `comparison: reference ${reference.name} (${reference.id}); datasets ${datasets.map((d) => `${d.name} (${d.id})`).join('; ')}`,
    paired
      ? `test: ${TEST_DESCRIPTIONS[test]}; used when the datasets pair (at least 2 pairs covering at least ` +
        `${minShare * 100}% of both sides' dialogues with a value; a card's several dialogues enter as their mean), ` +
        `else ${TEST_DESCRIPTIONS[unpairedTest]}`
      : `test: ${TEST_DESCRIPTIONS[unpairedTest]}, on all dialogues with a value`,
    correction === 'holm'
      ? `correction: Holm step-down over the table's ${plural(family, 'test', 'tests')} (every metric × dataset against the reference)`
      : 'correction: none (p values as computed)',
    `significance marks: * p < .05, ** p < .01, *** p < .001 (${correction === 'holm' ? 'Holm-adjusted' : 'uncorrected'})`,
    'generated by SimPsy Workbench',
  ]
  return {
    title: options.title,
    ...(options.label ? { label: options.label } : {}),
    referenceId,
    test,
    correction,
    metrics,
    datasets: datasets.map((d) => ({ id: d.id, name: d.name })),
    cells,
    tests,
    untested,
    pairings,
    footnotes,
    provenance,
  }
}

/** A Table (../tables) whose footnotes go with it into every export. */
export type ComparisonTable = Table & { footnotes: string[] }

const precise = (x: number) => (Number.isNaN(x) ? null : Number.isFinite(x) ? Number(x.toPrecision(6)) : String(x))

/**
 * 'compact': one row per metric and dataset, the few statistics as columns (mean, SD, n, and against the reference
 * the effect size, p and its mark), each column with one number of decimals (Markdown, LaTeX); 'wide': per dataset
 * mean, SD and n, and per non-reference dataset its test, n, difference, statistic, df, p, Holm p, effect sizes,
 * Wilcoxon method and mark as separate columns (CSV, for further analysis). A cell without a test says why in its
 * test column (wide) or shows dashes (compact).
 */
export function comparisonTable(result: ComparisonResult, layout: 'compact' | 'wide'): ComparisonTable {
  const refIndex = result.datasets.findIndex((d) => d.id === result.referenceId)
  const base = {
    title: result.title,
    provenance: result.provenance,
    footnotes: result.footnotes,
    ...(result.label ? { label: result.label } : {}),
  }
  if (layout === 'compact') {
    const tests = result.tests.flat().filter((t) => t !== null)
    const effects = [...new Set(tests.map((t) => t.effect.name))]
    const digits = Math.max(...result.metrics.map((m) => m.digits ?? 2))
    return {
      ...base,
      columns: [
        'Metric',
        'Dataset',
        'Mean',
        'SD',
        'n',
        effects.length === 1 ? effects[0] : `Effect (${effects.join(' / ') || 'd'})`,
        result.correction === 'holm' ? 'p (Holm)' : 'p',
        'Sig.',
      ],
      formats: ['text', 'text', digits, digits, 0, 2, 'p', 'text'],
      rows: result.metrics.flatMap((m, mi) =>
        result.cells[mi].map((c, di) => {
          const t = result.tests[mi][di]
          const dataset = result.datasets[di].name
          return [
            m.label,
            di === refIndex ? `${dataset} (reference)` : dataset,
            c.n === 0 ? null : precise(c.mean),
            c.n === 0 ? null : precise(c.sd),
            c.n,
            t ? precise(t.effect.value) : null,
            t ? precise(t.pAdjusted) : null,
            t ? t.mark || 'n.s.' : null,
          ]
        }),
      ),
    }
  }
  const holmed = result.correction === 'holm'
  const testColumns = [
    'test',
    'test n',
    'difference',
    'statistic',
    'df',
    'p',
    ...(holmed ? ['p (Holm)'] : []),
    'effect',
    'effect size',
    'r_rb',
    'Wilcoxon method',
    'mark',
  ]
  return {
    ...base,
    columns: [
      'Metric',
      ...result.datasets.flatMap((d, i) => [
        `${d.name} mean`,
        `${d.name} SD`,
        `${d.name} n`,
        ...(i === refIndex ? [] : testColumns.map((c) => `${d.name} ${c}`)),
      ]),
    ],
    rows: result.metrics.map((m, mi) => [
      m.label,
      ...result.cells[mi].flatMap((c, di) => {
        const summary = [precise(c.mean), precise(c.sd), c.n]
        if (di === refIndex) return summary
        const t = result.tests[mi][di]
        if (!t) return [...summary, `not tested: ${result.untested[mi][di]}`, ...testColumns.slice(1).map(() => null)]
        return [
          ...summary,
          t.test,
          t.n,
          precise(t.meanDifference),
          precise(t.statistic),
          t.df === null ? null : precise(t.df),
          precise(t.p),
          ...(holmed ? [precise(t.pAdjusted)] : []),
          t.effect.name,
          precise(t.effect.value),
          t.rankBiserial === null ? null : precise(t.rankBiserial),
          t.wilcoxon?.method ?? null,
          t.mark,
        ]
      }),
    ]),
  }
}

/**
 * The comparison as CSV (wide layout; footnotes as "# note:" lines after the provenance), Markdown (compact; the
 * footnotes as text under the table) or LaTeX (compact; the footnotes in small type under the tabular), each with
 * the provenance the table exports of ../tables carry.
 */
export function renderComparison(
  result: ComparisonResult,
  format: 'csv' | 'markdown' | 'latex',
): { content: string; mimeType: string; extension: string } {
  if (format === 'csv') return renderTable(comparisonTable(result, 'wide'), 'csv')
  const table = comparisonTable(result, 'compact')
  if (format === 'latex') return renderTable(table, 'latex')
  // Significance marks are asterisks: literal in Markdown cells.
  const rows = table.rows.map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/\*/g, '\\*') : v)))
  return renderTable({ ...table, rows }, 'markdown')
}
