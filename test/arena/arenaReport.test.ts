import { describe, expect, it } from 'vitest'
import { RatingSettingsSchema } from '@shared/arena'
import { agreementStats } from '../../src/main/arena/agreement'
import {
  buildArenaReport,
  matrixTables,
  reportTable,
  type ArenaDecision,
  type ArenaReportInput,
} from '../../src/main/arena/arenaReport'
import { renderTable } from '../../src/main/evaluation/tables'

const settings = RatingSettingsSchema.parse({ bootstrapRounds: 200 })

const decisions: ArenaDecision[] = [
  { dialogueId: 'd1', candidates: ['A', 'B'], choice: 'A' },
  { dialogueId: 'd1', candidates: ['A', 'B'], choice: 'B' },
  { dialogueId: 'd1', candidates: ['A', 'B'], choice: null },
  { dialogueId: 'd2', candidates: ['A', 'C'], choice: 'tie' },
  { dialogueId: 'd3', candidates: ['B', 'C'], choice: 'both_bad' },
  { dialogueId: 'd3', candidates: ['B', 'C'], choice: 'C' },
  { dialogueId: 'd4', candidates: ['A', 'B', 'C'], choice: 'A' },
]

const input = (overrides: Partial<ArenaReportInput> = {}): ArenaReportInput => ({
  arenaIds: ['arena-1'],
  referee: 'llm',
  annotator: null,
  settings,
  contestants: ['A', 'B', 'C', 'D'],
  decisions,
  provenance: 'test log',
  ...overrides,
})

describe('buildArenaReport', () => {
  const report = buildArenaReport(input())
  const row = (c: string) => report.rows.find((r) => r.contestant === c)!

  it('counts battles, ties (tie and both_bad) and referee failures', () => {
    expect(report.battles).toBe(6)
    expect(report.ties).toBe(2)
    expect(report.failures).toBe(1)
  })

  it('counts distinct dialogues and selections per contestant', () => {
    // A: d1, d2, d4 and chosen in d1 and d4; B: d1, d3, d4, chosen once; C: d2, d3, d4, chosen once; D: nothing.
    expect([row('A').dialogues, row('A').selections, row('A').selectionsPerDialogue]).toEqual([3, 2, 2 / 3])
    expect([row('B').dialogues, row('B').selections]).toEqual([3, 1])
    expect([row('C').dialogues, row('C').selections]).toEqual([3, 1])
    expect(row('D')).toMatchObject({
      dialogues: 0,
      selections: 0,
      selectionsPerDialogue: 0,
      elo: 1000,
      bt: 1000,
      btLow: 1000,
      btHigh: 1000,
    })
  })

  it('sorts rows by Elo, highest first, with finite ratings and ordered intervals', () => {
    const elos = report.rows.map((r) => r.elo)
    expect(elos).toEqual([...elos].sort((x, y) => y - x))
    expect(report.rows[0].contestant).toBe('A')
    for (const r of report.rows) {
      for (const v of [r.elo, r.bt, r.btLow, r.btHigh]) expect(Number.isFinite(v)).toBe(true)
      expect(r.btLow).toBeLessThanOrEqual(r.btHigh)
    }
  })

  it('leaves failed decisions out of ratings and matrices', () => {
    const withoutFailure = buildArenaReport(input({ decisions: decisions.filter((d) => d.choice !== null) }))
    expect(withoutFailure.rows).toEqual(report.rows)
    expect(withoutFailure.failures).toBe(0)
    // A–B: d1 twice (the failed one not counted) and d4.
    expect(report.battleCounts[0][1]).toBe(3)
  })

  it('matrices follow the contestant order: win rate of A against B is 1 + 1 of 3 games', () => {
    // A vs B games: A>B (d1), B>A (d1), A>B (d4).
    expect(report.winRates[0][1]).toBeCloseTo(2 / 3, 12)
    // A vs C: tie (d2), A>C (d4) → 1.5 of 2.
    expect(report.winRates[0][2]).toBe(0.75)
    expect(report.winRates[3]).toEqual([null, null, null, null])
  })

  it('rejects a choice outside the candidates and an unknown contestant', () => {
    expect(() =>
      buildArenaReport(input({ decisions: [{ dialogueId: 'x', candidates: ['A', 'B'], choice: 'C' }] })),
    ).toThrow(/not one of the candidates/)
    expect(() =>
      buildArenaReport(input({ decisions: [{ dialogueId: 'x', candidates: ['A', 'Z'], choice: 'A' }] })),
    ).toThrow(/"Z" is not one of the contestants/)
  })
})

