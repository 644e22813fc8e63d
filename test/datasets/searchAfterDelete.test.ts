import { afterEach, describe, expect, it } from 'vitest'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { client, tempWorkspace } from '../support/workspace'

const jsonl = (lines: string[][]) =>
  Buffer.from(
    lines
      .map((pair) =>
        JSON.stringify({
          messages: [
            { role: 'user', content: pair[0] },
            { role: 'assistant', content: pair[1] },
          ],
        }),
      )
      .join('\n'),
  ).toString('base64')

describe('dialogue search after a dataset is deleted', () => {
  const ws = tempWorkspace()
  afterEach(() => ws.cleanup())

  it('finds messages stored after the newest dataset was deleted (their ids are used again)', async () => {
    const app = ws.open()
    const api = client(app)
    const importFile = (name: string, lines: string[][]) =>
      api.importDataset({ fileName: `${name}.jsonl`, contentBase64: jsonl(lines), format: 'openai', name })
    await importFile('first', [['I keep thinking about my exams', 'What goes through your mind?']])
    const second = await importFile('second', [
      ['My neighbour plays drums at night', 'That sounds exhausting.'],
      ['I cannot sleep before interviews', 'Tell me more about the nights before.'],
    ])
    // The search index catches up with everything stored so far (the app's timer does this every few seconds).
    const index = dialogueRepo(app.db)
    index.syncSearchIndex()
    const indexed = await api.listDialogues({ text: 'drums' })
    expect(indexed.total).toBe(1)
    await api.deleteDataset({ id: second.datasetId! })

    await importFile('third', [['My sister borrows my bicycle without asking', 'How do you feel when that happens?']])
    index.syncSearchIndex()
    const found = await api.listDialogues({ text: 'bicycle' })
    expect(found.total).toBe(1)
    expect((await api.listDialogues({ text: 'drums' })).total).toBe(0)
  })
})
