import {
  cardSampleProblem,
  RoleCardQuerySchema,
  type CardSelection,
  type CardSelectionRecord,
  type RoleCard,
} from '@shared/roleCard'
import { WorkbenchError } from '@shared/errors'
import { sampleTake } from '@shared/sample'
import type { RoleCardRepo } from '../db/roleCardRepo'
import { seededRanking } from '../seededRandom'

/**
 * The cards a run or an arena uses: by id list (all must exist) or by query (at least one must match), and with a
 * sample the first `size` (or `fraction` of the matching) cards ranked by a hash of the seed and the card's id, in
 * the query's order. `record` says how they were chosen, to store with the run or arena.
 */
export function selectRoleCards(
  repo: RoleCardRepo,
  selection: CardSelection,
): { cards: RoleCard[]; record: CardSelectionRecord } {
  if ('ids' in selection) {
    const cards = repo.find({}, selection.ids)
    if (cards.length !== selection.ids.length) {
      const missing = selection.ids.filter((id) => !cards.some((c) => c.id === id))
      throw new WorkbenchError('invalid_input', {
        key: 'cards.missing',
        params: { ids: missing.slice(0, 5).join(', ') },
      })
    }
    return { cards, record: { matched: cards.length, selected: cards.length } }
  }
  const { sample } = selection
  if (sample) {
    const problem = cardSampleProblem(sample)
    if (problem) throw new WorkbenchError('invalid_input', `cards.sample.${problem.field}: ${problem.message}.`)
  }
  const query = RoleCardQuerySchema.parse(selection.query)
  const matching = repo.find(query)
  if (matching.length === 0) throw new WorkbenchError('invalid_input', { key: 'cards.noneMatch' })
  let cards = matching
  if (sample) {
    const kept = new Set(
      seededRanking(matching, sample.seed, (c) => c.id).slice(0, sampleTake(sample, matching.length)),
    )
    cards = matching.filter((c) => kept.has(c))
  }
  return { cards, record: { query, ...(sample && { sample }), matched: matching.length, selected: cards.length } }
}
