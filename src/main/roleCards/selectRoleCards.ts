import type { RoleCard, RoleCardQuery } from '@shared/roleCard'
import { WorkbenchError } from '@shared/errors'
import type { RoleCardRepo } from '../db/roleCardRepo'

/** The cards a run or an arena uses: by id list (all must exist) or by query (at least one must match). */
export function selectRoleCards(
  repo: RoleCardRepo,
  selection: { ids: string[] } | { query: RoleCardQuery },
): RoleCard[] {
  if ('ids' in selection) {
    const cards = repo.find({}, selection.ids)
    if (cards.length !== selection.ids.length) {
      const missing = selection.ids.filter((id) => !cards.some((c) => c.id === id))
      throw new WorkbenchError('invalid_input', {
        key: 'cards.missing',
        params: { ids: missing.slice(0, 5).join(', ') },
      })
    }
    return cards
  }
  const cards = repo.find(selection.query)
  if (cards.length === 0) throw new WorkbenchError('invalid_input', { key: 'cards.noneMatch' })
  return cards
}
