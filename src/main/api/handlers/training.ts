import type { ApiHandlers, ExportedFile } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { trainingApi } from '@shared/trainingApi'
import type { DialogueRepo } from '../../db/dialogueRepo'
import { buildTrainingExport, defaultSystemPrompt, TRAIN_FILE, VALIDATION_FILE } from '../../training/llamaFactoryExport'
import { paperPreset, renderTrainYaml } from '../../training/trainConfig'

const WHY: Record<string, string> = {
  incomplete: 'did not end by a rule (turn limit or closing phrase)',
  flagged: 'have flagged turns',
  language: 'are in the other language',
  pool: 'have a role card in another pool',
  min_turns: 'are shorter than the minimum',
  not_alternating: 'do not open with the client and alternate client/counselor (the release layout needs that)',
  no_counselor_turn: 'have no counselor turn',
  duplicate: 'repeat another sample',
}

const json = (fileName: string, value: unknown): ExportedFile => ({ fileName, mimeType: 'application/json', content: JSON.stringify(value, null, 2) + '\n' })

const pending = () => {
  throw new WorkbenchError('internal', 'Remote training is being built.')
}

export function trainingHandlers(dialogues: DialogueRepo): Pick<ApiHandlers, keyof typeof trainingApi> {
  return {
    trainingConfigDefaults: ({ model, datasetName, outputDir }) => paperPreset(model, { dataset: datasetName, dataset_dir: 'data', output_dir: outputDir }),
    renderTrainingConfig: ({ config }) => ({ yaml: renderTrainYaml(config) }),
    listSshProfiles: () => [],
    saveSshProfile: pending,
    deleteSshProfile: pending,
    checkHostKey: pending,
    acceptHostKey: pending,
    testSshProfile: pending,
    launchTraining: pending,
    listTrainingJobs: () => [],
    getTrainingJob: pending,
    refreshTrainingJob: pending,
    cancelTrainingJob: pending,
    deleteTrainingJob: pending,
    serveTrainedModel: pending,
    exportTrainingData: (request) => {
      if (!dialogues.listDatasets().some((d) => d.id === request.datasetId)) throw new WorkbenchError('not_found', `No dataset with id ${request.datasetId}.`)
      const list = [...dialogues.iterateDetails(request.datasetId)]
      const systemPrompt = request.systemPrompt === undefined ? defaultSystemPrompt(list) : request.systemPrompt
      const built = buildTrainingExport(list, { ...request, systemPrompt })
      if (built.summary.samples === 0) {
        const reasons = Object.entries(built.summary.filtered).map(([reason, n]) => `${n} ${WHY[reason] ?? reason} (${reason})`)
        throw new WorkbenchError('invalid_input', `No training sample is left: ${reasons.join('; ')}.`, built.summary)
      }
      const config = paperPreset(request.model, {
        dataset: request.datasetName,
        dataset_dir: 'data',
        output_dir: request.outputDir,
        ...(built.validation.length ? { eval_dataset: `${request.datasetName}_validation`, val_size: 0 } : {}),
      })
      const files = [
        json(TRAIN_FILE, built.train),
        ...(built.validation.length ? [json(VALIDATION_FILE, built.validation)] : []),
        json('dataset_info.json', built.datasetInfo),
        { fileName: 'train.yaml', mimeType: 'application/yaml', content: renderTrainYaml(config) },
      ]
      return { files, summary: { ...built.summary, filtered: { ...built.summary.filtered } as Record<string, number>, systemPrompt } }
    },
  }
}
