import type { Dataset } from '@shared/dialogue'
import { WorkbenchError } from '@shared/errors'
import type { DialogueRepo } from '../db/dialogueRepo'
import { analysisSampler, type EstimateInput } from './estimateAnalysis'
import { EXPORT_MAX_BYTES, type JobKind } from './evaluationRunner'

/**
 * A judged analysis's requests as one JSONL batch file (for `vllm run-batch`), without starting it: every dialogue it
 * would read is read, so this runs in the workspace worker.
 */
export function exportBatchFile(job: JobKind, dialogues: DialogueRepo, input: EstimateInput, datasets: Dataset[]) {
  if (!job.batchLines) throw new Error(`analysis kind ${input.kind} has no batch lines`)
  const completeOnly = (input.dialogues ?? 'complete') === 'complete'
  const sampled = analysisSampler(dialogues, input.kind, input.config, completeOnly)
  const all: string[] = []
  let bytes = 0
  for (const line of job.batchLines({
    config: input.config,
    datasets,
    dialoguesOf: (datasetId) => dialogues.iterateDetails(datasetId, sampled(datasetId), completeOnly),
  })) {
    bytes += Buffer.byteLength(line) + 1
    if (bytes > EXPORT_MAX_BYTES)
      throw new WorkbenchError(
        'invalid_input',
        `The batch file would pass ${EXPORT_MAX_BYTES / 2 ** 20} MB after ${all.length} requests: export a sample ` +
          '(sample size or fraction) or one dataset at a time.',
      )
    all.push(line)
  }
  return {
    fileName: `${input.kind}-requests.jsonl`,
    mimeType: 'application/jsonl',
    content: all.length ? all.join('\n') + '\n' : '',
    count: all.length,
  }
}
