/**
 * Resilience of a simulation run, end to end (runner, gateway, endpoint health,
 * streaming), against the mock LLM server in a child process.
 *   1. Fault mix on 100 dialogues: 20% HTTP 500, 10% 429, 5% hangs (half before
 *      the headers, half a stream stalled after its first chunk), 5% garbage bodies.
 *      Target: 100% of the dialogues completed.
 *   2. A total outage (every request answered 503) of 120 s in the middle of a run
 *      of 100 dialogues. Target: 100% completed with no action from the user.
 * The endpoint streams, with a 3 s wait for the first chunk and 2 s between chunks
 * (a fast local server); its total timeout stays 60 s.
 * Run: npm run bench:faults [-- --dialogues 100 --turns 6 --concurrency 16 --outage 120]
 */
import type { RunSummary } from '../src/shared/simulation'
import { simulateToEnd } from './benchRun'
import { startMockProcess, type MockProcessOptions } from './mockProcess'
import { arg } from './args'

const DIALOGUES = arg('dialogues', 100)
const TURNS = arg('turns', 6)
const CONCURRENCY = arg('concurrency', 16)
const OUTAGE_S = arg('outage', 120)
const LATENCY = 50

async function scenario(label: string, mockOptions: MockProcessOptions) {
  const mock = await startMockProcess({ latencyMs: LATENCY, closeAtTurn: TURNS, ...mockOptions })
  // How long the run showed "waiting for <endpoint>", from its progress events.
  let waitingSince: number | null = null
  let waitedMs = 0
  const waits = new Set<string>()
  try {
    const { seconds, summary } = await simulateToEnd({
      name: label,
      posts: Array.from({ length: DIALOGUES }, (_, i) => `Worry ${i}: I cannot stop worrying about problem ${i}.`),
      endpoint: {
        baseURL: mock.baseURL,
        maxConcurrency: CONCURRENCY,
        timeoutMs: 60000,
        stream: true,
        firstByteTimeoutMs: 3000,
        idleTimeoutMs: 2000,
      },
      concurrency: CONCURRENCY,
      watch: (app) =>
        app.events.subscribe((e) => {
          if (e.name !== 'run.progress') return
          const s = e.payload as RunSummary
          if (s.waiting.length > 0) {
            s.waiting.forEach((w) => waits.add(`waiting for ${w.endpointName}: ${w.lastError}`))
            waitingSince ??= performance.now()
          } else if (waitingSince !== null) {
            waitedMs += performance.now() - waitingSince
            waitingSince = null
          }
        }),
    })
    const stats = await mock.stats()
    return { seconds, summary, stats, waitedS: waitedMs / 1000, waits: [...waits] }
  } finally {
    mock.stop()
  }
}

function report(title: string, r: Awaited<ReturnType<typeof scenario>>) {
  const { counts, usage } = r.summary
  const percent = (100 * counts.completed) / counts.total
  console.log(title)
  console.log(
    `  ${counts.completed}/${counts.total} dialogues completed = ${percent.toFixed(1)}%   (target 100%); failed ${counts.failed}; run ${r.summary.status}`,
  )
  console.log(
    `  wall ${r.seconds.toFixed(1)} s; ${usage.calls} calls logged (${r.stats.calls} requests at the mock, ${r.stats.faults} faulted); errors by kind ${JSON.stringify(usage.errors)}`,
  )
  if (r.waits.length) console.log(`  the run showed "${r.waits.join('", "')}" for ${r.waitedS.toFixed(1)} s in all`)
}

const only = process.argv.includes('--outage-only') ? 'outage' : process.argv.includes('--mix-only') ? 'mix' : null

if (only !== 'outage') {
  // Of 40% faulted requests: 8/16 HTTP 500, 4/16 429, 1/16 hang, 1/16 stall, 2/16 garbage.
  const faultKinds = [
    '500',
    '500',
    '500',
    '500',
    '500',
    '500',
    '500',
    '500',
    '429',
    '429',
    '429',
    '429',
    'hang',
    'stall',
    'not_json',
    'not_json',
  ] as const
  const mix = await scenario('fault mix', { faultRate: 0.4, faultKinds: [...faultKinds], seed: 11 })
  report(
    `1. fault mix (20% HTTP 500, 10% 429, 5% hangs, 5% garbage) on ${DIALOGUES} dialogues x ${TURNS} turns, concurrency ${CONCURRENCY}:`,
    mix,
  )
}

if (only !== 'mix') {
  // Mid-run: after about half of the ~2 x TURNS calls per dialogue.
  const afterCalls = Math.round((DIALOGUES * (2 * TURNS - 1)) / 2)
  const outage = await scenario('outage', { outage: { afterCalls, durationMs: OUTAGE_S * 1000 } })
  report(
    `2. a ${OUTAGE_S} s total outage (every request answered 503) after request ${afterCalls}, ${DIALOGUES} dialogues, no action from the user:`,
    outage,
  )
}
