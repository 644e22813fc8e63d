import type { ApiHandlers } from '@shared/api'
import type { trainingApi } from '@shared/trainingApi'
import type { DialogueRepo } from '../../db/dialogueRepo'
import { buildTrainingFiles } from '../../training/exportFiles'
import type { TrainingService } from '../../training/remote/trainingService'
import { dpoPreset, paperPreset, renderTrainYaml } from '../../training/trainConfig'

export function trainingHandlers({
  dialogues,
  training,
}: {
  dialogues: DialogueRepo
  training: TrainingService
}): Pick<ApiHandlers, keyof typeof trainingApi> {
  const { profiles, jobs } = training
  return {
    exportTrainingData: (request) => {
      const { dataFiles, config, summary } = buildTrainingFiles(dialogues, request)
      return {
        files: [
          ...dataFiles,
          { fileName: 'train.yaml', mimeType: 'application/yaml', content: renderTrainYaml(config) },
        ],
        summary,
      }
    },
    trainingConfigDefaults: ({ model, stage, datasetName, outputDir }) =>
      stage === 'dpo'
        ? dpoPreset(model, {
            dataset: datasetName ?? 'simpsy_dpo',
            dataset_dir: 'data',
            output_dir: outputDir ?? 'saves/simpsy-counselor-dpo',
          })
        : paperPreset(model, {
            dataset: datasetName ?? 'simpsy',
            dataset_dir: 'data',
            output_dir: outputDir ?? 'saves/simpsy-counselor',
          }),
    renderTrainingConfig: ({ config }) => ({ yaml: renderTrainYaml(config) }),

    listSshProfiles: () => profiles.list(),
    saveSshProfile: (input, call) => profiles.save(input, call),
    deleteSshProfile: ({ id }) => profiles.delete(id),
    checkHostKey: ({ id }) => profiles.checkHostKey(id),
    acceptHostKey: ({ id, fingerprint }) => profiles.acceptHostKey(id, fingerprint),
    testSshProfile: ({ id }) => profiles.test(id),

    launchTraining: (input) => jobs.launch(input),
    listTrainingJobs: () => jobs.list(),
    getTrainingJob: ({ id }) => jobs.get(id),
    refreshTrainingJob: ({ id }) => jobs.refresh(id),
    cancelTrainingJob: ({ id }) => jobs.cancel(id),
    deleteTrainingJob: ({ id }) => jobs.delete(id),
    serveTrainedModel: (input) => jobs.serve(input),
  }
}
