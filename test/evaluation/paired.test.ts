import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Papa from 'papaparse'
import { afterEach, describe, expect, it } from 'vitest'
import {
  compareDatasets,
  renderComparison,
  type ComparisonDataset,
} from '../../src/main/evaluation/compare/comparisonTable'
import {
  averageRanks,
  holm,
  pairedTTest,
  signedRankCounts,
  wilcoxonSignedRank,
} from '../../src/main/evaluation/compare/pairedStats'
import { pairDialogues, pairedValues, pairingDialogue, seedKey } from '../../src/main/evaluation/compare/pairing'
import { tTest } from '../../src/main/evaluation/statistics'
import { client, tempWorkspace } from '../support/workspace'

/*
 * Reference values: test/fixtures/paired/scipy-reference.json, written by test/fixtures/paired/scipy_reference.py
 * (SciPy 1.17.1, NumPy, fixed seed; inputs and outputs both in the file). Besides it: hand-worked examples and, for
 * the exact signed-rank distribution, a brute-force enumeration of all 2^n sign assignments written in this file.
 */
interface WilcoxonCase {
  name: string
  kind: 'wilcoxon'
  a: number[]
  b: number[]
  statistic: number | null
  p: number | null
  wPlus: number
  wMinus: number
  zeros: number
  ties: boolean
}
interface TCase {
  name: string
  kind: 'ttest'
  a: number[]
  b: number[]
  paired: { t: number; df: number; p: number; ci95: [number, number]; dz: number }
  welch: { t: number; df: number; p: number }
  student: { t: number; df: number; p: number }
}
const reference = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/paired/scipy-reference.json'), 'utf8'),
) as { scipy: string; cases: (WilcoxonCase | TCase)[] }
const wilcoxonCases = reference.cases.filter((c): c is WilcoxonCase => c.kind === 'wilcoxon')
const tCases = reference.cases.filter((c): c is TCase => c.kind === 'ttest')

/** Relative closeness for p values that may be tiny. */
const closeRel = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300))

/** Two-sided exact p by visiting every sign assignment of the ranks (independent of signedRankCounts). */
function bruteForceP(ranks: number[], wPlus: number) {
  let atMost = 0
  let atLeast = 0
  const total = 2 ** ranks.length
  for (let mask = 0; mask < total; mask++) {
    let s = 0
    ranks.forEach((r, i) => {
      if (mask & (1 << i)) s += r
    })
    if (s <= wPlus + 1e-9) atMost++
    if (s >= wPlus - 1e-9) atLeast++
  }
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total)
}

describe('paired t-test', () => {
  it('matches a hand-worked example', () => {
    // d = a − b = [1, 2, 3, 4, 5]: mean 3, SD √2.5, SE √2.5/√5 = √0.5, t = 3/√0.5 = 4.2426, df 4, d_z = 3/√2.5.
    // 95% CI = 3 ± t(0.975, 4) · √0.5 with t(0.975, 4) = 2.776445 (t table).
    const r = pairedTTest([11, 12, 13, 14, 15], [10, 10, 10, 10, 10])
    expect(r).toMatchObject({ n: 5, df: 4, meanDifference: 3 })
    expect(r.t).toBeCloseTo(3 / Math.sqrt(0.5), 12)
    expect(r.dz).toBeCloseTo(3 / Math.sqrt(2.5), 12)
    expect(r.ci95[0]).toBeCloseTo(3 - 2.776445 * Math.sqrt(0.5), 5)
    expect(r.ci95[1]).toBeCloseTo(3 + 2.776445 * Math.sqrt(0.5), 5)
    expect(r.p).toBeGreaterThan(0.01)
    expect(r.p).toBeLessThan(0.02)
  })

  it.each(tCases)('matches scipy.stats.ttest_rel: $name', (c) => {
    const r = pairedTTest(c.a, c.b)
    closeRel(r.t, c.paired.t)
    expect(r.df).toBe(c.paired.df)
    closeRel(r.p, c.paired.p, 1e-7)
    closeRel(r.ci95[0], c.paired.ci95[0], 1e-8)
    closeRel(r.ci95[1], c.paired.ci95[1], 1e-8)
    closeRel(r.dz, c.paired.dz)
  })

  it.each(tCases)("the unpaired tests it falls back to match scipy's ttest_ind: $name", (c) => {
    for (const kind of ['welch', 'student'] as const) {
      const r = tTest(c.a, c.b, kind)
      closeRel(r.t, c[kind].t)
      closeRel(r.df, c[kind].df)
      closeRel(r.p, c[kind].p, 1e-7)
    }
  })

  it('gives the limits without spread, NaN below two pairs, and refuses unequal lengths', () => {
    expect(pairedTTest([2, 3, 4], [1, 2, 3])).toMatchObject({ t: Infinity, p: 0, dz: Infinity, ci95: [1, 1] })
    expect(pairedTTest([2, 3], [2, 3])).toMatchObject({ t: 0, p: 1, dz: 0 })
    expect(pairedTTest([1], [2]).p).toBeNaN()
    expect(() => pairedTTest([1, 2], [1])).toThrow('paired values must come in pairs: got 2 and 1')
    expect(() => pairedTTest([1, NaN], [1, 2])).toThrow('value 2 is NaN')
  })
})

