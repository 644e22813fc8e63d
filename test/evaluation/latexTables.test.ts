import { describe, expect, it } from 'vitest'
import type { Comparison, EvaluationResult, EvaluationSummary } from '../../src/shared/evaluation'
import { EVALUATION_KINDS } from '../../src/shared/evaluation'
import { evaluationTable, renderTable, type Table } from '../../src/main/evaluation/tables'

/*
 * Tables as pasted into a paper: the LaTeX and Markdown every kind exports are parsed back (no golden files) and
 * checked for shape (as many cells as columns), one number of decimals per column, dashes for missing values,
 * escaped specials, a caption and a label unique per analysis.
 */

/** Dataset names with every LaTeX special. */
const NAMES: Record<string, string> = {
  a: 'Sim_Psy 100% & #1',
  b: 'Real {x} ~y^2 $5 \\z',
}
const name = (id: string) => NAMES[id] ?? id

const cmp = (p: number, pHolm?: number): Comparison => ({
  test: 'welch',
  a: { n: 10, mean: 4.5, std: 0.5 },
  b: { n: 12, mean: 4, std: 0.25 },
  t: 2.5,
  df: 15.25,
  p,
  cohensD: 1.2,
  ...(pHolm === undefined ? {} : { pHolm }),
})

const stat = (mean: number, std: number) => ({ mean, std, n: 10 })
const panasGroup = (before: number, after: number) => ({
  n: 10,
  before,
  after,
  change: { mean: after - before, std: 0.5 },
  perDialogue: [],
})

/** One result per kind, two datasets where the kind compares them; numbers with ragged decimals on purpose. */
const RESULTS = {
  stats: {
    kind: 'stats',
    datasets: [
      { datasetId: 'a', name: NAMES.a, conversations: 1000, avgTurns: 13, clientUtterances: 12948 },
      { datasetId: 'b', name: NAMES.b, conversations: 12, avgTurns: 9.25, clientUtterances: 108 },
    ].map((d) => ({
      ...d,
      counselorUtterances: d.clientUtterances,
      avgClientChars: 54.1,
      avgCounselorChars: 70,
      avgClientWords: d.datasetId === 'a' ? null : 12.5,
      avgCounselorWords: d.datasetId === 'a' ? null : 15,
    })),
  },
  overlap: {
    kind: 'overlap',
    datasets: ['a', 'b'].map((id, i) => ({
      datasetId: id,
      mapping: [],
      random: [],
      comparison: cmp(i === 0 ? 0.0004 : 0.05),
      skipped: i,
    })),
  },
  embedding: {
    kind: 'embedding',
    datasets: [{ datasetId: 'a', mapping: [], random: [], comparison: cmp(0.5), skipped: 0 }],
  },
  topics: {
    kind: 'topics',
    datasets: [
      { datasetId: 'a', rounds: [{ round: 1, counts: {}, entropyBits: 4.5, failures: 1 }], entropy: stat(4.5, 0) },
      { datasetId: 'b', rounds: [], entropy: stat(4.875, 0.02) },
    ],
    comparison: cmp(0.0001),
  },
  wai: {
    kind: 'wai',
    datasets: ['a', 'b'].map((id, i) => ({
      datasetId: id,
      items: {},
      factors: { goal: stat(6, 0.5), task: stat(6.191, 0.25), bond: stat(5 + i, 1) },
      failures: 0,
      calls: 0,
    })),
    comparison: { goal: cmp(0.01), task: cmp(0.0002), bond: cmp(0.5) },
  },
  ctrs: {
    kind: 'ctrs',
    datasets: ['a', 'b'].map((id) => ({
      datasetId: id,
      items: {
        understanding: stat(4, 1),
        interpersonal: stat(4.5, 1.25),
        collaboration: stat(3.125, 1),
        guidedDiscovery: stat(2, 0.5),
        keyCognitions: stat(2.5, 0.5),
        strategy: stat(3, 0),
      },
      groups: { general: stat(3.875, 1), cbt: stat(2.5, 0.5) },
      failures: 0,
      calls: 0,
    })),
    comparison: Object.fromEntries(
      ['understanding', 'interpersonal', 'collaboration', 'guidedDiscovery', 'keyCognitions', 'strategy']
        .map((k) => [k, cmp(0.02, 0.06)])
        .concat([
          ['general', cmp(0.2)],
          ['cbt', cmp(0.0005, 0.001)],
        ]),
    ),
  },
  panas: {
    kind: 'panas',
    datasets: ['a', 'b'].map((id, i) => ({
      datasetId: id,
      feelings: {},
      polarities: { positive: panasGroup(2, 3.5), negative: panasGroup(3.25, 2) },
      // Only the first dataset has a group of this attitude: the second's cells are missing.
      attitudes: i === 0 ? { positive: { positive: panasGroup(2, 4), negative: panasGroup(3, 1.5) } } : {},
      dialogues: 10,
      skipped: 0,
      failures: 0,
      calls: 0,
    })),
    comparison: { positive: cmp(0.03), negative: cmp(0.0001) },
  },
  distinct: {
    kind: 'distinct',
    datasets: ['a', 'b'].map((id, i) => ({
      datasetId: id,
      dialogues: 10,
      tokens: 1000,
      ngrams: [1, 2, 3].map((n) => ({
        n,
        total: 1000,
        unique: 300 * n,
        distinct: i === 1 && n === 3 ? null : 0.3 * n,
      })),
      ead: 0.5,
    })),
  },
  consistency: {
    kind: 'consistency',
    datasets: ['a', 'b'].map((id, i) => ({
      datasetId: id,
      contradictionRate: { mean: 0.125 + i / 10, std: 0.0625, perDialogue: [] },
      anyContradiction: 0.5,
      fastRecovery: 0.1 * i,
      n: 12,
      skipped: i,
      failures: 0,
      calls: 36,
    })),
    comparison: cmp(0.0004),
  },
} as unknown as Record<string, EvaluationResult>

