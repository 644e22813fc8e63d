import { createHash } from 'node:crypto'
import type { Language, ResistanceBehaviour, ResistanceBehaviourEntry } from '@shared/roleCard'
import { uniformGenerator } from '../../../seededRandom'

/**
 * The behaviour this turn shows, or null: one uniform draw in [0, 1) against the behaviours' chances laid end to end
 * (they add up to at most 1; the rest is no resistance). The draw is seeded by the run's seed, the session's key and
 * the turn, so a resumed session draws what it would have drawn.
 */
export function drawResistance(
  behaviours: readonly ResistanceBehaviourEntry[],
  seed: number,
  key: string,
  turn: number,
): ResistanceBehaviour | null {
  if (behaviours.length === 0) return null
  const hash = createHash('sha256').update(`${seed}\u0000${key}\u0000${turn}`).digest('hex')
  const r = uniformGenerator(parseInt(hash.slice(0, 12), 16))()
  let edge = 0
  for (const b of behaviours) {
    edge += b.frequency
    if (r < edge) return b.behaviour
  }
  return null
}

/** What the client is told to do when a behaviour is drawn (our own wording). */
export const RESISTANCE_INSTRUCTIONS: Record<Language, Record<ResistanceBehaviour, string>> = {
  en: {
    arguing: 'Push back on what the counselor just said: question it or say why it does not fit you.',
    discounting: "Play down the counselor's suggestion or understanding: doubt that it can help you.",
    sidetracking: 'Drift to another topic that matters less, instead of answering what was asked.',
    minimising: 'Make your problem sound smaller than it is ("it is not that bad").',
    ignoring: 'Do not really take up what the counselor said; answer vaguely or about something else.',
    interrupting: 'Cut in before the counselor has finished the thought, in a short, hurried reply.',
    denying: 'Deny that you have the problem the counselor points at, or that you need to change.',
  },
  zh: {
    arguing: '对咨询师刚才的话提出反驳：质疑它，或者说明它为什么不适合你。',
    discounting: '贬低咨询师的建议或理解，怀疑这对你能有什么帮助。',
    sidetracking: '把话题岔开到一个不那么要紧的事情上，而不是回答刚才的问题。',
    minimising: '把你的问题说得比实际轻（“其实也没那么严重”）。',
    ignoring: '不真正回应咨询师说的话，含糊带过或者答非所问。',
    interrupting: '不等咨询师把意思说完就插话，回复简短而急促。',
    denying: '否认自己有咨询师指出的问题，或者否认自己需要改变。',
  },
}
