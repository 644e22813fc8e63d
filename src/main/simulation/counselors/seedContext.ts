import type { Language, RoleCardData } from '@shared/roleCard'
import { renderProfileText } from '../../prompts/roleCardText'

/** What the counselor of a seed-record method knows before the session: who the client is and why they came. */
export interface SeedContext {
  clientInformation: string
  reasonForCounseling: string
  /** Where they came from: the seed record, the role card (no seed, or a seed without them), or nowhere (no card). */
  source: 'seed' | 'derived' | 'none'
}

const NONE = { zh: '（未提供）', en: '(not given)' }

/**
 * The client information and reason for counseling of a session: the seed record's (CACTUS, MAGneT) when the card
 * has them, otherwise taken from the role card (its profile lines, and its complaint).
 */
export function seedContext(card: RoleCardData | null, language: Language): SeedContext {
  if (!card) return { clientInformation: NONE[language], reasonForCounseling: NONE[language], source: 'none' }
  const complaint = [card.complaint.title, card.complaint.body].filter(Boolean).join('\n')
  return {
    clientInformation: card.seed?.clientInformation || renderProfileText(card) || NONE[language],
    reasonForCounseling: card.seed?.reasonForCounseling || complaint || NONE[language],
    source: card.seed?.clientInformation && card.seed.reasonForCounseling ? 'seed' : 'derived',
  }
}
