/**
 * Simulation throughput, end to end (agents, gateway, call log, message
 * persistence), against the mock LLM server in a child process.
 *   1. 1000 role cards, 300 ms latency, concurrency 64: wall time / ideal,
 *      where ideal = total calls x latency / concurrency (target <= 1.05).
 *   2. zero latency: LLM calls per second (target >= 1,000 on 2 cores).
 * Run: npm run bench:simulate [-- --cards 1000 --turns 13 --latency 300 --concurrency 64]
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { simulateToEnd } from './benchRun'
import { startMockProcess } from './mockProcess'
import { arg } from './args'

const CARDS = arg('cards', 1000)
const TURNS = arg('turns', 13) // the paper's average dialogue length
const LATENCY = arg('latency', 300)
const CONCURRENCY = arg('concurrency', 64)

/** Real client posts when the reference data is beside the repo, else synthetic ones. */
function posts(n: number): string[] {
  const real = join(
    import.meta.dirname,
    '..',
    '..',
    'shared',
    'ref-data',
    'interactive-agents',
    'user_profiles_train.json',
  )
  const pool: string[] = existsSync(real) ? JSON.parse(readFileSync(real, 'utf8')) : []
  return Array.from(
    { length: n },
    (_, i) => pool[i % Math.max(pool.length, 1)] ?? `Worry ${i} I cannot stop worrying about problem ${i}.`,
  )
}

async function scenario(label: string, latencyMs: number, cards: number) {
  const mock = await startMockProcess({ latencyMs, closeAtTurn: TURNS })
  try {
    const { seconds, summary } = await simulateToEnd({
      name: label,
      posts: posts(cards),
      endpoint: { baseURL: mock.baseURL, maxConcurrency: CONCURRENCY, timeoutMs: 60000 },
      concurrency: CONCURRENCY,
    })
    return { seconds, calls: summary.usage.calls, summary }
  } finally {
    mock.stop()
  }
}

if (!process.argv.includes('--zero-only')) {
  const latency = await scenario('latency', LATENCY, CARDS)
  const ideal = (latency.calls * LATENCY) / 1000 / CONCURRENCY
  console.log(`${CARDS} cards x ${TURNS} turns at ${LATENCY} ms, concurrency ${CONCURRENCY}:`)
  console.log(
    `  ${latency.calls} calls, ${latency.summary.counts.completed} completed dialogues, wall ${latency.seconds.toFixed(1)} s, ideal ${ideal.toFixed(1)} s`,
  )
  console.log(`  wall / ideal = ${(latency.seconds / ideal).toFixed(3)}   (target <= 1.05)`)
}

const zero = await scenario('zero latency', 0, CARDS)
console.log(
  `zero latency: ${zero.calls} calls in ${zero.seconds.toFixed(2)} s = ${Math.round(zero.calls / zero.seconds)} LLM calls/s end to end   (target >= 1000)`,
)
console.log(`peak memory (max RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`)
