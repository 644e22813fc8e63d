import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { evaluationScoreRepo } from '../../src/main/db/evaluationScoreRepo'
import { holm } from '../../src/main/evaluation/compare/pairedStats'
import { runCli } from '../support/cliProcess'
import { addCompareDatasets } from '../support/compareFixture'
import { client, tempWorkspace } from '../support/workspace'

/*
 * Comparisons over real analyses: datasets with role cards in a SQLite workspace, vocabulary-overlap analyses run by
 * the job runner (their per-dialogue 'mapping' score is the share of the card's words the client used, so each value
 * is chosen by how many of its card's four words the client says), then compareAnalyses / exportComparison / the CLI.
 *
 * Cards (four words each): c1..c7, and C's own d1..d3. Mapping = words said / 4:
 *   A (reference): c1 .25, c2 .5, c3 .25, c4 .75, c5 .5, c7 .5          (c7: no partner in B)
 *   B:             c1 .5,  c2 .75, c3 .5, c4 1,   c5 .5, c6 .25         (c6: no partner in A)
 *   C:             d1 .25, d2 .75, d3 1                                  (no card in common with A)
 * B − A on the five common cards: .25, .25, .25, .25, 0 → mean .2, SD sqrt((4·.05² + .2²)/4) = sqrt(.0125),
 * paired t = .2 / sqrt(.0125/5) = .2 / .05 = 4 with 4 df, d_z = .2 / sqrt(.0125) = 1.78885.
 * Wilcoxon: the zero is dropped, the four .25s tie (average rank 2.5): W+ = 10, W− = 0, statistic 0; n = 5 ≤ 13 with
 * ties → exact distribution given the ties: W+ = 2.5·Binomial(4, ½), P(W+ ≥ 10) = 1/16, two-sided p = 2/16 = .125;
 * rank-biserial r = 1.
 * Independent check with SciPy 1.17.1: ttest_rel(B, A) → t = 4.0, p = 0.016130089900092546; wilcoxon(B, A) →
 * statistic 0.0, p = 0.125; ttest_ind(C, A, equal_var=False) → t = 0.892288262810312, df = 2.500456491306377,
 * p = 0.44967866084456876.
 */

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

async function setup() {
  ws = tempWorkspace()
  const app = ws.open()
  const api = client(app)
  addCompareDatasets(app)
  const run = async (datasetIds: string[], name: string) => {
    // R = the cards' field values, whose four words per card the values below are counted from.
    const started = await api.startEvaluation({
      kind: 'overlap',
      name,
      datasetIds,
      config: { cardText: 'field-values' },
    })
    await app.evaluations.waitFor(started.id)
    const done = await api.getEvaluation({ id: started.id })
    expect(done.status).toBe('completed')
    return done
  }
  const ab = await run(['ds-a', 'ds-b'], 'overlap A+B')
  const c = await run(['ds-c'], 'overlap C')
  return { app, api, ab, c }
}

