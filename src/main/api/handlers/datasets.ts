import type { ApiHandlers } from '@shared/api'
import type { datasetApi, LlmCallDetail } from '@shared/datasetApi'
import { WorkbenchError } from '@shared/errors'
import type { DatasetService } from '../../datasets/datasetService'
import type { DialogueRepo } from '../../db/dialogueRepo'
import type { LlmCallRepo } from '../../db/llmCallRepo'

export function datasetHandlers(deps: {
  datasets: DatasetService
  dialogues: DialogueRepo
  calls: LlmCallRepo
}): Pick<ApiHandlers, keyof typeof datasetApi> {
  const { datasets, dialogues } = deps
  return {
    listDatasets: () => datasets.list(),
    renameDataset: ({ id, name, description }) => datasets.rename(id, name, description),
    deleteDataset: async ({ id }) => ({ deleted: await datasets.delete(id) }),
    compactWorkspace: () => datasets.compact(),
    listDialogues: (query) => dialogues.list(query),
    countDialogues: (query) => ({ total: dialogues.count(query) }),
    createDatasetFromSelection: ({ query, name, language }) => datasets.fromSelection(query, name, language),
    getDialogue: ({ id }) => {
      const detail = dialogues.detail(id)
      if (!detail) throw new WorkbenchError('not_found', { key: 'datasets.dialogueNotFound', params: { id } })
      // The transcript's call table: what each attempt cost and how it ended, not the texts again.
      const calls = deps.calls
        .forDialogue(id)
        .map(
          ({
            request: _r,
            response: _s,
            jobId: _u,
            dialogueId: _d,
            endpointId: _e,
            finishReason: _f,
            cost: _c,
            ...view
          }) => view,
        )
      return { ...detail, calls }
    },
    getLlmCall: ({ id }) => {
      const row = deps.calls.get(id)
      if (!row) throw new WorkbenchError('not_found', { key: 'datasets.callNotFound', params: { id } })
      const { request, jobId: _j, dialogueId: _d, endpointId: _e, ...rest } = row
      let parsed: LlmCallDetail['request']
      try {
        parsed = JSON.parse(request) as LlmCallDetail['request']
      } catch {
        parsed = { raw: request }
      }
      return { ...rest, request: parsed }
    },
    importDataset: (request) => datasets.import(request),
    exportDataset: (request) => datasets.export(request),
  }
}
