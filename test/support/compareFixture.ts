import { RoleCardSchema, type RoleCard } from '@shared/roleCard'
import type { App } from '../../src/main/app'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'

/*
 * Three datasets for comparisons (test/evaluation/compare.test.ts, the compare panel's browser test): each dialogue has
 * a role card of four words and one client line saying the first `said` of them, so its vocabulary overlap with its
 * card ('mapping') is said / 4. CACTUS and MAGneT share cards c1..c5 (plus one card each without partner); Other has
 * its own cards.
 */

const WORDS: Record<string, string[]> = {
  c1: ['apple', 'banana', 'cherry', 'date'],
  c2: ['eagle', 'falcon', 'goose', 'heron'],
  c3: ['iris', 'jasmine', 'kale', 'lily'],
  c4: ['mango', 'nectarine', 'olive', 'peach'],
  c5: ['quartz', 'ruby', 'sapphire', 'topaz'],
  c6: ['umber', 'violet', 'walnut', 'xenon'],
  c7: ['yarrow', 'zinnia', 'acorn', 'birch'],
  d1: ['canyon', 'delta', 'estuary', 'fjord'],
  d2: ['granite', 'hematite', 'jade', 'kyanite'],
  d3: ['lagoon', 'meadow', 'oasis', 'prairie'],
}
const card = (id: string): RoleCard =>
  RoleCardSchema.parse({
    id,
    language: 'en',
    complaint: { title: '', body: WORDS[id].join(' ') },
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  })

/** A dataset whose dialogues each have a card and one client line with the first `said` words of it. */
export function addDataset(app: App, id: string, name: string, dialogues: [cardId: string | null, said: number][]) {
  const repo = dialogueRepo(app.db)
  repo.createDataset({ id, name, kind: 'import', source: 'test', description: '' })
  dialogues.forEach(([cardId, said], position) => {
    const dialogueId = `${id}-${position}`
    repo.insertDialogue({
      id: dialogueId,
      datasetId: id,
      runId: null,
      position,
      roleCard: cardId ? card(cardId) : null,
      sample: 0,
      language: 'en',
      status: 'completed',
      endReason: { kind: 'imported' },
      systemPrompt: null,
      meta: {},
    })
    const words = cardId ? WORDS[cardId].slice(0, said).join(' ') : 'hello'
    repo.appendMessages([
      { dialogueId, index: 0, message: { speaker: 'counselor', content: 'What brings you here?' } },
      { dialogueId, index: 1, message: { speaker: 'client', content: `Well, ${words}.` } },
    ])
  })
}

/** CACTUS (ds-a), MAGneT (ds-b) and Other (ds-c), as the comment at the top of this file says. */
export function addCompareDatasets(app: App) {
  addDataset(app, 'ds-a', 'CACTUS', [
    ['c1', 1],
    ['c2', 2],
    ['c3', 1],
    ['c4', 3],
    ['c5', 2],
    ['c7', 2],
  ])
  addDataset(app, 'ds-b', 'MAGneT', [
    ['c1', 2],
    ['c2', 3],
    ['c3', 2],
    ['c4', 4],
    ['c5', 2],
    ['c6', 1],
  ])
  addDataset(app, 'ds-c', 'Other', [
    ['d1', 1],
    ['d2', 3],
    ['d3', 4],
  ])
}