describe('report tables', () => {
  const report = buildArenaReport(input({ referee: 'human', annotator: 'ann' }))
  const when = new Date('2025-01-02T03:04:05Z')

  it('the leaderboard has one row per contestant and carries provenance', () => {
    const table = reportTable(report, when)
    expect(table.columns).toEqual([
      'Contestant',
      'Dialogues',
      'Selections',
      'Avg. selections per dialogue',
      'Elo',
      'BT',
      'BT 95% CI',
    ])
    expect(table.rows.map((r) => r[0])).toEqual(report.rows.map((r) => r.contestant))
    expect(table.rows.find((r) => r[0] === 'A')!.slice(1, 4)).toEqual([3, 2, 0.67])
    const provenance = table.provenance.join('\n')
    expect(provenance).toContain('arenas: arena-1')
    expect(provenance).toContain('annotator: ann')
    expect(provenance).toContain('K=4')
    expect(provenance).toContain('referee failures: 1')
    expect(provenance).toContain('2 ties')
    expect(provenance).toContain('2025-01-02T03:04:05.000Z')
    const markdown = renderTable(table, 'markdown').content
    expect(markdown).toContain('| Contestant | Dialogues |')
    // Every column with its own decimals: counts none, selections per dialogue 2, ratings 1.
    expect(markdown).toMatch(/\| D \| 0 \| 0 \| 0\.00 \| 1000\.0 \| 1000\.0 \| \[1000\.0, 1000\.0\] \|/)
    expect(markdown).toMatch(/\| A \| 3 \| 2 \| 0\.67 \| \d+\.\d \| \d+\.\d \|/)
    const tex = renderTable(table, 'latex').content
    expect(tex).toMatch(/\\label\{tab:arena-human-ratings-[0-9a-f]{8}\}/)
  })

  it('the matrix tables blank the diagonal and missing win rates', () => {
    const [counts, rates] = matrixTables(report, when)
    expect(counts.columns).toEqual(['Contestant', 'A', 'B', 'C', 'D'])
    expect(counts.rows[0]).toEqual(['A', null, 3, 2, 0])
    expect(rates.rows[0]).toEqual(['A', null, 0.667, 0.75, null])
    expect(renderTable(rates, 'csv').content).toContain('A,,0.667,0.75,')
    expect(renderTable(rates, 'markdown').content).toContain('| A | — | 0.667 | 0.750 | — |')
    expect(renderTable(counts, 'latex').content).toContain('A & --- & 3 & 2 & 0 \\\\')
    // Three tables of one report, three labels.
    const labels = [reportTable(report, when), counts, rates].map(
      (t) => /\\label\{([^}]+)\}/.exec(renderTable(t, 'latex').content)![1],
    )
    expect(new Set(labels).size).toBe(3)
  })
})

describe('agreementStats', () => {
  const pairs = (counts: Record<string, number>) =>
    Object.entries(counts).flatMap(([key, n]) => {
      const [human, llm] = key.split('/')
      return Array.from({ length: n }, () => ({ human, llm }))
    })

  it('matches the textbook 2×2 example (kappa 0.4)', () => {
    // Yes/Yes 20, Yes/No 5, No/Yes 10, No/No 15: p_o = 35/50 = 0.7;
    // p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    const stats = agreementStats(pairs({ 'yes/yes': 20, 'yes/no': 5, 'no/yes': 10, 'no/no': 15 }))
    expect(stats.compared).toBe(50)
    expect(stats.agreed).toBe(35)
    expect(stats.accuracy).toBeCloseTo(0.7, 12)
    expect(stats.kappa).toBeCloseTo(0.4, 12)
  })

  it('handles three labels', () => {
    // Human marginals A 12, B 10, C 8; LLM A 11, B 12, C 7; 24 of 30 agree.
    // p_e = (12·11 + 10·12 + 8·7)/900 = 308/900; kappa = (720 − 308)/(900 − 308) = 412/592.
    const stats = agreementStats(pairs({ 'A/A': 10, 'A/B': 2, 'B/A': 1, 'B/B': 8, 'B/C': 1, 'C/B': 2, 'C/C': 6 }))
    expect(stats.agreed).toBe(24)
    expect(stats.kappa).toBeCloseTo(412 / 592, 12)
  })

  it('is null where undefined and 0 for disjoint labels', () => {
    expect(agreementStats([])).toEqual({ compared: 0, agreed: 0, accuracy: null, kappa: null })
    expect(agreementStats(pairs({ 'A/A': 4 }))).toEqual({ compared: 4, agreed: 4, accuracy: 1, kappa: null })
    // p_o = 0 and p_e = 0 (no label used by both): kappa = 0.
    expect(agreementStats(pairs({ 'A/B': 3 })).kappa).toBe(0)
  })
})