describe('Wilcoxon signed-rank test', () => {
  it('matches a hand-worked example without ties', () => {
    // d = [1, −2, 3, 4, 5]: ranks 1..5, W+ = 1+3+4+5 = 13, W− = 2. Of the 32 sign assignments, W+ ≤ 2 in 3
    // ({}, {1}, {2}) and by symmetry W+ ≥ 13 in 3, so p = 2 · 3/32 = 0.1875; r = (13 − 2) / 15.
    const r = wilcoxonSignedRank([11, 8, 13, 14, 15], [10, 10, 10, 10, 10])
    expect(r).toMatchObject({ n: 5, zeros: 0, ties: false, wPlus: 13, wMinus: 2, statistic: 2, method: 'exact' })
    expect(r.p).toBe(0.1875)
    expect(r.rankBiserial).toBeCloseTo(11 / 15, 12)
  })

  it('drops zero differences and gives ties their average rank (hand-worked)', () => {
    // d = [0, 2, −2, 3, 0, 1]: zeros dropped; |d| = [2, 2, 3, 1] → ranks [2.5, 2.5, 4, 1]; W+ = 2.5+4+1 = 7.5,
    // W− = 2.5. n = 6 ≤ 13 with ties and zeros: the exact distribution of W+ over the 16 signs of the 4 ranks;
    // W+ ≤ 2.5 for {}, {1}, {2.5}, {2.5'} = 4 of 16, so p = 2 · 4/16 = 0.5.
    const r = wilcoxonSignedRank([5, 7, 3, 8, 4, 6], [5, 5, 5, 5, 4, 5])
    expect(r).toMatchObject({ n: 6, zeros: 2, ties: true, wPlus: 7.5, wMinus: 2.5, method: 'exact-conditional' })
    expect(r.p).toBe(0.5)
    expect(r.rankBiserial).toBeCloseTo(0.5, 12)
    expect(averageRanks([2, 2, 3, 1])).toEqual({ ranks: [2.5, 2.5, 4, 1], tieGroups: [1, 2, 1] })
  })

  it('counts the signed-rank distribution as full enumeration does', () => {
    for (const ranks of [
      [1, 2, 3, 4, 5, 6, 7],
      [1.5, 1.5, 3, 4.5, 4.5, 6],
      [2, 2, 2, 4.5, 4.5, 6, 7, 8],
    ]) {
      const counts = signedRankCounts(ranks)
      expect(counts.reduce((s, c) => s + c, 0)).toBe(2 ** ranks.length)
      const total = ranks.reduce((s, r) => s + r, 0)
      for (let w = 0; w <= total; w += 0.5) {
        const viaCounts = Math.min(
          1,
          (2 *
            Math.min(
              counts.filter((_, s) => s <= 2 * w).reduce((x, y) => x + y, 0),
              counts.filter((_, s) => s >= 2 * w).reduce((x, y) => x + y, 0),
            )) /
            2 ** ranks.length,
        )
        expect(viaCounts).toBe(bruteForceP(ranks, w))
      }
    }
  })

  it.each(wilcoxonCases)(`matches scipy.stats.wilcoxon (defaults, SciPy ${reference.scipy}): $name`, (c) => {
    const r = wilcoxonSignedRank(c.a, c.b)
    expect(r.wPlus).toBe(c.wPlus)
    expect(r.wMinus).toBe(c.wMinus)
    expect(r.zeros).toBe(c.zeros)
    expect(r.ties).toBe(c.ties)
    expect(r.statistic).toBe(c.statistic)
    if (c.p === null) expect(r.p).toBeNaN()
    else closeRel(r.p, c.p, 1e-9)
    const expectedMethod = /\((exact conditional|exact|normal)/.exec(c.name)?.[1]
    if (expectedMethod) expect(r.method).toBe(expectedMethod.replace(' ', '-'))
  })

  it('the exact-conditional p of the tied cases equals brute-force enumeration', () => {
    for (const c of wilcoxonCases.filter((x) => x.name.includes('exact conditional'))) {
      const d = c.a.map((x, i) => x - c.b[i]).filter((x) => x !== 0)
      const { ranks } = averageRanks(d.map(Math.abs))
      expect(wilcoxonSignedRank(c.a, c.b).p).toBeCloseTo(bruteForceP(ranks, c.wPlus), 12)
    }
  })
})

describe('Holm correction', () => {
  it('matches hand-worked step-down values', () => {
    // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → kept monotone: 0.06.
    const adjusted = holm([0.01, 0.04, 0.03, 0.005])
    ;[0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 15))
    expect(holm([0.5, 0.6])).toEqual([1, 1])
    expect(holm([])).toEqual([])
  })
  it('leaves out tests that could not be run', () => {
    const adjusted = holm([0.01, NaN, 0.04])
    expect(adjusted[0]).toBeCloseTo(0.02, 15)
    expect(adjusted[1]).toBeNaN()
    expect(adjusted[2]).toBeCloseTo(0.04, 15)
    expect(() => holm([1.5])).toThrow('p values must lie in [0, 1], got 1.5')
  })
})

