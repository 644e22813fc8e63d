import { RatingSettingsSchema, type Battle } from '@shared/arena'
import { combinations } from '../../src/main/arena/matchmaking'
import { bootstrapBradleyTerry } from '../../src/main/arena/bradleyTerry'
import { uint32Generator } from '../../src/main/seededRandom'

/**
 * Coverage of the Bradley–Terry bootstrap intervals, by simulation with known strengths: four contestants with true
 * ratings 1100, 1033⅓, 966⅔ and 900 (mean 1000, the fitted ratings' anchor), `battles` battles dealt round-robin
 * over the k-subsets as the arena plans them, the winner of each drawn from the multinomial-logit choice model
 * P(i wins) ∝ 10^(rating_i / 400) — under which the split into "winner beats each other candidate" games is exactly
 * Bradley–Terry pair by pair, so the fit is unbiased and only the intervals' width decides the coverage.
 */
export const TRUE_RATINGS: Record<string, number> = { A: 1100, B: 1000 + 100 / 3, C: 1000 - 100 / 3, D: 900 }

export interface CoverageOptions {
  k: number
  repetitions: number
  battles: number
  bootstrapRounds: number
  seed: number
}

export interface Coverage {
  /** Share of all (repetition, contestant) intervals holding the true rating. */
  overall: number
  /** The same per contestant. */
  byContestant: Record<string, number>
  intervals: number
}

export function simulateBattles(k: number, count: number, next: () => number): Battle[] {
  const names = Object.keys(TRUE_RATINGS)
  const combos = combinations(names, k)
  return Array.from({ length: count }, (_, i) => {
    const contestants = combos[i % combos.length]
    const weights = contestants.map((c) => 10 ** (TRUE_RATINGS[c] / 400))
    let u = (next() / 2 ** 32) * weights.reduce((s, w) => s + w, 0)
    let winner = contestants[contestants.length - 1]
    for (let j = 0; j < contestants.length; j++) {
      u -= weights[j]
      if (u < 0) {
        winner = contestants[j]
        break
      }
    }
    return { contestants, winner }
  })
}

export function btCoverage({ k, repetitions, battles, bootstrapRounds, seed }: CoverageOptions): Coverage {
  const names = Object.keys(TRUE_RATINGS)
  const next = uint32Generator(seed)
  const covered = Object.fromEntries(names.map((c) => [c, 0]))
  for (let rep = 0; rep < repetitions; rep++) {
    const settings = RatingSettingsSchema.parse({ bootstrapRounds, seed: seed + rep + 1 })
    const ci = bootstrapBradleyTerry(simulateBattles(k, battles, next), names, settings)
    for (const c of names) if (ci[c].low <= TRUE_RATINGS[c] && TRUE_RATINGS[c] <= ci[c].high) covered[c]++
  }
  const total = names.reduce((s, c) => s + covered[c], 0)
  return {
    overall: total / (repetitions * names.length),
    byContestant: Object.fromEntries(names.map((c) => [c, covered[c] / repetitions])),
    intervals: repetitions * names.length,
  }
}
