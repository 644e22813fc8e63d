import { afterEach, describe, expect, it } from 'vitest'
import { workspaceBytes } from '../../src/main/db/maintenance'
import { client, tempWorkspace } from '../support/workspace'
import { mixedLine, prng } from '../support/corpus'

/** An OpenAI-format JSONL file of `n` generated dialogues (Chinese and English words), base64. */
function corpusFile(n: number, seed: number) {
  const random = prng(seed)
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `d${seed}-${i}`,
      messages: Array.from({ length: 6 }, (_, k) => ({
        role: k % 2 ? 'assistant' : 'user',
        content: mixedLine(random, 30),
      })),
    }),
  )
  return Buffer.from(lines.join('\n')).toString('base64')
}

describe('the search index at import, and compacting the workspace', () => {
  const ws = tempWorkspace()
  afterEach(() => ws.cleanup())

  it('indexes what an import stored before it returns, and compacting keeps every dialogue and search', async () => {
    const app = ws.open()
    const api = client(app)
    const keep = await api.importDataset({ fileName: 'keep.jsonl', contentBase64: corpusFile(300, 1), name: 'keep' })
    const marks = () =>
      app.db.prepare('SELECT name, upto FROM search_index_state ORDER BY name').all() as {
        name: string
        upto: number
      }[]
    const lastId = () => app.db.prepare('SELECT max(id) FROM messages').pluck().get() as number
    // Both indexes hold every message the import stored (no process has to build them later).
    expect(marks().map((m) => m.upto)).toEqual([lastId(), lastId()])
    const drop = await api.importDataset({ fileName: 'drop.jsonl', contentBase64: corpusFile(600, 2), name: 'drop' })
    expect(marks().map((m) => m.upto)).toEqual([lastId(), lastId()])

    const snapshot = async () => {
      const list = await api.listDialogues({ datasetId: keep.datasetId! })
      const details = await Promise.all(list.items.map((d) => api.getDialogue({ id: d.id })))
      const searches = await Promise.all(
        ['焦虑', '失', 'sleep', '工作压力', 'ok'].map(async (text) =>
          (await api.listDialogues({ text })).items.map((d) => d.id),
        ),
      )
      return { details, searches }
    }
    await api.deleteDataset({ id: drop.datasetId! })
    // The delete's log was copied back into the file and emptied.
    expect(workspaceBytes(app.db).wal).toBe(0)
    const before = await snapshot()
    expect(before.details).toHaveLength(300)
    expect(before.searches.every((ids) => ids.length > 0)).toBe(true)

    const result = await api.compactWorkspace({})
    expect(result.after).toBeLessThan(result.before)
    const bytes = workspaceBytes(app.db)
    expect(result.after).toBe(bytes.file + bytes.wal)
    expect(await snapshot()).toEqual(before)
    // Still searchable and writable: a new import is indexed and found.
    const more = await api.importDataset({ fileName: 'more.jsonl', contentBase64: corpusFile(5, 3), name: 'more' })
    expect(marks().map((m) => m.upto)).toEqual([lastId(), lastId()])
    expect((await api.listDialogues({ text: '焦虑' })).total).toBeGreaterThan(
      before.searches[0].length - 1, // the five new dialogues may add matches, never remove any
    )

    // Everything deleted and compacted: the file is as small as a workspace that never held a dialogue (deleted
    // entries of the search indexes are merged away too).
    await api.deleteDataset({ id: keep.datasetId! })
    await api.deleteDataset({ id: more.datasetId! })
    const emptied = (await api.compactWorkspace({})).after
    const fresh = tempWorkspace()
    try {
      const never = client(fresh.open())
      expect(emptied).toBeLessThanOrEqual((await never.compactWorkspace({})).after)
    } finally {
      await fresh.cleanup()
    }
  })

  it('is refused while an analysis is going', async () => {
    const app = ws.open()
    const api = client(app)
    app.db
      .prepare(
        `INSERT INTO evaluations (id, kind, name, dataset_ids, config, status, created_at)
         VALUES ('e1', 'distinct', 'x', '[]', '{}', 'running', '')`,
      )
      .run()
    await expect(api.compactWorkspace({})).rejects.toThrow(/still going/)
  })
})
