import type { TTestKind } from '@shared/evaluation'
import { mean, std, tTest } from '../statistics'
import { renderTable, type Table } from '../tables'
import { holm, pairedTTest, wilcoxonSignedRank } from './pairedStats'
import { pairDialogues, pairedValues, type Pairing, type PairingDialogue } from './pairing'

/*
 * A table comparing k datasets on several metrics: one row per metric, one column per dataset (mean ± SD, n over the
 * dialogues that have a value), each non-reference cell marked by its test against the reference dataset. The test
 * is paired when the two datasets pair (same role cards or seeds, see ./pairing) and Welch's (or Student's) t-test
 * otherwise; all p values of the table form one family for Holm's correction, and the footnotes say so.
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
  pairedTest?: PairedTestKind
  unpairedTest?: TTestKind
  /**
   * A metric is tested paired when at least 2 pairs have values and the paired dialogues are at least this share of
   * the dialogues with a value on each side (default 0.5); otherwise unpaired.
   */
  minPairedShare?: number
  /** Lines saying where the values came from (evaluations, settings, models); the table adds its own. */
  provenance: string[]
}

export interface ComparisonTest {
  test: PairedTestKind | TTestKind
  /** Pairs (paired tests) or dialogues of both sides (unpaired). */
  n: number
  /** Mean of the differences (paired) or difference of means (unpaired), dataset − reference. */
  meanDifference: number
  statistic: number
  p: number
  /** Holm-adjusted over every test of the table. */
  pHolm: number
  effect: { name: 'd_z' | 'r_rb' | 'd'; value: number }
  mark: '' | '*' | '**' | '***'
}

export interface ComparisonResult {
  title: string
  referenceId: string
  metrics: ComparisonMetric[]
  datasets: { id: string; name: string }[]
  /** [metric][dataset]: summary over the dialogues with a value. */
  cells: { n: number; mean: number; sd: number }[][]
  /** [metric][dataset]: the test against the reference; null in the reference's column. */
  tests: (ComparisonTest | null)[][]
  /** Per non-reference dataset id: how its dialogues paired with the reference's (reference = side a). */
  pairings: Record<string, Pairing>
  footnotes: string[]
  provenance: string[]
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const markFor = (p: number): ComparisonTest['mark'] => (!(p < 0.05) ? '' : p < 0.001 ? '***' : p < 0.01 ? '**' : '*')
const WILCOXON_VARIANT =
  " (scipy.stats.wilcoxon's defaults as of SciPy 1.15: zero differences dropped, average ranks for ties, exact " +
  'distribution up to 50 pairs without ties or zeros or up to 13 with them, else normal approximation with tie ' +
  'correction and no continuity correction)'
const TEST_NAMES: Record<ComparisonTest['test'], string> = {
  'paired-t': 'paired t-test',
  wilcoxon: 'Wilcoxon signed-rank test',
  welch: "Welch's t-test",
  student: "Student's t-test",
}

export function compareDatasets(options: ComparisonOptions): ComparisonResult {
  const { metrics, datasets, referenceId } = options
  const pairedTest = options.pairedTest ?? 'paired-t'
  const unpairedTest = options.unpairedTest ?? 'welch'
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

  const raw = metrics.map((m, mi) =>
    datasets.map((d, di): Omit<ComparisonTest, 'pHolm' | 'mark'> | null => {
      if (d === reference) return null
      const pairing = pairings[d.id]
      const refValue = values.get(reference.id)!(m.key)
      const value = values.get(d.id)!(m.key)
      const paired = pairedValues(pairing, refValue, value)
      const refN = cells[mi][datasets.indexOf(reference)].n
      const n = cells[mi][di].n
      const pairable = paired.a.length >= 2 && paired.dialoguesA >= minShare * refN && paired.dialoguesB >= minShare * n
      if (pairable) {
        note(d.id, pairedTest)
        if (pairedTest === 'wilcoxon') {
          const w = wilcoxonSignedRank(paired.b, paired.a)
          return {
            test: 'wilcoxon',
            n: w.n,
            meanDifference: mean(paired.b.map((x, i) => x - paired.a[i])),
            statistic: w.statistic,
            p: w.p,
            effect: { name: 'r_rb', value: w.rankBiserial },
          }
        }
        const t = pairedTTest(paired.b, paired.a)
        return {
          test: 'paired-t',
          n: t.n,
          meanDifference: t.meanDifference,
          statistic: t.t,
          p: t.p,
          effect: { name: 'd_z', value: t.dz },
        }
      }
      note(d.id, unpairedTest)
      const xs = d.dialogues.map((x) => x.values[m.key]).filter(finite)
      const rs = reference.dialogues.map((x) => x.values[m.key]).filter(finite)
      const c = tTest(xs, rs, unpairedTest)
      return {
        test: unpairedTest,
        n: xs.length + rs.length,
        meanDifference: c.a.mean - c.b.mean,
        statistic: c.t,
        p: c.p,
        effect: { name: 'd', value: c.cohensD },
      }
    }),
  )
  const flat = raw.flat()
  const adjusted = holm(flat.filter((t) => t !== null).map((t) => t.p))
  let k = 0
  const tests = raw.map((row) =>
    row.map((t) => {
      if (!t) return null
      const pHolm = adjusted[k++]
      return { ...t, pHolm, mark: markFor(pHolm) }
    }),
  )
  const family = flat.filter((t) => t !== null && !Number.isNaN(t.p)).length

  const footnotes = [
    `Mean ± SD over the dialogues with a value (n). Marks against ${reference.name}: * p < .05, ** p < .01, ` +
      `*** p < .001, Holm-corrected over the ${family} tests in this table.`,
  ]
  for (const d of datasets) {
    if (d === reference) continue
    const p = pairings[d.id]
    const kinds = [...(notes.get(d.id) ?? [])].map((t) => TEST_NAMES[t as ComparisonTest['test']])
    const pairs = p.pairs.length
    const how = pairs
      ? ` ${pairs} role cards in common (${p.byCard} by card id, ${p.bySeed} by seed record)` +
        (p.maxSamplesPerUnit > 1
          ? `; paired tests use the mean of each card's dialogues (up to ${p.maxSamplesPerUnit} per card)`
          : '') +
        `; without a partner: ${p.unpaired.a.length} dialogues of ${reference.name}, ${p.unpaired.b.length} of ${d.name}.`
      : ' no role cards in common.'
    footnotes.push(`${d.name} vs ${reference.name}: ${kinds.join(' / ')};${how}`)
  }
  const provenance = [
    ...options.provenance,
    `comparison: reference ${reference.name} (${reference.id}); datasets ${datasets.map((d) => `${d.name} (${d.id})`).join('; ')}`,
    `tests: ${TEST_NAMES[pairedTest]}${pairedTest === 'wilcoxon' ? WILCOXON_VARIANT : ''} when paired (pairs ≥ 2 covering ≥ ${minShare * 100}% of both sides' dialogues), ` +
      `else ${TEST_NAMES[unpairedTest]}; Holm correction over the table's ${family} tests`,
    'generated by SimPsy Workbench',
  ]
  return {
    title: options.title,
    referenceId,
    metrics,
    datasets: datasets.map((d) => ({ id: d.id, name: d.name })),
    cells,
    tests,
    pairings,
    footnotes,
    provenance,
  }
}

/** A Table (../tables) whose footnotes go with it into every export. */
export type ComparisonTable = Table & { footnotes: string[] }

const shown = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : String(x))
const precise = (x: number) => (Number.isNaN(x) ? null : Number.isFinite(x) ? Number(x.toPrecision(6)) : String(x))

