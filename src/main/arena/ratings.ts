import type { Battle, RatingSettings } from '@shared/arena'

/** One two-player comparison: scoreA is 1 (a won), 0 (b won) or 0.5 (tie). */
export interface Game {
  a: string
  b: string
  scoreA: number
}

/**
 * Splits referee decisions into two-player games, in log order.
 * A battle with a winner gives one game "winner beats c" per other candidate c
 * (in candidate order); a tie gives one drawn game per pair of candidates.
 */
export function pairwiseGames(battles: Battle[]): Game[] {
  const games: Game[] = []
  for (const battle of battles) {
    const candidates = [...new Set(battle.contestants)]
    if (battle.winner === null) {
      for (let i = 0; i < candidates.length; i++) {
        for (let j = i + 1; j < candidates.length; j++) games.push({ a: candidates[i], b: candidates[j], scoreA: 0.5 })
      }
      continue
    }
    const winner = battle.winner
    if (!candidates.includes(winner))
      throw new Error(`winner "${winner}" is not one of the candidates ${JSON.stringify(candidates)}`)
    for (const loser of candidates) if (loser !== winner) games.push({ a: winner, b: loser, scoreA: 1 })
  }
  return games
}

/** Maps each contestant to its matrix index; a name outside the list is a caller bug, so it throws. */
export function contestantIndex(contestants: string[]): (name: string) => number {
  const index = new Map(contestants.map((c, i) => [c, i]))
  if (index.size !== contestants.length) throw new Error(`contestant names must differ: ${JSON.stringify(contestants)}`)
  return (name) => {
    const i = index.get(name)
    if (i === undefined) throw new Error(`"${name}" is not one of the contestants ${JSON.stringify(contestants)}`)
    return i
  }
}

const square = <T>(n: number, value: T): T[][] => Array.from({ length: n }, () => new Array<T>(n).fill(value))

/** counts[i][j]: battles in which i and j were both candidates; the diagonal is 0. */
export function battleCountMatrix(battles: Battle[], contestants: string[]): number[][] {
  const indexOf = contestantIndex(contestants)
  const counts = square(contestants.length, 0)
  for (const battle of battles) {
    const present = [...new Set(battle.contestants)].map(indexOf)
    for (const i of present) for (const j of present) if (i !== j) counts[i][j]++
  }
  return counts
}

/**
 * rates[i][j]: share of i's games against j that i won, ties counting half; null without games (and on the diagonal).
 */
export function winRateMatrix(games: Game[], contestants: string[]): (number | null)[][] {
  const indexOf = contestantIndex(contestants)
  const n = contestants.length
  const won = square(n, 0)
  const played = square(n, 0)
  for (const g of games) {
    const a = indexOf(g.a)
    const b = indexOf(g.b)
    won[a][b] += g.scoreA
    won[b][a] += 1 - g.scoreA
    played[a][b]++
    played[b][a]++
  }
  return won.map((row, i) => row.map((w, j) => (played[i][j] === 0 ? null : w / played[i][j])))
}

/**
 * Online Elo as in the Chatbot Arena: everyone starts at `initial`; after each
 * game (in log order) both players move by K times (actual − expected score).
 */
export function onlineElo(games: Game[], contestants: string[], settings: RatingSettings): Record<string, number> {
  const indexOf = contestantIndex(contestants)
  const ratings = contestants.map(() => settings.initial)
  for (const g of games) {
    const a = indexOf(g.a)
    const b = indexOf(g.b)
    const expectedA = 1 / (1 + settings.base ** ((ratings[b] - ratings[a]) / settings.scale))
    const delta = settings.k * (g.scoreA - expectedA)
    ratings[a] += delta
    ratings[b] -= delta
  }
  return Object.fromEntries(contestants.map((c, i) => [c, ratings[i]]))
}
