import type { ApiHandlers } from '@shared/api'
import type { trainingApi } from '@shared/trainingApi'
import type { DialogueRepo } from '../../db/dialogueRepo'
import type { PathPolicy } from '../../pathPolicy'
import { buildTrainingFiles } from '../../training/exportFiles'
import type { TrainingService } from '../../training/remote/trainingService'
import { paperPreset, renderTrainYaml } from '../../training/trainConfig'

export function trainingHandlers({
  dialogues,
  training,
  paths,
}: {
  dialogues: DialogueRepo
  training: TrainingService
  paths: PathPolicy
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
    trainingConfigDefaults: ({ model, datasetName, outputDir }) =>
      paperPreset(model, { dataset: datasetName, dataset_dir: 'data', output_dir: outputDir }),
    renderTrainingConfig: ({ config }) => ({ yaml: renderTrainYaml(config) }),

    listSshProfiles: () => profiles.list(),
    saveSshProfile: (input, call) => {
      // A key file named from a browser must be in a folder the server allows; a path already saved (by the CLI or the
      // desktop app) is kept.
      const stored = input.id ? profiles.list().find((p) => p.id === input.id)?.privateKeyPath : undefined
      if (input.auth !== 'key' || !input.privateKeyPath || input.privateKeyPath === stored) return profiles.save(input)
      return profiles.save({ ...input, privateKeyPath: paths.check(input.privateKeyPath, 'privateKeyPath', call) })
    },
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