/**
 * 'compact': one column per dataset, cells "mean ± SD (n = …)" with the significance mark (Markdown, LaTeX);
 * 'wide': per dataset mean, SD and n, and per non-reference dataset its test, difference, statistic, p, Holm p,
 * effect size and mark as separate columns (CSV, for further analysis).
 */
export function comparisonTable(result: ComparisonResult, layout: 'compact' | 'wide'): ComparisonTable {
  const refIndex = result.datasets.findIndex((d) => d.id === result.referenceId)
  const base = { title: result.title, provenance: result.provenance, footnotes: result.footnotes }
  if (layout === 'compact') {
    return {
      ...base,
      columns: ['Metric', ...result.datasets.map((d, i) => (i === refIndex ? `${d.name} (reference)` : d.name))],
      rows: result.metrics.map((m, mi) => [
        m.label,
        ...result.cells[mi].map((c, di) => {
          if (c.n === 0) return null
          const digits = m.digits ?? 2
          const spread = Number.isNaN(c.sd) ? '' : ` ± ${shown(c.sd, digits)}`
          return `${shown(c.mean, digits)}${spread} (n = ${c.n})${result.tests[mi][di]?.mark ?? ''}`
        }),
      ]),
    }
  }
  const testColumns = ['test', 'difference', 'statistic', 'p', 'p (Holm)', 'effect', 'effect size', 'mark']
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
        const t = result.tests[mi][di]
        const summary = [precise(c.mean), precise(c.sd), c.n]
        if (!t) return summary
        return [
          ...summary,
          t.test,
          precise(t.meanDifference),
          precise(t.statistic),
          precise(t.p),
          precise(t.pHolm),
          t.effect.name,
          precise(t.effect.value),
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
