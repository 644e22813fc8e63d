import type { CardTextKind } from '@shared/evaluation'
import { BIG_FIVE, type RoleCardData } from '@shared/roleCard'
import { renderRoleCardText } from '../prompts/roleCardText'

/**
 * The text R of a role card for vocabulary-overlap fidelity: the values of the
 * fields a client could put into words, one per line, and nothing else.
 * Left out: field labels ("Occupation:", "职业：") and trait levels ("somewhat
 * high"), which are the card's vocabulary rather than the client's, and would
 * lower every overlap alike; the name, which simulated clients are not asked to
 * say; and the bookkeeping fields (tags, pool, source, notes). The age is the
 * bare number, without the Chinese unit 岁.
 */
/**
 * Which source a card stands for, for the random-mapping control: the same card (another sample) and the same intake
 * form with another attitude (CACTUS/MAGneT seeds) share it. Built from who the client is and what they bring, not
 * from the attitude, tags or bookkeeping.
 */
export function cardSourceKey(card: RoleCardData): string {
  return [card.language, card.name, card.age ?? '', card.complaint.body, card.seed?.clientInformation ?? '']
    .map((v) => String(v).trim())
    .join('\u0000')
}

/**
 * The text R of a card for client fidelity: 'as-seen', the card as the client prompt renders it (renderRoleCardText:
 * labels, levels and all, as the paper compares with the card the client was given), or 'field-values' (below). A
 * card with an attitude (CACTUS, MAGneT seeds) has the attitude's instruction as its resistance: left out of R, as the
 * attitude is how to behave, not what the client's story is.
 */
export function roleCardFidelityText(card: RoleCardData, kind: CardTextKind): string {
  const own = card.attitude ? { ...card, resistance: { level: null, description: '' } } : card
  return kind === 'as-seen' ? renderRoleCardText(own) : fieldValuesText(own)
}

function fieldValuesText(card: RoleCardData): string {
  const values = [
    card.gender,
    card.age === null ? '' : String(card.age),
    card.education,
    card.occupation,
    card.maritalStatus,
    card.family,
    ...BIG_FIVE.map((trait) => card.bigFive[trait].description),
    card.resistance.description,
    card.complaint.title,
    card.complaint.body,
  ]
  return values
    .map((v) => v.trim())
    .filter(Boolean)
    .join('\n')
}
