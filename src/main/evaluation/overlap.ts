import type { z } from 'zod'
import type { DialogueScore, FidelityResult, OverlapConfigSchema } from '@shared/evaluation'
import type { Speaker } from '@shared/dialogue'
import type { Language, RoleCardData } from '@shared/roleCard'
import { cardSourceKey, roleCardFidelityText } from './cardText'
import { seededControlPartners } from './derangement'
import { tTest } from './statistics'
import { tokenizeInThisThread, type TokenizeBatch, type TokenizeItem } from './tokenizePool'

export type OverlapConfig = z.output<typeof OverlapConfigSchema>

export interface OverlapDialogue {
  /** Names the dialogue in the per-dialogue scores (`dialogueIds` of the result). */
  id?: string
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
  return messages
    .filter((m) => m.speaker === 'client')
    .map((m) => m.content)
    .join('\n')
}

/**
 * Overlap of each dialogue's client words with its own card (mapping) and with
 * the card of another dialogue chosen by a seeded derangement (random control),
 * and the t-test of mapping against random. Dialogues without a card, or whose
 * card has no words (after stop-word removal), are skipped before the
 * derangement, so every random card is a real one. Cards shared by several
 * dialogues are tokenized once; all texts go to `tokenizeBatch` in one call.
 */
export async function overlapFidelity(
  datasetId: string,
  dialogues: Iterable<OverlapDialogue>,
  config: OverlapConfig,
  tokenizeBatch: TokenizeBatch = tokenizeInThisThread,
): Promise<Fidelity> {
  const options = { removeStopWords: config.removeStopWords }
  // Only the texts are kept, not the dialogues.
  let count = 0
  const cardKeys: string[] = []
  const ids: string[] = []
  const sources: string[] = []
  const clientTexts: TokenizeItem[] = []
  for (const d of dialogues) {
    count++
    if (!d.roleCard) continue
    ids.push(d.id ?? '')
    sources.push(cardSourceKey(d.roleCard))
    cardKeys.push(`${d.roleCard.language}\u0000${roleCardFidelityText(d.roleCard, config.cardText)}`)
    clientTexts.push({ language: d.language, text: clientText(d.messages) })
  }
  const uniqueCards = [...new Set(cardKeys)]
  const tokens = await tokenizeBatch(
    [...uniqueCards.map((key) => ({ language: key.slice(0, 2) as Language, text: key.slice(3) })), ...clientTexts],
    options,
  )
  const cardSets = new Map(uniqueCards.map((key, i) => [key, new Set(tokens[i])]))

  const clients: Set<string>[] = []
  const cards: Set<string>[] = []
  const groups: string[] = []
  const kept: string[] = []
  cardKeys.forEach((key, i) => {
    const card = cardSets.get(key)!
    if (card.size === 0) return
    kept.push(ids[i])
    clients.push(new Set(tokens[uniqueCards.length + i]))
    cards.push(card)
    groups.push(sources[i])
  })
  return {
    ...fidelityFromTokens(datasetId, clients, cards, groups, config, count - clients.length),
    dialogueIds: kept,
  }
}

/** A dataset's fidelity, and which dialogue each per-dialogue value belongs to (not stored in the result). */
export type Fidelity = FidelityResult & { dialogueIds: string[] }

/** The per-dialogue scores of a fidelity result: the own card ('mapping') and the control's card ('random'). */
export const fidelityScores = ({
  datasetId,
  dialogueIds,
  mapping,
  random,
}: Pick<Fidelity, 'datasetId' | 'dialogueIds' | 'mapping' | 'random'>): DialogueScore[] =>
  dialogueIds.flatMap((dialogueId, i) => [
    { datasetId, dialogueId, metric: 'mapping', value: mapping[i] },
    { datasetId, dialogueId, metric: 'random', value: random[i] },
  ])

/** The result as stored: without the dialogue ids (they are in the scores). */
export const storedFidelity = ({ dialogueIds: _ids, ...result }: Fidelity): FidelityResult => result

function fidelityFromTokens(
  datasetId: string,
  clients: Set<string>[],
  cards: Set<string>[],
  groups: string[],
  config: OverlapConfig,
  skipped: number,
): FidelityResult {
  if (clients.length < 2) {
    throw new Error(
      `vocabulary overlap needs at least 2 dialogues with a role card (for the random-mapping control); found ${clients.length}`,
    )
  }
  const other = seededControlPartners(groups, config.seed)
  const mapping = clients.map((s, i) => vocabularyOverlap(s, cards[i]))
  const random = clients.map((s, i) => vocabularyOverlap(s, cards[other[i]]))
  return { datasetId, mapping, random, comparison: tTest(mapping, random, config.test), skipped }
}
