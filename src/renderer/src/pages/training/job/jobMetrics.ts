import type { TrainerLogPoint, TrainingJobStatus, TrainingJobView } from '@shared/training'

export const isActive = (status: TrainingJobStatus) => status === 'uploading' || status === 'running'

/** The most recent line of trainer_log.jsonl. */
export function lastPoint(job: TrainingJobView): TrainerLogPoint | null {
  return job.points.reduce<TrainerLogPoint | null>(
    (latest, point) => (latest === null || point.step >= latest.step ? point : latest),
    null,
  )
}

/** Share of the steps done, 0..100; null while the total is unknown. A completed job is full. */
export function percentDone(job: TrainingJobView): number | null {
  if (job.status === 'completed') return 100
  const point = lastPoint(job)
  if (!point?.totalSteps) return null
  return Math.min(100, (point.step / point.totalSteps) * 100)
}

/**
 * The last value of a series that LLaMA-Factory logged (loss is logged every logging_steps, eval loss at evaluations).
 */
export function lastValue(job: TrainingJobView, key: 'loss' | 'evalLoss' | 'learningRate'): number | null {
  for (let i = job.points.length - 1; i >= 0; i--) {
    const value = job.points[i][key]
    if (value !== null && Number.isFinite(value)) return value
  }
  return null
}

/** Seconds from start to finish (or to now while it runs); null before it started. */
export function durationSeconds(job: TrainingJobView, now = Date.now()): number | null {
  if (!job.startedAt) return null
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now
  const seconds = (end - Date.parse(job.startedAt)) / 1000
  return Number.isFinite(seconds) ? Math.max(0, seconds) : null
}

/** "1.2345" for losses: four significant decimals without exponent noise. */
export function formatLoss(value: number | null): string {
  if (value === null) return '—'
  return value >= 100 ? value.toFixed(1) : value.toFixed(4)
}

/** A configured learning rate as people write it: 1e-5, 2e-4 (not 0.00001). */
export function formatLearningRate(value: number): string {
  return value > 0 && value < 0.01 ? value.toExponential() : String(value)
}

/** Logged learning rates are small and uneven: 9.87e-6 reads better than 0.00000987. */
export function formatRate(value: number | null): string {
  if (value === null) return '—'
  return value === 0 ? '0' : value.toExponential(2)
}
