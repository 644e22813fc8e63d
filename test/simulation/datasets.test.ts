import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempWorkspace, client } from '../support/workspace'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'datasets')
const file = (name: string) => ({
  fileName: name,
  contentBase64: readFileSync(join(FIXTURES, name)).toString('base64'),
})
const b64 = (text: string) => Buffer.from(text).toString('base64')

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

describe('datasets in a workspace', () => {
  it('imports SmileChat and MAGneT files, keeping MAGneT intake forms as role cards', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const smile = await api.importDataset(file('smile.jsonl.gz'))
    const magnet = await api.importDataset({ ...file('magnet.zip'), name: 'MAGneT sample' })
    expect(smile).toMatchObject({ format: 'smile', imported: 2, withRoleCards: 0, skipped: 0 })
    expect(magnet).toMatchObject({ format: 'magnet', withRoleCards: magnet.imported })
    const datasets = await api.listDatasets()
    expect(datasets.map((d) => [d.name, d.kind, d.dialogueCount, d.language]).sort()).toEqual(
      [
        ['MAGneT sample', 'import', magnet.imported, 'en'],
        ['smile.jsonl.gz', 'import', 2, 'zh'],
      ].sort(),
    )
    const [first] = (await api.listDialogues({ datasetId: magnet.datasetId! })).items
    const detail = await api.getDialogue({ id: first.id })
    expect(detail.roleCard).toMatchObject({
      age: expect.any(Number),
      gender: expect.any(String),
      occupation: expect.any(String),
    })
    expect(detail.messages[0].speaker).toBe('counselor')
    expect(detail).toMatchObject({ status: 'completed', endReason: { kind: 'imported' } })
  })

  it('searches message text (Chinese and English) and filters by turns and language', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const { datasetId } = await api.importDataset(file('smile.jsonl.gz'))
    await api.importDataset(file('magnet.zip'))
    expect((await api.listDialogues({ text: '失眠的情况' })).total).toBe(1)
    expect((await api.listDialogues({ text: '失眠' })).total).toBe(1) // two characters: below the trigram length
    expect((await api.listDialogues({ language: 'zh' })).total).toBe(2)
    const byTurns = await api.listDialogues({ datasetId: datasetId!, sort: 'turns', order: 'desc' })
    expect(byTurns.items.map((d) => d.turns)).toEqual([...byTurns.items.map((d) => d.turns)].sort((a, b) => b - a))
    expect((await api.listDialogues({ datasetId: datasetId!, minTurns: 99 })).total).toBe(0)
  })

  it('imports all or none, or skips broken rows when asked', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const lines = [
      JSON.stringify({
        id: 'a',
        messages: [
          { role: 'client', content: '你好' },
          { role: 'counselor', content: '你好，请说。' },
        ],
      }),
      JSON.stringify({ id: 'b', messages: [{ role: 'client', content: '只有我在说话' }] }),
    ].join('\n')
    const request = { fileName: 'broken.jsonl', contentBase64: b64(lines), format: 'smile' as const }
    await expect(api.importDataset(request)).rejects.toMatchObject({
      code: 'import_failed',
      details: { errors: [expect.objectContaining({ row: 2 })] },
    })
    expect(await api.listDatasets()).toEqual([])
    const report = await api.importDataset({ ...request, skipInvalidRows: true })
    expect(report).toMatchObject({ imported: 1, skipped: 1, errors: [expect.objectContaining({ row: 2 })] })
    expect((await api.listDialogues({ datasetId: report.datasetId! })).total).toBe(1)
  })

  it('imports a JSONL exported before dialogues said "completed", and exports it saying completed', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const old = readFileSync(join(FIXTURES, 'native.jsonl'), 'utf8').replace(
      '"status":"completed"',
      '"status":"complete"',
    )
    expect(old).toContain('"status":"complete",')
    const { datasetId } = await api.importDataset({ fileName: 'old.jsonl', contentBase64: b64(old) })
    const list = await api.listDialogues({ datasetId: datasetId! })
    expect(list.items.map((d) => d.status)).toEqual(['completed', 'failed'])
    const out = await api.exportDataset({ id: datasetId!, format: 'jsonl' })
    expect(out.count).toBe(1)
    const lines = out.content
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines.slice(1).map((line) => [line.id, line.status])).toEqual([[list.items[0].id, 'completed']])
  })

  it('exports a dataset in every format and reads it back the same', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const { datasetId } = await api.importDataset(file('magnet.zip'))
    const original = await Promise.all(
      (await api.listDialogues({ datasetId: datasetId! })).items.map((d) => api.getDialogue({ id: d.id })),
    )
    for (const format of ['openai', 'sharegpt', 'smile', 'magnet', 'jsonl'] as const) {
      const out = await api.exportDataset({ id: datasetId!, format })
      expect(out.count).toBe(original.length)
      const back = await api.importDataset({
        fileName: out.fileName,
        contentBase64: out.encoding === 'base64' ? out.content : b64(out.content),
        format,
      })
      const again = await Promise.all(
        (await api.listDialogues({ datasetId: back.datasetId! })).items.map((d) => api.getDialogue({ id: d.id })),
      )
      expect(
        again.map((d) => d.messages.map((m) => [m.speaker, m.content])),
        format,
      ).toEqual(original.map((d) => d.messages.map((m) => [m.speaker, m.content])))
    }
  })
})
