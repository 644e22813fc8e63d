import { z } from 'zod'
import type { ExportedFile } from './api'
import { byId, method, none } from './apiMethod'
import type { EndpointView } from './endpoint'
import { TrainConfigSchema, type TrainConfig } from './trainConfig'
import {
  LaunchTrainingSchema,
  SshProfileInputSchema,
  TrainingExportSchema,
  type HostKeyCheck,
  type SshProfileView,
  type TrainingJobView,
  type TrainingSummary,
} from './training'

/** The training part of the API contract (spread into `api` in api.ts). */
export const trainingApi = {
  /**
   * LLaMA-Factory training files for a dataset: data (and validation) JSON,
   * dataset_info.json and a train YAML with the paper's hyperparameters.
   */
  exportTrainingData: method(TrainingExportSchema).returns<{ files: ExportedFile[]; summary: TrainingSummary }>(),
  /**
   * The preset for a model, for the configuration form: the paper's (sft), or preference training on arena verdicts
   * (dpo, with the preference export's dataset name and output folder unless given).
   */
  trainingConfigDefaults: method(
    z.object({
      model: TrainingExportSchema.shape.model,
      stage: z.enum(['sft', 'dpo']).default('sft'),
      datasetName: z.string().optional(),
      outputDir: z.string().optional(),
    }),
  ).returns<TrainConfig>(),
  /** Validates the form (field errors come back as an invalid_input error) and renders the YAML. */
  renderTrainingConfig: method(z.object({ config: TrainConfigSchema })).returns<{ yaml: string }>(),

  listSshProfiles: method(none).returns<SshProfileView[]>(),
  saveSshProfile: method(SshProfileInputSchema).returns<SshProfileView>(),
  deleteSshProfile: method(byId).returns<{ deleted: boolean }>(),
  /** Connects far enough to see the server's host key and compares it with the accepted one. */
  checkHostKey: method(byId).returns<HostKeyCheck>(),
  /** The explicit accept step: trust exactly this fingerprint for the profile. */
  acceptHostKey: method(z.object({ id: z.string().min(1), fingerprint: z.string().min(1) })).returns<SshProfileView>(),
  /** Logs in and reports what the server has (python, llamafactory-cli, GPUs). */
  testSshProfile: method(byId).returns<{ ok: boolean; details: string[] }>(),

  launchTraining: method(LaunchTrainingSchema).returns<TrainingJobView>(),
  listTrainingJobs: method(none).returns<TrainingJobView[]>(),
  getTrainingJob: method(byId).returns<TrainingJobView>(),
  /** Reads the job's log files on the server now (the workbench also follows running jobs on its own). */
  refreshTrainingJob: method(byId).returns<TrainingJobView>(),
  /** Stops the whole remote process group. */
  cancelTrainingJob: method(byId).returns<TrainingJobView>(),
  deleteTrainingJob: method(byId).returns<{ deleted: boolean }>(),
  /** Starts an OpenAI-compatible server for the trained model on the remote machine and adds it as an endpoint. */
  serveTrainedModel: method(
    z.object({
      id: z.string().min(1),
      /** {model} is replaced by the output folder, {port} by the port. */
      command: z.string().min(1).default('vllm serve {model} --port {port}'),
      port: z.number().int().min(1).max(65535).default(8000),
      /** How the workbench reaches that port (e.g. through a tunnel): defaults to http://<host>:<port>/v1. */
      baseURL: z.string().url().optional(),
    }),
  ).returns<EndpointView>(),
} as const