describe('comparing analyses', () => {
  it('pairs by role card, counts the unpaired dialogues, runs the paired t-test and Holm over the table', async () => {
    const { app, api, ab, c } = await setup()
    // The values the analyses stored are the hand-chosen ones.
    const mapping = (datasetId: string) =>
      evaluationScoreRepo(app.db)
        .ofEvaluation(datasetId === 'ds-c' ? c.id : ab.id, 'mapping')
        .filter((s) => s.datasetId === datasetId)
        .map((s) => s.value)
    expect(mapping('ds-a')).toEqual([0.25, 0.5, 0.25, 0.75, 0.5, 0.5])
    expect(mapping('ds-b')).toEqual([0.5, 0.75, 0.5, 1, 0.5, 0.25])

    const report = await api.compareAnalyses({
      evaluationIds: [ab.id, c.id],
      reference: 'ds-a',
      metrics: ['mapping'],
    })
    expect(report).toMatchObject({ kind: 'overlap', test: 'paired-t', correction: 'holm', metrics: ['mapping'] })
    expect(report.datasets.map((d) => [d.name, d.evaluationId, d.dialogues])).toEqual([
      ['CACTUS', ab.id, 6],
      ['MAGneT', ab.id, 6],
      ['Other', c.id, 3],
    ])
    // Means over all dialogues with a value: A 2.75/6, B 3.5/6, C 2/3.
    const [cells] = report.cells
    expect(cells.map((x) => x.n)).toEqual([6, 6, 3])
    expect(cells[0].mean).toBeCloseTo(2.75 / 6, 12)
    expect(cells[1].mean).toBeCloseTo(3.5 / 6, 12)
    expect(cells[2].mean).toBeCloseTo(2 / 3, 12)

    expect(report.pairings).toEqual([
      {
        datasetId: 'ds-b',
        pairs: 5,
        byCard: 5,
        bySeed: 0,
        maxSamplesPerUnit: 1,
        unpairedReference: 1,
        unpairedDataset: 1,
        unpairedDialogueIds: { reference: ['ds-a-5'], dataset: ['ds-b-5'] },
      },
      {
        datasetId: 'ds-c',
        pairs: 0,
        byCard: 0,
        bySeed: 0,
        maxSamplesPerUnit: 0,
        unpairedReference: 6,
        unpairedDataset: 3,
        unpairedDialogueIds: {
          reference: ['ds-a-0', 'ds-a-1', 'ds-a-2', 'ds-a-3', 'ds-a-4', 'ds-a-5'],
          dataset: ['ds-c-0', 'ds-c-1', 'ds-c-2'],
        },
      },
    ])

    const [[ref, b, other]] = report.tests
    expect(ref).toBeNull()
    expect(b).toMatchObject({ test: 'paired-t', n: 5, df: 4, effect: { name: 'd_z' }, rankBiserial: null })
    expect(b!.meanDifference).toBeCloseTo(0.2, 12)
    expect(b!.statistic).toBeCloseTo(4, 10)
    expect(b!.effect.value).toBeCloseTo(0.2 / Math.sqrt(0.0125), 10)
    expect(b!.p).toBeCloseTo(0.016130089900092546, 10)
    // No common card: Welch's t-test instead, on all dialogues, with Cohen's d (pooled SD).
    expect(other).toMatchObject({ test: 'welch', n: 9, effect: { name: 'd' } })
    expect(other!.statistic).toBeCloseTo(0.892288262810312, 10)
    expect(other!.df).toBeCloseTo(2.500456491306377, 9)
    expect(other!.p).toBeCloseTo(0.44967866084456876, 9)
    // Holm over the table's two tests: the smaller p doubled, the larger kept (it is above the doubled one).
    expect(b!.pAdjusted).toBeCloseTo(2 * b!.p, 12)
    expect(other!.pAdjusted).toBe(other!.p)
    expect([b!.pAdjusted, other!.pAdjusted]).toEqual(holm([b!.p, other!.p]))
    expect(b!.mark).toBe('*')
    expect(other!.mark).toBe('')

    expect(report.footnotes[0]).toContain('Holm-corrected over the 2 tests in this table')
    expect(report.footnotes[1]).toBe(
      'MAGneT vs CACTUS: paired t-test; 5 role cards in common (5 by card id, 0 by seed record); without a partner: ' +
        '1 dialogue of CACTUS, 1 of MAGneT.',
    )
    expect(report.footnotes[2]).toContain("Other vs CACTUS: Welch's t-test; no role cards in common.")
    expect(report.warnings).toEqual([
      "Other shares no role cards or seed records with CACTUS: a paired test is not possible, so it was compared with Welch's t-test.",
    ])
    expect(report.provenance).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^analysis: overlap A\\+B \\(overlap, id ${ab.id}\\); datasets CACTUS`)),
        expect.stringMatching(/^test: paired t-test \(as scipy.stats.ttest_rel\)/),
        "correction: Holm step-down over the table's 2 tests (every metric × dataset against the reference)",
        'generated by SimPsy Workbench',
      ]),
    )
  })

  it('offers Wilcoxon, Welch and Student, and no correction when asked', async () => {
    const { api, ab, c } = await setup()
    const base = { evaluationIds: [ab.id, c.id], reference: 'ds-a', metrics: ['mapping'] }
    const w = await api.compareAnalyses({ ...base, test: 'wilcoxon' })
    expect(w.tests[0][1]).toMatchObject({
      test: 'wilcoxon',
      n: 5,
      statistic: 0,
      df: null,
      p: 0.125,
      wilcoxon: { method: 'exact-conditional', z: null, zeros: 1 },
      rankBiserial: 1,
      effect: { name: 'd_z' },
    })
    expect(w.provenance.join('\n')).toContain("zero_method='wilcox': zero differences dropped")
    expect(w.footnotes[1]).toMatch(/^MAGneT vs CACTUS: Wilcoxon signed-rank test \(exact distribution given ties\);/)

    // Unpaired: every dialogue counts, pairs or not (B vs A: Welch on 6 + 6; SciPy gives t = 0.9583148474999102).
    const welch = await api.compareAnalyses({ ...base, test: 'welch' })
    expect(welch.tests[0][1]).toMatchObject({ test: 'welch', n: 12 })
    expect(welch.tests[0][1]!.statistic).toBeCloseTo(0.9583148474999102, 10)
    expect(welch.warnings).toEqual([])
    const student = await api.compareAnalyses({ ...base, test: 'student' })
    expect(student.tests[0][1]).toMatchObject({ test: 'student', df: 10 })

    const none = await api.compareAnalyses({ ...base, correction: 'none' })
    expect(none.tests[0][1]!.pAdjusted).toBe(none.tests[0][1]!.p)
    expect(none.footnotes[0]).toContain('uncorrected p values (2 tests in this table')
    expect(none.provenance).toContain('correction: none (p values as computed)')
  })

  it('takes every numeric metric by default, in a readable order, and exports CSV, Markdown and LaTeX', async () => {
    const { api, ab, c } = await setup()
    const input = { evaluationIds: [ab.id, c.id], reference: 'ds-a' }
    const report = await api.compareAnalyses(input)
    expect(report.metrics).toEqual(['mapping', 'random'])
    // Four tests now (2 metrics × 2 datasets), one Holm family.
    expect(report.footnotes[0]).toContain('Holm-corrected over the 4 tests in this table')
    const ps = report.tests.flatMap((row) => row.filter((t) => t !== null).map((t) => t.p))
    expect(report.tests.flatMap((row) => row.filter((t) => t !== null).map((t) => t.pAdjusted))).toEqual(holm(ps))

    const csv = await api.exportComparison({ ...input, format: 'csv' })
    expect(csv.fileName).toBe('overlap-comparison-vs-CACTUS.csv')
    expect(csv.content).toContain('# generated by SimPsy Workbench')
    expect(csv.content).toContain(`# analysis: overlap C (overlap, id ${c.id}); datasets Other (ds-c)`)
    expect(csv.content).toContain('# note: Note: Other shares no role cards')
    const rows = Papa.parse<Record<string, string>>(csv.content.replace(/^#.*\n/gm, ''), { header: true }).data
    expect(rows[0]).toMatchObject({
      Metric: 'mapping',
      'CACTUS n': '6',
      'MAGneT test': 'paired-t',
      'MAGneT test n': '5',
      'MAGneT statistic': '4',
      'MAGneT df': '4',
      'MAGneT effect': 'd_z',
      'Other test': 'welch',
    })
    expect(Number(rows[0]['MAGneT p (Holm)'])).toBeCloseTo(report.tests[0][1]!.pAdjusted, 5)

    const md = (await api.exportComparison({ ...input, format: 'markdown' })).content
    expect(md).toContain('| Metric | Dataset | Mean | SD | n | Effect (d_z / d) | p (Holm) | Sig. |')
    // A: mean 2.75/6 = 0.4583, squared deviations sum to 0.177083, SD sqrt(0.177083/5) = 0.188; B: mean 3.5/6 =
    // 0.5833, SD sqrt(0.333333/5) = 0.258; d_z = 1.79 (above).
    expect(md).toContain('| mapping | CACTUS (reference) | 0.46 | 0.19 | 6 | — | — | — |')
    expect(md).toMatch(/\| mapping \| MAGneT \| 0\.58 \| 0\.26 \| 6 \| 1\.79 \| [<0-9.]+ \| ((\\\*)+|n\.s\.) \|/)
    expect(md).toContain('Holm-corrected over the 4 tests')
    expect(md).toContain('<!-- generated by SimPsy Workbench -->')
    const tex = await api.exportComparison({ ...input, format: 'latex' })
    expect(tex.fileName.endsWith('.tex')).toBe(true)
    expect(tex.content).toContain('mapping & CACTUS (reference) & 0.46 & 0.19 & 6 & --- & --- & --- \\\\')
    expect(tex.content).toContain('correction: Holm step-down')
    // The same comparison keeps its label; another reference gives another.
    const label = /\\label\{(tab:compare-overlap-[0-9a-f]{8})\}/.exec(tex.content)?.[1]
    expect(label).toBeDefined()
    expect((await api.exportComparison({ ...input, format: 'latex' })).content).toContain(`\\label{${label}}`)
    const other = await api.exportComparison({ ...input, reference: 'ds-b', format: 'latex' })
    expect(other.content).not.toContain(`\\label{${label}}`)
  })

  it('says what is wrong: an unknown reference or metric, mixed kinds, analyses without scores', async () => {
    const { app, api, ab, c } = await setup()
    await expect(api.compareAnalyses({ evaluationIds: [ab.id], reference: 'ds-c' })).rejects.toThrow(
      /reference: "ds-c" is not a dataset of the chosen analyses \(they have: CACTUS \(ds-a\), MAGneT \(ds-b\)\)/,
    )
    await expect(api.compareAnalyses({ evaluationIds: [c.id], reference: 'ds-c' })).rejects.toThrow(
      /at least two datasets/,
    )
    await expect(api.compareAnalyses({ evaluationIds: [ab.id], reference: 'ds-a', metrics: ['bond'] })).rejects.toThrow(
      'metrics: "bond" not among the analyses\' metrics (mapping, random).',
    )
    const stats = await api.startEvaluation({ kind: 'stats', datasetIds: ['ds-c'] })
    await app.evaluations.waitFor(stats.id)
    await expect(api.compareAnalyses({ evaluationIds: [ab.id, stats.id], reference: 'ds-a' })).rejects.toThrow(
      /Analyses of one kind only/,
    )
    // The same dataset in two analyses: the first one's values, and a note.
    const again = await api.startEvaluation({ kind: 'overlap', name: 'overlap B+C', datasetIds: ['ds-b', 'ds-c'] })
    await app.evaluations.waitFor(again.id)
    const report = await api.compareAnalyses({ evaluationIds: [ab.id, again.id], reference: 'ds-a', test: 'welch' })
    expect(report.datasets.map((d) => d.id)).toEqual(['ds-a', 'ds-b', 'ds-c'])
    expect(report.warnings[0]).toBe('MAGneT is in "overlap A+B" and "overlap B+C": its values come from "overlap A+B".')
  })
})

describe('metric order', () => {
  it('lists the metrics in the order the analysis stored them (its items, then its summaries)', async () => {
    const { app, api, ab } = await setup()
    const metrics = ['goal', 'task', 'bond', 'item 1', 'item 2', 'item 10']
    const rows = evaluationScoreRepo(app.db).ofEvaluation(ab.id, 'mapping')
    evaluationScoreRepo(app.db).replace(
      ab.id,
      rows.flatMap((r) => metrics.map((metric, i) => ({ ...r, metric, value: (r.value ?? 0) + i }))),
    )
    const report = await api.compareAnalyses({ evaluationIds: [ab.id], reference: 'ds-a' })
    expect(report.metrics).toEqual(metrics)
  })
})

describe('evaluate compare (CLI)', () => {
  it('prints the table in the chosen format and writes it to a file', async () => {
    const { app, ab, c } = await setup()
    await app.close()
    const printed = await runCli(ws.dataDir, [
      'evaluate',
      'compare',
      ab.id,
      c.id,
      '--reference',
      'CACTUS',
      '--test',
      'wilcoxon',
      '--metric',
      'mapping',
      '--format',
      'markdown',
    ])
    expect(printed.status).toBe(0)
    expect(printed.stdout).toContain('| Metric | Dataset | Mean | SD | n | Effect (d_z / d) | p (Holm) | Sig. |')
    expect(printed.stdout).toContain('MAGneT vs CACTUS: Wilcoxon signed-rank test (exact distribution given ties)')
    expect(printed.stdout).toContain('Holm-corrected over the 2 tests in this table')
    expect(printed.stderr).toContain('Note: Other shares no role cards or seed records with CACTUS')

    const out = `${ws.dataDir}/table.csv`
    const written = await runCli(ws.dataDir, [
      'evaluate',
      'compare',
      ab.id,
      '--reference',
      'ds-a',
      '--test',
      'paired-t',
      '--no-holm',
      '--out',
      out,
    ])
    expect(written.status).toBe(0)
    expect(written.stdout).toBe(`Wrote ${out}\n`)
    const csv = readFileSync(out, 'utf8')
    expect(csv).toContain('# correction: none (p values as computed)')
    expect(csv).not.toContain('p (Holm)')
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^#.*\n/gm, ''), { header: true }).data
    expect(rows[0]).toMatchObject({ Metric: 'mapping', 'MAGneT test': 'paired-t', 'MAGneT statistic': '4' })

    const bad = await runCli(ws.dataDir, ['evaluate', 'compare', ab.id, '--reference', 'nope'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('reference: "nope" is not a dataset of the chosen analyses')
  })
})
