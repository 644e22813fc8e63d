import { BIG_FIVE, type RoleCardData } from '@shared/roleCard'

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

export function roleCardFidelityText(card: RoleCardData): string {
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
