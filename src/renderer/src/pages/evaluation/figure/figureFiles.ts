import Papa from 'papaparse'
import type { Provenance } from './provenance'

/** What an exported figure's files hold besides the drawing (no DOM here: figureExport.ts draws and downloads). */

export interface LegendItem {
  label: string
  color: string
  /** A filled box (bars), or a dashed line (a mean). */
  mark?: 'box' | 'dashed'
}

export interface FigureSpec {
  title: string
  legend: LegendItem[]
  notes: string[]
  provenance: Provenance
  /** File name: `<evaluation>-<slug>.svg`. */
  slug: string
}

export interface CsvTable {
  columns: string[]
  rows: (string | number | null)[][]
}

export const figureFileName = (spec: FigureSpec, extension: string) =>
  `${spec.provenance.fileBase}-${spec.slug}.${extension}`

/** The PNG's text chunks: short Latin-1 keys, and the title, notes and provenance in UTF-8 (they may be Chinese). */
export function pngText(spec: FigureSpec, now: Date): { latin1: Record<string, string>; utf8: Record<string, string> } {
  return {
    latin1: {
      Title: spec.title.replace(/[^\x20-\x7e]/g, '?'),
      Software: 'SimPsy Workbench',
      'Creation Time': now.toUTCString(),
    },
    utf8: {
      Description: [spec.title, ...spec.notes, '', ...spec.provenance.lines].join('\n'),
      Source: JSON.stringify(spec.provenance.data),
    },
  }
}

/** The figure's numbers, with the provenance as leading "# " comment lines (as the server's table exports). */
export function csvText(table: CsvTable, spec: FigureSpec): string {
  const csv = Papa.unparse({
    fields: table.columns,
    data: table.rows.map((row) => row.map((v) => (v === null ? '' : v))),
  })
  const header = [`# ${spec.title}`, ...spec.provenance.lines.map((line) => `# ${line}`)].join('\n')
  return `${header}\n${csv}\n`
}
