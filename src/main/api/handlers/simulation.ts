import type { ApiHandlers } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import { SimulationConfigSchema } from '@shared/simulation'
import type { DatasetService } from '../../datasets/datasetService'
import type { DialogueRepo } from '../../db/dialogueRepo'
import type { LlmCallRepo } from '../../db/llmCallRepo'
import type { EventBus } from '../../events'
import type { TemplateStore } from '../../prompts/templateStore'
import type { SimulationRunner } from '../../simulation/runner'

type SimulationMethods =
  | 'listTemplates' | 'templateHistory' | 'saveTemplate' | 'simulationDefaults'
  | 'startRun' | 'pauseRun' | 'resumeRun' | 'retryFailedDialogues' | 'cancelRun' | 'listRuns' | 'getRun'
  | 'listDatasets' | 'renameDataset' | 'deleteDataset' | 'listDialogues' | 'getDialogue' | 'importDataset' | 'exportDataset'

export function simulationHandlers(deps: {
  templates: TemplateStore
  runner: SimulationRunner
  dialogues: DialogueRepo
  datasets: DatasetService
  calls: LlmCallRepo
  events: EventBus
}): Pick<ApiHandlers, SimulationMethods> {
  const { templates, runner, dialogues, datasets, events } = deps
  const dataset = (id: string) => {
    const found = dialogues.getDataset(id)
    if (!found) throw new WorkbenchError('not_found', `No dataset with id ${id}.`)
    return found
  }
  return {
    listTemplates: () => templates.list(),
    templateHistory: ({ id, language }) => templates.history(id, language),
    saveTemplate: ({ id, language, text, note }) => templates.save(id, language, text, note),
    simulationDefaults: () =>
      SimulationConfigSchema.parse({
        client: { endpointId: '-', templateId: 'client.default' },
        counselor: { endpointId: '-', templateId: 'counselor.three-stage' },
      }),
    startRun: (input) => runner.start(input),
    pauseRun: ({ id }) => runner.stop(id, 'pause'),
    resumeRun: ({ id }) => runner.resume(id),
    retryFailedDialogues: ({ id }) => runner.retryFailed(id),
    cancelRun: ({ id }) => runner.stop(id, 'cancel'),
    listRuns: () => runner.list(),
    getRun: ({ id }) => runner.summary(id),

    listDatasets: () => dialogues.listDatasets(),
    renameDataset: ({ id, name, description }) => {
      dataset(id)
      dialogues.renameDataset(id, name, description)
      events.emit('datasets.changed', {})
      return dataset(id)
    },
    deleteDataset: ({ id }) => {
      const found = dataset(id)
      if (found.runId && runner.isActive(found.runId)) {
        throw new WorkbenchError('conflict', `"${found.name}" is the output of a run that is still going; pause or cancel the run first.`)
      }
      const deleted = dialogues.deleteDataset(id)
      events.emit('datasets.changed', {})
      return { deleted }
    },
    listDialogues: (query) => dialogues.list(query),
    getDialogue: ({ id }) => {
      const detail = dialogues.detail(id)
      if (!detail) throw new WorkbenchError('not_found', `No dialogue with id ${id}.`)
      const calls = deps.calls.forDialogue(id).map(({ request: _r, response: _s, runId: _u, dialogueId: _d, endpointId: _e, finishReason: _f, cost: _c, ...view }) => view)
      return { ...detail, calls }
    },
    importDataset: (request) => datasets.import(request),
    exportDataset: (request) => datasets.export(request),
  }
}
