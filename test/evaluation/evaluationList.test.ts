import { afterEach, describe, expect, it } from 'vitest'
import { client, tempWorkspace } from '../support/workspace'

const file = Buffer.from(
  [
    ['我最近总是失眠', '失眠多久了？'],
    ['I feel anxious before exams', 'What goes through your mind then?'],
    ['父母总是吵架', '这让你有什么感受？'],
  ]
    .map(([user, assistant]) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: user },
          { role: 'assistant', content: assistant },
        ],
      }),
    )
    .join('\n'),
).toString('base64')

describe('the list of analyses', () => {
  const ws = tempWorkspace()
  afterEach(() => ws.cleanup())

  it('leaves results out (saying there is one); getEvaluation returns it', async () => {
    const app = ws.open()
    const api = client(app)
    const { datasetId } = await api.importDataset({ fileName: 'd.jsonl', contentBase64: file, format: 'openai' })
    const started = await api.startEvaluation({ kind: 'distinct', datasetIds: [datasetId!], config: {} })
    await app.evaluations.waitFor(started.id)

    const [listed] = await api.listEvaluations()
    expect(listed).toMatchObject({ id: started.id, status: 'completed', hasResult: true, result: null })
    const full = await api.getEvaluation({ id: started.id })
    expect(full.hasResult).toBe(true)
    expect(full.result).not.toBeNull()
    // Everything else is the same in both.
    expect({ ...full, result: null }).toEqual(listed)
    // The stored result is what the job computed (and not changed by listing).
    const stored = app.db.prepare('SELECT result FROM evaluations WHERE id = ?').pluck().get(started.id) as string
    expect(full.result).toEqual(JSON.parse(stored))
  })
})
