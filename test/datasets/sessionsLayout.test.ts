import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { strToU8 } from 'fflate'
import type { ApiClient } from '@shared/api'
import { parseDatasetFile } from '../../src/main/datasets/parseDataset'
import { tempWorkspace, client } from '../support/workspace'

const FILE = readFileSync(resolve(import.meta.dirname, '../fixtures/datasets/sessions.json'), 'utf8')
const base64 = (text: string) => Buffer.from(text).toString('base64')

let ws: ReturnType<typeof tempWorkspace>
afterEach(() => ws?.cleanup())

/** A dataset's cases as the workbench holds them: per case, its sessions' index, summary and messages. */
async function casesOf(api: ApiClient, datasetId: string) {
  const { items } = await api.listDialogues({ datasetId })
  const details = await Promise.all(items.map((d) => api.getDialogue({ id: d.id })))
  return details.map((d) => ({
    case: d.caseId,
    index: d.sessionIndex,
    summary: d.sessionSummary,
    card: d.roleCard?.name ?? null,
    language: d.language,
    sessions: d.sessions.map((s) => s.sessionIndex),
    messages: d.messages.map((m) => [m.speaker, m.content]),
  }))
}

describe('multi-session JSON (case → sessions → messages)', () => {
  it('imports cases as sessions in order, exports them in the same layout, and reads the export back the same', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const report = await api.importDataset({ fileName: 'sessions.json', contentBase64: base64(FILE), name: 'cases' })
    expect(report).toMatchObject({ format: 'sessions', rows: 2, imported: 5, errors: [] })
    const imported = await casesOf(api, report.datasetId!)
    expect(imported.map((d) => [d.case, d.index, d.sessions.length])).toEqual([
      ['case-anna', 1, 2],
      ['case-anna', 2, 2],
      ['case-lin', 1, 3],
      ['case-lin', 2, 3],
      ['case-lin', 3, 3],
    ])
    // The case's card belongs to each of its sessions.
    expect(imported.map((d) => d.card)).toEqual(['Anna', 'Anna', null, null, null])
    expect(imported[0].summary).toMatch(/^Discussed: sleep/)
    expect(imported[4].summary).toBeNull()

    const exported = await api.exportDataset({ id: report.datasetId!, format: 'sessions' })
    expect(exported).toMatchObject({ count: 5, fileName: 'cases.json', encoding: 'utf8' })
    const cases = JSON.parse(exported.content) as { case: string; sessions: { index: number }[] }[]
    expect(cases.map((c) => [c.case, c.sessions.map((s) => s.index)])).toEqual([
      ['case-anna', [1, 2]],
      ['case-lin', [1, 2, 3]],
    ])
    const again = await api.importDataset({
      fileName: exported.fileName,
      contentBase64: base64(exported.content),
      name: 'again',
    })
    expect(again.format).toBe('sessions')
    expect(await casesOf(api, again.datasetId!)).toEqual(imported)
  })

  it('names what is wrong and where (row, session, field), and imports nothing', async () => {
    const cases = JSON.parse(FILE) as Record<string, unknown>[]
    const lin = cases[1] as { sessions: Record<string, unknown>[] }
    lin.sessions[1].index = 1
    ;(lin.sessions[2].messages as Record<string, unknown>[])[1] = { role: 'counselor', content: 'x' }
    lin.sessions[0].roleCard = null
    const parsed = parseDatasetFile('bad.json', strToU8(JSON.stringify(cases)))
    expect(parsed.format).toBe('sessions')
    // The good case reads; the bad one gives no session (the import then stores nothing, see below).
    expect(parsed.dialogues.map((d) => d.caseId)).toEqual(['case-anna', 'case-anna'])
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'sessions[0].roleCard'],
      [2, 'sessions[1].index'],
      [2, 'sessions[2].messages[1].speaker'],
      [2, 'sessions[2].messages[1].role'],
    ])
    expect(parsed.errors[1].message).toBe(
      'sessions[1].index: must be a whole number above 1: sessions are numbered from 1 and listed in order (got number 1)',
    )

    ws = tempWorkspace()
    const api = client(ws.open())
    await expect(
      api.importDataset({ fileName: 'bad.json', contentBase64: base64(JSON.stringify(cases)) }),
    ).rejects.toMatchObject({ code: 'import_failed' })
    expect(await api.listDatasets()).toEqual([])
  })

  it('rejects a case without an id or sessions, naming the row', () => {
    const text = JSON.stringify([{ case: '', sessions: [] }])
    const parsed = parseDatasetFile('empty.json', strToU8(text), 'sessions')
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'case'],
      [1, 'sessions'],
    ])
  })

  it('keeps a gap in the indexes (a session left out, e.g. a failed one in an export of complete dialogues)', () => {
    const cases = JSON.parse(FILE) as { sessions: Record<string, unknown>[] }[]
    cases[1].sessions.splice(1, 1)
    const parsed = parseDatasetFile('gap.json', strToU8(JSON.stringify(cases)))
    expect(parsed.errors).toEqual([])
    expect(parsed.dialogues.map((d) => [d.caseId, d.sessionIndex])).toEqual([
      ['case-anna', 1],
      ['case-anna', 2],
      ['case-lin', 1],
      ['case-lin', 3],
    ])
  })
})
