import type { TrainerLogPoint } from '@shared/training'

/** `0:01:02`, `12:00:00.5` or `1 day, 2:03:04` (Python's str(timedelta)) in seconds; null otherwise. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string') return null
  const match = /^\s*(?:(\d+) days?, )?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$/.exec(value)
  if (!match) return null
  const [, days, hours, minutes, seconds] = match
  return Number(days ?? 0) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** One trainer_log.jsonl record, or null when it has no step (or is not an object). */
export function toPoint(record: unknown): TrainerLogPoint | null {
  if (typeof record !== 'object' || record === null) return null
  const r = record as Record<string, unknown>
  const step = num(r.current_steps)
  if (step === null) return null
  return {
    step,
    totalSteps: num(r.total_steps),
    epoch: num(r.epoch),
    loss: num(r.loss),
    evalLoss: num(r.eval_loss),
    // Older LLaMA-Factory versions write learning_rate, newer ones lr.
    learningRate: num(r.learning_rate) ?? num(r.lr),
    elapsedSeconds: parseDuration(r.elapsed_time),
    remainingSeconds: parseDuration(r.remaining_time),
  }
}

export interface TrainerLogChunk {
  points: TrainerLogPoint[]
  /** Bytes of the text consumed: whole lines only, unless `final`. */
  consumedBytes: number
  /** Lines that are not JSON records with a step (kept out of the points). */
  skipped: number
}

/**
 * Parses the part of trainer_log.jsonl read so far. A last line without its newline is
 * still being written: it is left for the next read, unless `final` (the trainer has exited).
 */
export function parseTrainerLog(text: string, options: { final?: boolean } = {}): TrainerLogChunk {
  const end = options.final ? text.length : text.lastIndexOf('\n') + 1
  const points: TrainerLogPoint[] = []
  let skipped = 0
  for (const line of text.slice(0, end).split('\n')) {
    if (!line.trim()) continue
    let point: TrainerLogPoint | null
    try {
      point = toPoint(JSON.parse(line))
    } catch {
      point = null
    }
    if (point) points.push(point)
    else skipped++
  }
  return { points, consumedBytes: Buffer.byteLength(text.slice(0, end), 'utf8'), skipped }
}