describe('pairing dialogues by role card', () => {
  it('pairs by card id, averages the samples of a card, and lists dialogues without a partner', () => {
    const a = [
      { id: 'a1', roleCardId: 'c1', seedKey: 's1' },
      { id: 'a2', roleCardId: 'c1', seedKey: 's1' },
      { id: 'a3', roleCardId: 'c2', seedKey: 's2' },
      { id: 'a4', roleCardId: 'c3', seedKey: 's3' },
      { id: 'a5', roleCardId: null, seedKey: null },
    ]
    const b = [
      { id: 'b1', roleCardId: 'c1', seedKey: 's1' },
      { id: 'b2', roleCardId: 'imported:0', seedKey: 's2' },
      { id: 'b3', roleCardId: 'imported:1', seedKey: 's9' },
    ]
    const pairing = pairDialogues(a, b)
    expect(pairing.pairs).toEqual([
      { by: 'card', key: 'c1', a: ['a1', 'a2'], b: ['b1'] },
      { by: 'seed', key: 's2', a: ['a3'], b: ['b2'] },
    ])
    expect(pairing).toMatchObject({ byCard: 1, bySeed: 1, maxSamplesPerUnit: 2 })
    expect(pairing.unpaired).toEqual({
      a: [
        { dialogueId: 'a4', reason: 'no partner' },
        { dialogueId: 'a5', reason: 'no role card' },
      ],
      b: [{ dialogueId: 'b3', reason: 'no partner' }],
    })
    const valuesA: Record<string, number | null> = { a1: 4, a2: 5, a3: 3 }
    const valuesB: Record<string, number | null> = { b1: 2, b2: null }
    // c1: mean(4, 5) = 4.5 against 2; c2's b side has no value, so that pair is left out.
    expect(
      pairedValues(
        pairing,
        (id) => valuesA[id],
        (id) => valuesB[id],
      ),
    ).toEqual({
      a: [4.5],
      b: [2],
      keys: ['card:c1'],
      dropped: 1,
      dialoguesA: 2,
      dialoguesB: 1,
    })
    expect(() => pairDialogues([a[0], a[0]], b)).toThrow('dataset a lists dialogue "a1" twice')
  })

  describe('imported seed sessions', () => {
    const ws = tempWorkspace()
    afterEach(() => ws.cleanup())
    const fixture = (name: string) =>
      readFileSync(resolve(import.meta.dirname, '../fixtures/datasets/magnet-src/sessions', name), 'utf8')
    const b64 = (s: string) => Buffer.from(s).toString('base64')

    it('pair with each other and with the cards made from the same seed records, by seed', async () => {
      const api = client(ws.open())
      const [s1, s2] = [fixture('session_1.json'), fixture('session_2.json')]
      // The seed records as role cards (the importer's CACTUS mapping), and two "methods" run on them: here both
      // are MAGneT imports, the second without session 1.
      await api.importRoleCards({ fileName: 'seeds.json', contentBase64: b64(`[${s1},${s2}]`), format: 'cactus' })
      const first = await api.importDataset({
        fileName: 'm1.json',
        contentBase64: b64(`[${s1},${s2}]`),
        format: 'magnet',
        name: 'A',
      })
      const second = await api.importDataset({
        fileName: 'm2.json',
        contentBase64: b64(`[${s2}]`),
        format: 'magnet',
        name: 'B',
      })
      const load = async (datasetId: string) => {
        const { items } = await api.listDialogues({ datasetId })
        return Promise.all(items.map((d) => api.getDialogue({ id: d.id })))
      }
      const [dA, dB] = [await load(first.datasetId!), await load(second.datasetId!)]
      // Imported cards get dataset-specific ids, so only the seed can pair them.
      expect(new Set([...dA, ...dB].map((d) => d.roleCardId)).size).toBe(3)
      const pairing = pairDialogues(dA.map(pairingDialogue), dB.map(pairingDialogue))
      const session2 = dA.find((d) => d.roleCard!.attitude!.label === 'negative')!
      const session1 = dA.find((d) => d.roleCard!.attitude!.label === 'neutral')!
      expect(pairing.pairs).toEqual([{ by: 'seed', key: expect.any(String), a: [session2.id], b: [dB[0].id] }])
      expect(pairing.unpaired).toEqual({ a: [{ dialogueId: session1.id, reason: 'no partner' }], b: [] })
      // The workspace's card from the same record has the same seed key, though its source and provenance differ.
      const cards = await Promise.all((await api.listRoleCards({})).items.map((c) => api.getRoleCard({ id: c.id })))
      const card = cards.find((c) => c.attitude?.label === 'negative')!
      expect([card.source, session2.roleCard!.source]).toEqual(['cactus', 'magnet'])
      expect(seedKey(card)).toBe(pairing.pairs[0].key)
      expect(seedKey(cards.find((c) => c.attitude?.label === 'neutral')!)).not.toBe(pairing.pairs[0].key)
    })
  })
})

