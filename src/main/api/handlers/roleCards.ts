import type { ApiHandlers } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import { renderRoleCardText } from '../../prompts/roleCardText'
import type { RoleCardService } from '../../roleCards/roleCardService'

type RoleCardMethods =
  | 'listRoleCards'
  | 'getRoleCard'
  | 'createRoleCard'
  | 'updateRoleCard'
  | 'duplicateRoleCard'
  | 'editRoleCards'
  | 'deleteRoleCards'
  | 'restoreRoleCards'
  | 'renderRoleCard'
  | 'importRoleCards'
  | 'exportRoleCards'

export function roleCardHandlers(cards: RoleCardService): Pick<ApiHandlers, RoleCardMethods> {
  return {
    listRoleCards: (query) => cards.list(query),
    getRoleCard: ({ id }) => cards.get(id),
    createRoleCard: (card) => cards.create(card),
    updateRoleCard: ({ id, card, expectedUpdatedAt }) => cards.update(id, card, expectedUpdatedAt),
    duplicateRoleCard: ({ id }) => cards.duplicate(id),
    editRoleCards: (edit) => cards.edit(edit),
    deleteRoleCards: ({ ids }) => ({ deleted: cards.delete(ids) }),
    restoreRoleCards: ({ cards: list }) => ({ restored: cards.restore(list) }),
    renderRoleCard: ({ card }) => ({ text: renderRoleCardText(card) }),
    importRoleCards: (request) => {
      const report = cards.import(request)
      if (report.errors.length) {
        throw new WorkbenchError(
          'import_failed',
          { key: 'files.importProblems', params: { file: report.file, count: report.errors.length } },
          report,
        )
      }
      return report
    },
    exportRoleCards: (request) => cards.export(request),
  }
}
