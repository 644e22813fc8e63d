/**
 * Follow-up sessions, end to end against the mock LLM server in a child process: `cards` cards, each a case of
 * `sessions` sessions of `turns` turns (after each session but the last, one summary call), `latency` ms a call,
 * `concurrency` dialogues at once. A case's sessions run one after another, cases side by side, so the ideal is the
 * longer of one case's chain of calls and all calls spread over the concurrency; sessions being whole units, also
 * in whole waves of the concurrency. Prints both ratios (target: wall / whole waves <= 1.10).
 * Run: npm run bench:sessions [-- --cards 20 --sessions 3 --turns 6 --latency 200 --concurrency 8]
 */
import { simulateToEnd } from './benchRun'
import { startMockProcess } from './mockProcess'
import { arg } from './args'

const CARDS = arg('cards', 20)
const SESSIONS = arg('sessions', 3)
const TURNS = arg('turns', 6)
const LATENCY = arg('latency', 200)
const CONCURRENCY = arg('concurrency', 8)

const mock = await startMockProcess({ latencyMs: LATENCY, closeAtTurn: TURNS })
try {
  const { seconds, summary } = await simulateToEnd({
    name: 'sessions',
    posts: Array.from({ length: CARDS }, (_, i) => `Worry ${i} I cannot stop worrying about problem ${i}.`),
    endpoint: { baseURL: mock.baseURL, maxConcurrency: 64, timeoutMs: 60000 },
    concurrency: CONCURRENCY,
    config: async () => ({ sessionsPerCard: SESSIONS }),
  })
  // Per session: the client's greeting is stored, then each turn is a counselor and a client call but the last
  // turn's client answer (the counselor closes); then a summary call unless it is the last session.
  const perSession = 2 * TURNS - 1
  const chain = SESSIONS * perSession + (SESSIONS - 1)
  const calls = summary.usage.calls
  const ideal = Math.max((chain * LATENCY) / 1000, (calls * LATENCY) / 1000 / CONCURRENCY)
  // Sessions are whole units of work: in whole waves of the concurrency, each of a session's mean length.
  const units = CARDS * SESSIONS
  const waves = (Math.max(Math.ceil(units / CONCURRENCY), SESSIONS) * (calls / units) * LATENCY) / 1000
  console.log(`${CARDS} cards x ${SESSIONS} sessions x ${TURNS} turns at ${LATENCY} ms, concurrency ${CONCURRENCY}:`)
  console.log(
    `  ${calls} calls (expected ${CARDS * chain}), ${summary.counts.completed} of ${summary.counts.total} sessions completed, ` +
      `wall ${seconds.toFixed(1)} s, ideal ${ideal.toFixed(1)} s (${waves.toFixed(1)} s in whole waves of ${CONCURRENCY})`,
  )
  console.log(`  wall / ideal = ${(seconds / ideal).toFixed(3)}, wall / whole waves = ${(seconds / waves).toFixed(3)}`)
  console.log('  (target: wall / whole waves <= 1.10)')
} finally {
  mock.stop()
}