describe('comparison table', () => {
  // Three datasets: MAGneT pairs with the reference CACTUS by role card id (c1..c8); Other_corpus has no cards and
  // is compared unpaired. Metric "score": MAGneT is higher by 0.5 on every card but one (lower by 0.25), so the
  // signed ranks are W− = 1 (the smallest |difference|), W+ = 35 and r_rb = 34/36. Means, hand-computed:
  // CACTUS 29.5/8 = 3.6875, MAGneT 3.6875 + 3.25/8 = 4.09375.
  const cards = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']
  const base = [3.1, 4.2, 2.5, 5.0, 3.8, 4.4, 2.9, 3.6]
  const shift = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.25]
  const refData: ComparisonDataset = {
    id: 'ds-ref',
    name: 'CACTUS',
    dialogues: cards.map((c, i) => ({
      id: `r${i}`,
      roleCardId: c,
      seedKey: null,
      values: { score: base[i], length: 10 + i },
    })),
  }
  const paired: ComparisonDataset = {
    id: 'ds-magnet',
    name: 'MAGneT',
    dialogues: cards.map((c, i) => ({
      id: `m${i}`,
      roleCardId: c,
      seedKey: null,
      values: { score: base[i] + shift[i], length: 10 + i + (i % 2) },
    })),
  }
  const other: ComparisonDataset = {
    id: 'ds-other',
    name: 'Other_corpus',
    dialogues: [5.1, 4.9, 5.3, 4.7, 5.5].map((v, i) => ({
      id: `o${i}`,
      roleCardId: null,
      seedKey: null,
      values: { score: v, length: i === 0 ? null : 12 },
    })),
  }
  const build = (test: 'paired-t' | 'wilcoxon' = 'paired-t') =>
    compareDatasets({
      title: 'Counselor methods',
      metrics: [
        { key: 'score', label: 'CTRS general' },
        { key: 'length', label: 'Turns', digits: 1 },
      ],
      datasets: [refData, paired, other],
      referenceId: 'ds-ref',
      test,
      provenance: ['evaluations: ctrs-1 (CTRS, 3 samples)'],
    })

  it('tests paired where the datasets pair and Welch otherwise, Holm-corrected over the whole table', () => {
    const result = build()
    const [score, length] = result.tests
    expect(score[0]).toBeNull()
    expect(score[1]).toMatchObject({ test: 'paired-t', n: 8, effect: { name: 'd_z' } })
    expect(score[2]).toMatchObject({ test: 'welch', n: 13, effect: { name: 'd' } })
    expect(length[2]).toMatchObject({ test: 'welch', n: 12 })
    // Same numbers as the tests on their own, then Holm over the four p values.
    const t = pairedTTest(
      paired.dialogues.map((d) => d.values.score!),
      refData.dialogues.map((d) => d.values.score!),
    )
    expect(score[1]!.p).toBe(t.p)
    expect(score[1]!.statistic).toBe(t.t)
    const family = [score[1]!.p, score[2]!.p, length[1]!.p, length[2]!.p]
    expect([score[1]!.pAdjusted, score[2]!.pAdjusted, length[1]!.pAdjusted, length[2]!.pAdjusted]).toEqual(holm(family))
    for (const row of result.tests)
      for (const test of row) {
        if (!test) continue
        const expected =
          test.pAdjusted < 0.001 ? '***' : test.pAdjusted < 0.01 ? '**' : test.pAdjusted < 0.05 ? '*' : ''
        expect(test.mark).toBe(expected)
      }
    expect(result.cells[0][2]).toEqual({ n: 5, mean: expect.closeTo(5.1, 12), sd: expect.closeTo(Math.sqrt(0.1), 12) })
    expect(result.cells[1][2].n).toBe(4)
    expect(result.footnotes[0]).toContain('Holm-corrected over the 4 tests in this table')
    expect(result.footnotes[1]).toBe(
      'MAGneT vs CACTUS: paired t-test; 8 role cards in common (8 by card id, 0 by seed record); ' +
        'without a partner: 0 dialogues of CACTUS, 0 of MAGneT.',
    )
    expect(result.footnotes[2]).toBe(
      "Other_corpus vs CACTUS: Welch's t-test; no role cards in common. A paired test needs dialogues on the same " +
        "role cards or seed records, so Welch's t-test was used instead.",
    )
    expect(build('wilcoxon').provenance.join('\n')).toContain(
      "zero_method='wilcox': zero differences dropped; average ranks for ties; correction=False",
    )
    // The |differences| tie (the seven 0.5s share ranks 2..8, average 5; 0.25 has rank 1 = W−), so with 8 ≤ 13 pairs
    // the exact distribution given the ties is used.
    expect(build('wilcoxon').tests[0][1]).toMatchObject({
      test: 'wilcoxon',
      statistic: 1,
      df: null,
      wilcoxon: { method: 'exact-conditional', z: null, zeros: 0 },
      effect: { name: 'd_z', value: expect.closeTo(1.5320646925708532, 12) },
      rankBiserial: expect.closeTo(34 / 36, 12),
    })
    expect(build('wilcoxon').footnotes[1]).toMatch(
      /^MAGneT vs CACTUS: Wilcoxon signed-rank test \(exact distribution given ties\);/,
    )
  })

  it('exports CSV, Markdown and LaTeX with the footnotes and the provenance', () => {
    const result = build()
    const csv = renderComparison(result, 'csv').content
    expect(csv).toContain('# evaluations: ctrs-1 (CTRS, 3 samples)')
    expect(csv).toContain('# note: MAGneT vs CACTUS: paired t-test')
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^#.*\n/gm, ''), { header: true })
    expect(parsed.data[0]['Metric']).toBe('CTRS general')
    expect(Number(parsed.data[0]['MAGneT p (Holm)'])).toBeCloseTo(result.tests[0][1]!.pAdjusted, 5)
    expect(parsed.data[0]['MAGneT test']).toBe('paired-t')
    expect(parsed.data[0]['CACTUS n']).toBe('8')

    const md = renderComparison(result, 'markdown').content
    const mark = result.tests[0][1]!.mark.replace(/\*/g, '\\*')
    // Effect sizes, hand-worked: differences 0.5 (×7) and −0.25 have mean 3.25/8 = 0.40625 and SD
    // sqrt((7·0.09375² + 0.65625²)/7) = sqrt(0.0703125) = 0.265165, so d_z = 1.532; Other_corpus vs CACTUS:
    // d = (5.1 − 3.6875) / pooled SD 0.693394 = 2.037.
    // One row per metric and dataset; the reference's test cells are dashes.
    const p = result.tests[0][1]!.pAdjusted
    expect(md).toContain('| Metric | Dataset | Mean | SD | n | Effect (d_z / d) | p (Holm) | Sig. |')
    expect(md).toContain('| CTRS general | CACTUS (reference) | 3.69 | 0.84 | 8 | — | — | — |')
    expect(md).toContain(
      `| CTRS general | MAGneT | 4.09 | 0.89 | 8 | 1.53 | ${p < 0.001 ? '<0.001' : p.toFixed(3)} | ${mark || 'n.s.'} |`,
    )
    expect(md).toContain('| CTRS general | Other_corpus | 5.10 | 0.32 | 5 | 2.04 |')
    expect(md).toContain('Holm-corrected over the 4 tests')
    expect(md.indexOf('Holm-corrected')).toBeLessThan(md.indexOf('<!-- evaluations'))
    expect(md).toContain('<!-- generated by SimPsy Workbench -->')

    const tex = renderComparison(result, 'latex').content
    expect(tex).toContain('comparison: reference CACTUS (ds-ref)')
    expect(tex).toContain('CTRS general & Other\\_corpus & 5.10 & 0.32 & 5 & 2.04 & ')
    expect(tex).toMatch(
      /\\end\{tabular\}\n\}\n\\par\\smallskip\n\\parbox\{\\linewidth\}\{\\footnotesize\\raggedright Mean and SD /,
    )
    expect(tex).toContain('\\textless{} .05')
  })

  it('refuses a reference that is not compared, and fewer than two datasets', () => {
    const options = { title: 't', metrics: [{ key: 'score', label: 'S' }], provenance: [] }
    expect(() => compareDatasets({ ...options, datasets: [refData, paired], referenceId: 'nope' })).toThrow(
      'the reference dataset "nope" is not among the compared datasets',
    )
    expect(() => compareDatasets({ ...options, datasets: [refData], referenceId: 'ds-ref' })).toThrow(
      'a comparison needs at least 2 datasets, got 1',
    )
  })
})
