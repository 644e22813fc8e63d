/**
 * Coverage of the Bradley–Terry 95% bootstrap intervals, by simulation with known strengths (test/support/btCoverage:
 * four contestants rated 1100 … 900, multinomial-logit winners): for k = 2 and k = 3, the share of intervals that
 * hold the true rating, overall and per contestant. Nominal is 0.95; the percentile bootstrap runs a little under it
 * at a few hundred battles.
 * Run: npm run bench:bt-coverage [-- --repetitions 1000 --battles 130 --rounds 1000 --seed 1]
 */
import { btCoverage } from '../test/support/btCoverage'
import { arg } from './args'

const repetitions = arg('repetitions', 1000)
const battles = arg('battles', 130)
const bootstrapRounds = arg('rounds', 1000)
const seed = arg('seed', 1)

console.log(`${repetitions} repetitions of ${battles} battles, ${bootstrapRounds} bootstrap rounds each, seed ${seed}`)
for (const k of [2, 3]) {
  const started = performance.now()
  const coverage = btCoverage({ k, repetitions, battles, bootstrapRounds, seed })
  const per = Object.values(coverage.byContestant)
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`
  console.log(
    `k = ${k}: coverage ${pct(coverage.overall)} of ${coverage.intervals} intervals; per contestant ` +
      `${pct(Math.min(...per))}–${pct(Math.max(...per))} ` +
      `(${Object.entries(coverage.byContestant)
        .map(([c, x]) => `${c} ${pct(x)}`)
        .join(', ')}); ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
}
