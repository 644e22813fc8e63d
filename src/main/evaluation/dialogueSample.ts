import { WorkbenchError } from '@shared/errors'
import { JudgeSampleSchema, sampleCount, type JudgeSample } from '@shared/evaluation'
import type { RoleCardData } from '@shared/roleCard'
import { seededRanking } from '../seededRandom'
import { seedKey } from './compare/pairing'

/** A judged analysis's sample settings, or null when it asks about every dialogue. A size and a fraction: refused. */
export function sampleOf(config: unknown): JudgeSample | null {
  const sample = JudgeSampleSchema.parse(config ?? {})
  if (sample.sampleSize !== null && sample.sampleFraction !== null)
    throw new WorkbenchError('invalid_input', { key: 'evaluations.sampleBoth' })
  return sample.sampleSize === null && sample.sampleFraction === null ? null : sample
}

/**
 * The dialogues of one dataset a sample takes: ranked by a hash of the seed and each dialogue's seed record (its card's
 * content; the dialogue id without a card), so the same seed gives the same sample, and datasets generated from the
 * same cards or seeds get the same ones, which keeps them paired for a paired comparison.
 */
export function sampledDialogues(
  dialogues: readonly { id: string; roleCard: RoleCardData | null }[],
  sample: JudgeSample,
): Set<string> {
  const ranked = seededRanking(
    dialogues,
    sample.sampleSeed,
    (d) => (d.roleCard ? seedKey(d.roleCard) : `dialogue\u0000${d.id}`),
    (d) => d.id,
  )
  return new Set(ranked.slice(0, sampleCount(sample, dialogues.length)).map((d) => d.id))
}
