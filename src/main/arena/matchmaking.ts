import { createHash } from 'node:crypto'
import { plannedDialogues } from '@shared/arenaPlan'
import type { RoleCard } from '@shared/roleCard'
import { seededShuffle } from '../seededRandom'

/** Every k-subset of `items`, in lexicographic order of positions. */
export function combinations<T>(items: readonly T[], k: number): T[][] {
  const out: T[][] = []
  const pick = (start: number, chosen: T[]) => {
    if (chosen.length === k) return void out.push(chosen)
    for (let i = start; i <= items.length - (k - chosen.length); i++) pick(i + 1, [...chosen, items[i]])
  }
  pick(0, [])
  return out
}

export interface PlannedDialogue {
  position: number
  contestants: string[]
  card: RoleCard
}

/**
 * Every combination of k contestants gets the same number of dialogues; with a focal contestant (the model under
 * test), the combinations are the focal one and every k − 1 of the others (the released arena: 1 + 2 of 4 = 6
 * combinations) and every combination plays the same cards. Dialogues are interleaved (one per combination, then the
 * next round), so a stopped arena is still balanced; cards are dealt from a seeded shuffle.
 */
export function planArena(
  contestants: string[],
  k: number,
  perCombination: number,
  cards: RoleCard[],
  seed: number,
  focal: string | null = null,
): PlannedDialogue[] {
  if (focal !== null && !contestants.includes(focal))
    throw new Error(`The focal contestant "${focal}" is not one of the contestants.`)
  const combos =
    focal === null
      ? combinations(contestants, k)
      : combinations(
          contestants.filter((c) => c !== focal),
          k - 1,
        ).map((others) => contestants.filter((c) => c === focal || others.includes(c)))
  const deck = seededShuffle(cards, seed)
  // Counted by the same function as the new-arena form's preview, so the number it promises is the number run.
  return Array.from(
    { length: plannedDialogues(contestants.length, k, perCombination, focal !== null) },
    (_, position) => ({
      position,
      contestants: combos[position % combos.length],
      // Focal: every combination plays the same cards, round r on card r (the release ran every combination on the
      // same held-out cards); else each dialogue takes the next card.
      card: deck[(focal === null ? position : Math.floor(position / combos.length)) % deck.length],
    }),
  )
}

/** A per-turn seed from the arena seed, so the candidate order is reproducible but differs turn to turn. */
export function turnSeed(seed: number, dialogueId: string, turn: number): number {
  const digest = createHash('sha256').update(`${seed}:${dialogueId}:${turn}`).digest()
  return digest.readUIntBE(0, 6)
}

/** The order in which the referee sees the candidates: indices into the candidate list. */
export function shownOrder(count: number, seed: number): number[] {
  return seededShuffle(
    Array.from({ length: count }, (_, i) => i),
    seed,
  )
}
