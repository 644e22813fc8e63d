/** Training: LLaMA-Factory export and remote fine-tuning jobs (see trainingApi.ts for the methods). */

export interface TrainingSummary {
  dialogues: number
  samples: number
  trainSamples: number
  validationSamples: number
  counselorTurns: number
  estimatedTokens: number
  filtered: Record<string, number>
  systemPrompt: string | null
}

/** A remote training job as the UI shows it (filled in by the remote-launch work). */
export interface TrainingJobView {
  id: string
  name: string
  status: string
}
