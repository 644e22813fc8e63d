import { afterEach, describe, expect, it } from 'vitest'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { storeCorpus } from '../support/corpus'
import { tempWorkspace } from '../support/workspace'

const ws = tempWorkspace()
afterEach(() => ws.cleanup())

describe('transcripts of a dataset in one query', () => {
  it('give the same dialogues, in the same order and with the same messages, as reading each dialogue', () => {
    const app = ws.open()
    const repo = dialogueRepo(app.db)
    const datasetId = storeCorpus(app.db, 60, 3, 5)
    // A dialogue without messages, one that failed and one flagged: all read, the last two left out when complete.
    const [empty, failed, flagged] = [...repo.iterateDetails(datasetId)].slice(0, 3).map((d) => d.id)
    app.db.prepare('DELETE FROM messages WHERE dialogue_id = ?').run(empty)
    app.db.prepare("UPDATE dialogues SET status = 'failed' WHERE id = ?").run(failed)
    app.db.prepare('UPDATE dialogues SET flagged = 1 WHERE id = ?').run(flagged)
    const only = new Set([...repo.iterateDetails(datasetId)].filter((_, i) => i % 3 === 0).map((d) => d.id))
    for (const [subset, completeOnly] of [
      [undefined, false],
      [undefined, true],
      [only, false],
    ] as const) {
      const expected = [...repo.iterateDetails(datasetId, subset, completeOnly)].map((d) => ({
        id: d.id,
        language: d.language,
        messages: d.messages.map((m) => ({ speaker: m.speaker, content: m.content })),
      }))
      expect([...repo.iterateTranscripts(datasetId, subset, completeOnly)]).toEqual(expected)
    }
    expect([...repo.iterateTranscripts(datasetId)].find((t) => t.id === empty)?.messages).toEqual([])
    expect([...repo.iterateTranscripts(datasetId, undefined, true)].map((t) => t.id)).not.toContain(flagged)
  })
})
