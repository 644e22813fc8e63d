import type { z } from 'zod'
import type { ExportedFile } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import { COUNSELOR_METHODS } from '@shared/counselors'
import type { TrainingExportSchema, TrainingSampleStyle, TrainingSummary } from '@shared/training'
import type { DialogueRepo } from '../db/dialogueRepo'
import { buildTrainingExport, defaultSystemPrompt, TRAIN_FILE, VALIDATION_FILE } from './llamaFactoryExport'
import type { TrainConfig } from '@shared/trainConfig'
import { paperPreset } from './trainConfig'

export type TrainingExportRequest = z.output<typeof TrainingExportSchema>

/** The data folder of an export (LLaMA-Factory's dataset_dir) and the config that trains on it. */
export interface TrainingFiles {
  /** data.json, validation.json (when held out) and dataset_info.json: the contents of dataset_dir. */
  dataFiles: ExportedFile[]
  /** The paper's preset for the export's model, pointing at dataset_dir 'data'. */
  config: TrainConfig
  summary: TrainingSummary
}

const WHY: Record<string, string> = {
  incomplete: 'did not end by a rule (turn limit, closing phrase or end token)',
  flagged: 'have flagged turns',
  language: 'are in the other language',
  pool: 'have a role card in another pool',
  min_turns: 'are shorter than the minimum',
  not_alternating:
    'do not open with the client and alternate client/counselor (the release layout needs that; sessions opened by the counselor can be exported as seed-context samples)',
  no_counselor_turn: 'have no counselor turn',
  duplicate: 'repeat another sample',
}

const json = (fileName: string, value: unknown): ExportedFile => ({
  fileName,
  mimeType: 'application/json',
  content: JSON.stringify(value, null, 2) + '\n',
})

/** One export for both the download (exportTrainingData) and a remote launch (launchTraining). */
export function buildTrainingFiles(dialogues: DialogueRepo, request: TrainingExportRequest): TrainingFiles {
  if (!dialogues.getDataset(request.datasetId))
    throw new WorkbenchError('not_found', { key: 'datasets.notFound', params: { id: request.datasetId } })
  const list = [...dialogues.iterateDetails(request.datasetId)]
  const sampleStyle =
    request.sampleStyle === 'auto' ? methodSampleStyle(dialogues, request.datasetId) : request.sampleStyle
  // Seed-context samples carry their task in the instruction: a system prompt only when one is given.
  const simulated = sampleStyle === 'seed-context' ? null : defaultSystemPrompt(list)
  const systemPrompt = request.systemPrompt === undefined ? simulated : request.systemPrompt
  const built = buildTrainingExport(list, { ...request, sampleStyle, systemPrompt })
  if (built.summary.samples === 0) {
    const reasons = Object.entries(built.summary.filtered).map(
      ([reason, n]) => `${n} ${WHY[reason] ?? reason} (${reason})`,
    )
    throw new WorkbenchError(
      'invalid_input',
      { key: 'training.noSampleLeft', params: { reasons: reasons.join('; ') } },
      {
        ...built.summary,
        systemPrompt,
        sampleStyle,
      },
    )
  }
  const config = paperPreset(request.model, {
    dataset: request.datasetName,
    dataset_dir: 'data',
    output_dir: request.outputDir,
    ...(built.validation.length ? { eval_dataset: `${request.datasetName}_validation`, val_size: 0 } : {}),
  })
  const dataFiles = [
    json(TRAIN_FILE, built.train),
    ...(built.validation.length ? [json(VALIDATION_FILE, built.validation)] : []),
    json('dataset_info.json', built.datasetInfo),
  ]
  return { dataFiles, config, summary: { ...built.summary, systemPrompt, sampleStyle } }
}

/** What the method of the run that made the dataset trains on; imported datasets (no run) keep the system prompt. */
function methodSampleStyle(dialogues: DialogueRepo, datasetId: string): TrainingSampleStyle {
  const kind = dialogues.runCounselorKind(datasetId)
  const method =
    kind && Object.hasOwn(COUNSELOR_METHODS, kind) ? COUNSELOR_METHODS[kind as keyof typeof COUNSELOR_METHODS] : null
  return method?.training ?? 'system-prompt'
}
