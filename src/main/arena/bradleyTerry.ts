import type { Battle, RatingSettings } from '@shared/arena'
import { uint32Generator, uniformBelow } from '../seededRandom'
import { contestantIndex, pairwiseGames, type Game } from './ratings'

/**
 * Precision λ of a N(0, 1/λ) prior on each natural-log strength θ_i (SD 100).
 * Without it the maximum-likelihood estimate does not exist when a contestant
 * never won or never lost (its θ runs off to ±∞). It is tiny: where the MLE
 * exists it moves ratings by hundredths of an Elo point. Because the likelihood
 * gradient sums to zero, the prior also centres the θ at 0 (see anchor below).
 */
export const BT_PRIOR_PRECISION = 1e-4

const MAX_NEWTON_STEPS = 200
/** Stop when every gradient component (in units of games) is below this times the game count. */
const GRADIENT_TOLERANCE = 1e-10

export interface RatingInterval {
  low: number
  high: number
}

/** wins[i][j]: games i won against j, a tie counting half a win to each side. */
function winMatrix(games: Game[], indexOf: (name: string) => number, n: number): number[][] {
  const wins = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  for (const g of games) addGame(wins, indexOf(g.a), indexOf(g.b), g.scoreA)
  return wins
}

function addGame(wins: number[][], a: number, b: number, scoreA: number): void {
  wins[a][b] += scoreA
  wins[b][a] += 1 - scoreA
}

const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)))
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

/** Log posterior: Σ wins[i][j]·log σ(θ_i − θ_j) − λ/2·Σ θ_i². */
function logPosterior(wins: number[][], theta: number[]): number {
  let total = 0
  for (let i = 0; i < theta.length; i++) {
    total -= (BT_PRIOR_PRECISION / 2) * theta[i] ** 2
    for (let j = 0; j < theta.length; j++) if (wins[i][j] > 0) total += wins[i][j] * logSigmoid(theta[i] - theta[j])
  }
  return total
}

/** Solves A x = b for a symmetric positive-definite A by Cholesky factorisation. */
function solvePositiveDefinite(A: number[][], b: number[]): number[] {
  const n = b.length
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j]
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k]
      L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j]
    }
  }
  const y = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    let s = b[i]
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k]
    y[i] = s / L[i][i]
  }
  const x = new Array<number>(n)
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]
    for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k]
    x[i] = s / L[i][i]
  }
  return x
}

/**
 * Maximises the (strictly concave) log posterior by Newton's method with a
 * backtracking line search; returns the natural-log strengths θ.
 */
function fitLogStrengths(wins: number[][]): number[] {
  const n = wins.length
  const totalGames = wins.reduce((sum, row) => sum + row.reduce((s, w) => s + w, 0), 0)
  const tolerance = GRADIENT_TOLERANCE * Math.max(1, totalGames)
  let theta = new Array<number>(n).fill(0)
  let value = logPosterior(wins, theta)
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const gradient = theta.map((t) => -BT_PRIOR_PRECISION * t)
    // Negative Hessian: a weighted graph Laplacian plus λI, hence positive definite.
    const curvature = theta.map((_, i) => theta.map((__, j) => (i === j ? BT_PRIOR_PRECISION : 0)))
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const games = wins[i][j] + wins[j][i]
        if (i === j || games === 0) continue
        const p = sigmoid(theta[i] - theta[j])
        gradient[i] += wins[i][j] - games * p
        const w = games * p * (1 - p)
        curvature[i][i] += w
        curvature[i][j] -= w
      }
    }
    if (Math.max(...gradient.map(Math.abs)) <= tolerance) break
    const direction = solvePositiveDefinite(curvature, gradient)
    const slope = direction.reduce((s, d, i) => s + d * gradient[i], 0)
    let t = 1
    let candidate = theta.map((x, i) => x + direction[i])
    let candidateValue = logPosterior(wins, candidate)
    while (candidateValue < value + 1e-4 * t * slope && t > 1e-10) {
      t /= 2
      candidate = theta.map((x, i) => x + t * direction[i])
      candidateValue = logPosterior(wins, candidate)
    }
    if (t <= 1e-10) break
    theta = candidate
    value = candidateValue
  }
  return theta
}

/**
 * θ → Elo scale: rating = initial + scale · log_base(strength). Anchor: the θ
 * of contestants with games are centred so that the ratings average `initial`
 * (the prior already makes Σθ = 0 at the optimum; centring removes round-off).
 * A contestant without games keeps θ = 0, i.e. exactly `initial`, so the mean
 * over all listed contestants is `initial` as well.
 */
function toRatings(theta: number[], wins: number[][], settings: RatingSettings): number[] {
  const played = theta.map((_, i) => wins[i].some((w, j) => w > 0 || wins[j][i] > 0))
  const active = theta.filter((_, i) => played[i])
  const mean = active.reduce((s, t) => s + t, 0) / Math.max(1, active.length)
  return theta.map((t, i) =>
    played[i] ? settings.initial + (settings.scale * (t - mean)) / Math.log(settings.base) : settings.initial,
  )
}

/** Bradley–Terry ratings (maximum posterior under BT_PRIOR_PRECISION) on the Elo scale. */
export function bradleyTerry(games: Game[], contestants: string[], settings: RatingSettings): Record<string, number> {
  const indexOf = contestantIndex(contestants)
  const wins = winMatrix(games, indexOf, contestants.length)
  const ratings = toRatings(fitLogStrengths(wins), wins, settings)
  return Object.fromEntries(contestants.map((c, i) => [c, ratings[i]]))
}

/** Linear interpolation between order statistics (type 7, as numpy and pandas default). */
function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/**
 * 95% percentile-bootstrap intervals: `bootstrapRounds` resamples of the battles with replacement (Mersenne Twister
 * seeded with `seed`), each split into pairwise games (pairwiseGames) and refitted. Whole battles are resampled, not
 * their games: the k − 1 games of a k-way battle share one referee decision, so resampling them one by one treats
 * them as independent and gives intervals that are too narrow for k ≥ 3 (for k = 2 a battle is one game and the
 * two are the same).
 */
export function bootstrapBradleyTerry(
  battles: Battle[],
  contestants: string[],
  settings: RatingSettings,
): Record<string, RatingInterval> {
  const indexOf = contestantIndex(contestants)
  const n = contestants.length
  const units = battles.map((battle) =>
    pairwiseGames([battle]).map((g) => ({ a: indexOf(g.a), b: indexOf(g.b), scoreA: g.scoreA })),
  )
  const samples: number[][] = contestants.map(() => [])
  const next = uint32Generator(settings.seed)
  for (let round = 0; round < settings.bootstrapRounds && units.length > 0; round++) {
    const wins = Array.from({ length: n }, () => new Array<number>(n).fill(0))
    for (let draw = 0; draw < units.length; draw++) {
      for (const g of units[uniformBelow(next, units.length)]) addGame(wins, g.a, g.b, g.scoreA)
    }
    toRatings(fitLogStrengths(wins), wins, settings).forEach((r, i) => samples[i].push(r))
  }
  return Object.fromEntries(
    contestants.map((c, i) => {
      const sorted = samples[i].sort((x, y) => x - y)
      return [
        c,
        sorted.length === 0
          ? { low: settings.initial, high: settings.initial }
          : { low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) },
      ]
    }),
  )
}