const summary = (kind: string, id = `1a2b3c4d-0000-4000-8000-00000000000${kind.length % 10}`): EvaluationSummary =>
  ({
    id,
    kind,
    name: `${kind} run`,
    datasetIds: ['a', 'b'],
    config: {},
    status: 'completed',
    progress: { done: 1, total: 1, failures: 0 },
    result: RESULTS[kind],
    error: null,
    createdAt: '2025-01-02T03:00:00.000Z',
    finishedAt: '2025-01-02T03:04:05.000Z',
    dialogues: 'complete',
    leftOut: [],
    spent: null,
  }) as EvaluationSummary

/** Splits a LaTeX row at its unescaped ampersands. */
const texCells = (row: string) =>
  row
    .replace(/\s*\\\\$/, '')
    .split(/(?<!\\)&/)
    .map((c) => c.trim())

/** What an unescaped LaTeX special in text would be (outside the $<$ of a p value and commands we write). */
const RAW_SPECIAL = /(?<!\\)[_%&#^~]|(?<![\\]|\$<)\$(?!<\$)/

interface ParsedLatex {
  spec: string
  header: string[]
  rows: string[][]
  caption: string
  label: string
}

function parseLatex(tex: string): ParsedLatex {
  const spec = /\\begin\{tabular\}\{([lrc]+)\}/.exec(tex)?.[1]
  expect(spec, 'a tabular with a column spec').toBeDefined()
  const lines = tex.split('\n')
  const top = lines.indexOf('\\toprule')
  const mid = lines.indexOf('\\midrule')
  const bottom = lines.indexOf('\\bottomrule')
  expect(top).toBeGreaterThan(0)
  expect(mid).toBe(top + 2)
  expect(bottom).toBeGreaterThan(mid)
  for (const line of lines.slice(top + 1, bottom).filter((l) => l !== '\\midrule')) expect(line).toMatch(/ \\\\$/)
  // Braces balance over the whole file (outside comments), as a compiler needs them.
  let depth = 0
  for (const line of lines.filter((l) => !l.startsWith('%')))
    for (const m of line.matchAll(/(?<!\\)[{}]/g)) {
      depth += m[0] === '{' ? 1 : -1
      expect(depth).toBeGreaterThanOrEqual(0)
    }
  expect(depth).toBe(0)
  return {
    spec: spec!,
    header: texCells(lines[top + 1]),
    rows: lines.slice(mid + 1, bottom).map(texCells),
    caption: /\\caption\{(.*)\}$/m.exec(tex)?.[1] ?? '',
    label: /\\label\{(tab:[a-z0-9:-]+)\}$/m.exec(tex)?.[1] ?? '',
  }
}

const NUMBER = /^-?\d+(?:\.(\d+))?$/

/** Every numeric cell of a column has the same decimals; missing cells are the dash; p below 0.001 is "<0.001". */
function expectConsistentColumns(rows: string[][], dash: string, lessThan: string) {
  const width = rows[0].length
  for (let c = 0; c < width; c++) {
    const cells = rows.map((r) => r[c])
    expect(cells.every((v) => v !== '')).toBe(true)
    const numbers = cells.filter((v) => NUMBER.test(v))
    const decimals = new Set(numbers.map((v) => NUMBER.exec(v)![1]?.length ?? 0))
    expect(decimals.size, `column ${c}: ${cells.join(', ')}`).toBeLessThanOrEqual(1)
    for (const v of cells) if (!NUMBER.test(v)) expect(v === dash || v === lessThan || /[A-Za-z\\{]/.test(v)).toBe(true)
  }
}

function parseMarkdown(md: string) {
  const lines = md.split('\n').filter((l) => l.startsWith('|'))
  const split = (l: string) =>
    l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim())
  return { header: split(lines[0]), align: split(lines[1]), rows: lines.slice(2).map(split) }
}

describe('tables ready to paste', () => {
  for (const kind of EVALUATION_KINDS) {
    it(`${kind}: LaTeX with one cell per column, one number of decimals per column, dashes, escapes, caption and label`, () => {
      const table = evaluationTable(summary(kind), name, 'some model')
      const tex = renderTable(table, 'latex').content
      const parsed = parseLatex(tex)
      expect(parsed.header).toHaveLength(parsed.spec.length)
      for (const row of parsed.rows) expect(row).toHaveLength(parsed.spec.length)
      expect(parsed.rows).toHaveLength(table.rows.length)
      expectConsistentColumns(parsed.rows, '---', '$<$0.001')
      for (const cell of [...parsed.header, ...parsed.rows.flat()]) expect(cell).not.toMatch(RAW_SPECIAL)
      expect(parsed.caption).toBe(table.title.replace(/–/g, '--'))
      expect(parsed.label).toBe(`tab:${kind}-1a2b3c4d`)
      expect(tex).toContain('% Needs \\usepackage{booktabs}')
      if (parsed.spec.length > 6) {
        expect(tex).toContain('\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%')
        expect(tex).toContain('\\usepackage{graphicx}')
      }
      // The provenance under the table, in small type.
      expect(tex).toMatch(/\\parbox\{\\linewidth\}\{\\scriptsize\\raggedright evaluation: .* run/)
      // Unicode dashes and signs as LaTeX (comments may keep them).
      expect(tex.replace(/^%.*$/gm, '')).not.toMatch(/[±–—]/)

      const md = parseMarkdown(renderTable(table, 'markdown').content)
      expect(md.header).toEqual(table.columns.map((c) => c.replace(/\|/g, '\\|')))
      for (const row of md.rows) expect(row).toHaveLength(md.header.length)
      expectConsistentColumns(md.rows, '—', '<0.001')
    })
  }

  it('escapes every special of the dataset names', () => {
    const rows = parseLatex(renderTable(evaluationTable(summary('wai'), name), 'latex').content).rows
    expect(rows.map((r) => r[1])).toEqual(
      expect.arrayContaining([
        'Sim\\_Psy 100\\% \\& \\#1',
        'Real \\{x\\} \\textasciitilde{}y\\textasciicircum{}2 \\$5 \\textbackslash{}z',
      ]),
    )
  })

  it('labels are stable for an analysis and differ between analyses', () => {
    const label = (id: string) =>
      parseLatex(renderTable(evaluationTable(summary('wai', id), name), 'latex').content).label
    expect(label('0a0b0c0d-1111-4000-8000-000000000000')).toBe(label('0a0b0c0d-1111-4000-8000-000000000000'))
    expect(label('0a0b0c0d-1111-4000-8000-000000000000')).toBe('tab:wai-0a0b0c0d')
    expect(label('9f9f9f9f-1111-4000-8000-000000000000')).toBe('tab:wai-9f9f9f9f')
    // Ids that are not UUIDs (older workspaces, tests) are used whole.
    expect(label('old-wai')).toBe('tab:wai-old-wai')
    expect(label('old-emb')).not.toBe(label('old-wai'))
  })

  it('stats: one row per dataset, the counts without and the means with one decimal, words only when there are any', () => {
    const tex = renderTable(evaluationTable(summary('stats'), name), 'latex').content
    const { header, rows } = parseLatex(tex)
    expect(rows).toHaveLength(2)
    expect(rows.map((r) => r[0])).toEqual([
      'Sim\\_Psy 100\\% \\& \\#1',
      'Real \\{x\\} \\textasciitilde{}y\\textasciicircum{}2 \\$5 \\textbackslash{}z',
    ])
    expect(header).toEqual([
      'Dataset',
      'Dialogues',
      'Avg. turns',
      'Client utt.',
      'Counselor utt.',
      'Client chars',
      'Counselor chars',
      'Client words',
      'Counselor words',
    ])
    expect(rows[0].slice(1)).toEqual(['1000', '13.0', '12948', '12948', '54.1', '70.0', '---', '---'])
    expect(rows[1].slice(1)).toEqual(['12', '9.3', '108', '108', '54.1', '70.0', '12.5', '15.0'])

    // Chinese datasets have no words: the paper's seven columns.
    const zh = {
      ...RESULTS.stats,
      datasets: (RESULTS.stats as { datasets: object[] }).datasets.map((d) => ({
        ...d,
        avgClientWords: null,
        avgCounselorWords: null,
      })),
    } as EvaluationResult
    const zhTable = evaluationTable({ ...summary('stats'), result: zh }, name)
    expect(zhTable.columns).toHaveLength(7)
    expect(parseLatex(renderTable(zhTable, 'latex').content).rows.every((r) => r.length === 7)).toBe(true)
  })

  it('WAI: one row per factor and dataset, the test in the first dataset row and dashes in the second', () => {
    const table = evaluationTable(summary('wai'), name)
    expect(table.columns).toEqual(['Factor', 'Dataset', 'Mean', 'SD', 't', 'df', 'p', "Cohen's d"])
    const md = parseMarkdown(renderTable(table, 'markdown').content)
    expect(md.rows).toHaveLength(6)
    expect(md.rows[0]).toEqual(['Goal', 'Sim_Psy 100% & #1', '6.000', '0.500', '2.500', '15.3', '0.010', '1.200'])
    expect(md.rows[1].slice(4)).toEqual(['—', '—', '—', '—'])
    expect(md.rows[2][6]).toBe('<0.001')
    expect(md.align).toEqual(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:'])
  })

  it('CSV keeps numbers as stored and missing values empty', () => {
    const csv = renderTable(evaluationTable(summary('wai'), name), 'csv').content
    expect(csv).toContain('Goal,Sim_Psy 100% & #1,6,0.5,2.5,15.3,0.010,1.2')
    expect(csv).toContain('Goal,Real {x} ~y^2 $5 \\z,6,0.5,,,,')
  })

  it('a table without formats takes the most decimals of each column; unknown Unicode is said to need xelatex', () => {
    const table: Table = {
      title: 'Mixed – 来访者',
      columns: ['Name', 'x', 'y'],
      rows: [
        ['a', 1, 0.5],
        ['b', 2.25, null],
        ['c', 3, 0.125],
      ],
      provenance: ['made by hand'],
    }
    const tex = renderTable(table, 'latex').content
    const { rows, caption, label } = parseLatex(tex)
    expect(rows).toEqual([
      ['a', '1.00', '0.500'],
      ['b', '2.25', '---'],
      ['c', '3.00', '0.125'],
    ])
    expect(caption).toBe('Mixed -- 来访者')
    expect(label).toBe('tab:mixed')
    expect(tex).toContain('xelatex')
    expect(tex).not.toContain('\\resizebox')
  })
})
