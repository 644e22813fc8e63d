import { RoleCardSchema } from '@shared/roleCard'
import type { App } from '../../src/main/app'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'

/*
 * Two datasets made from the same role cards (card-0 … card-<n-1>), as a MAGneT run and a three-stage run would be:
 * each dialogue's counselor line names its method, so a test can see which dialogue a rater was shown.
 */

export function addMethodDataset(app: App, id: string, name: string, cards: number, language: 'en' | 'zh' = 'en') {
  const repo = dialogueRepo(app.db)
  repo.createDataset({ id, name, kind: 'import', source: 'test', description: '' })
  for (let position = 0; position < cards; position++) {
    const dialogueId = `${id}-${position}`
    repo.insertDialogue({
      id: dialogueId,
      datasetId: id,
      runId: null,
      position,
      roleCard: RoleCardSchema.parse({
        id: `card-${position}`,
        language,
        complaint: { title: `Client ${position}`, body: `Worries number ${position} keep the client awake.` },
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
      }),
      sample: 0,
      language,
      status: 'completed',
      endReason: { kind: 'imported' },
      systemPrompt: null,
      meta: { externalId: `record-${position}` },
    })
    repo.appendMessages([
      { dialogueId, index: 0, message: { speaker: 'client', content: `I keep worrying about thing ${position}.` } },
      {
        dialogueId,
        index: 1,
        message: { speaker: 'counselor', content: `[${name} reply to ${position}] Tell me more.` },
      },
    ])
  }
}

/** "MAGneT" (ds-m) and "Three-stage" (ds-t), `cards` dialogues each on the same cards. */
export function addMethodDatasets(app: App, cards: number) {
  addMethodDataset(app, 'ds-m', 'MAGneT', cards)
  addMethodDataset(app, 'ds-t', 'Three-stage', cards)
}
