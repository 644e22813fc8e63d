import type { z } from 'zod'
import type { FidelityResult, OverlapConfigSchema } from '@shared/evaluation'
import type { Speaker } from '@shared/dialogue'
import type { Language, RoleCardData } from '@shared/roleCard'
import { roleCardFidelityText } from './cardText'
import { seededDerangement } from './derangement'
import { tTest } from './statistics'
import { tokenize } from './tokenize'

export type OverlapConfig = z.output<typeof OverlapConfigSchema>

export interface OverlapDialogue {
  language: Language
  messages: readonly { speaker: Speaker; content: string }[]
  roleCard: RoleCardData | null
}

/**
 * |S ∩ R| / |R|: the share of the card's distinct words that the client used.
 * NaN when R is empty: the share of nothing is undefined, and 0 would count as
 * evidence of an unfaithful client.
 */
export function vocabularyOverlap(clientTokens: ReadonlySet<string>, cardTokens: ReadonlySet<string>): number {
  if (cardTokens.size === 0) return NaN
  let shared = 0
  for (const word of cardTokens) if (clientTokens.has(word)) shared++
  return shared / cardTokens.size
}

/** Everything the client said in a dialogue, one utterance per line. */
export function clientText(messages: OverlapDialogue['messages']): string {
  return messages.filter((m) => m.speaker === 'client').map((m) => m.content).join('\n')
}

/**
 * Overlap of each dialogue's client words with its own card (mapping) and with
 * the card of another dialogue chosen by a seeded derangement (random control),
 * and the t-test of mapping against random. Dialogues without a card, or whose
 * card has no words (after stop-word removal), are skipped before the
 * derangement, so every random card is a real one. Cards shared by several
 * dialogues are tokenized once.
 */
export function overlapFidelity(datasetId: string, dialogues: Iterable<OverlapDialogue>, config: OverlapConfig): FidelityResult {
  const options = { removeStopWords: config.removeStopWords }
  const cardCache = new Map<string, Set<string>>()
  const cardTokens = (card: RoleCardData) => {
    const text = roleCardFidelityText(card)
    const key = `${card.language}\u0000${text}`
    let tokens = cardCache.get(key)
    if (!tokens) cardCache.set(key, (tokens = new Set(tokenize(text, card.language, options))))
    return tokens
  }

  const clients: Set<string>[] = []
  const cards: Set<string>[] = []
  let skipped = 0
  for (const dialogue of dialogues) {
    const card = dialogue.roleCard ? cardTokens(dialogue.roleCard) : null
    if (!card || card.size === 0) {
      skipped++
      continue
    }
    clients.push(new Set(tokenize(clientText(dialogue.messages), dialogue.language, options)))
    cards.push(card)
  }
  if (clients.length < 2) {
    throw new Error(`vocabulary overlap needs at least 2 dialogues with a role card (for the random-mapping control); found ${clients.length}`)
  }

  const other = seededDerangement(clients.length, config.seed)
  const mapping = clients.map((s, i) => vocabularyOverlap(s, cards[i]))
  const random = clients.map((s, i) => vocabularyOverlap(s, cards[other[i]]))
  return { datasetId, mapping, random, comparison: tTest(mapping, random, config.test), skipped }
}
