/**
 * Simulation throughput, end to end (agents, gateway, call log, message
 * persistence), against the mock LLM server in a child process.
 *   1. 1000 role cards, 300 ms latency, concurrency 64: wall time / ideal,
 *      where ideal = total calls x latency / concurrency (target <= 1.05).
 *   2. MAGneT: 450 seed records x 20 exchanges (the seed-session preset), 300 ms latency, concurrency 64: wall time /
 *      ideal, where ideal = per dialogue (the plan call + each generated counselor turn's critical path of 2 round
 *      trips + the client's answer) x latency, spread over the concurrency (target <= 1.10).
 *   3. zero latency: LLM calls per second (target >= 1,000 on 2 cores).
 * Run: npm run bench:simulate [-- --cards 1000 --turns 13 --latency 300 --concurrency 64 --seeds 450
 *      --scenarios latency,magnet,zero] (or BENCH_SCENARIOS=magnet)
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { counselorConfigFor, methodCalls, methodSettings, SEED_SESSION_PRESET } from '../src/shared/counselors'
import { TEMPLATE_IDS } from '../src/shared/templateIds'
import { simulateToEnd } from './benchRun'
import { startMockProcess } from './mockProcess'
import { arg } from './args'

const CARDS = arg('cards', 1000)
const TURNS = arg('turns', 13) // the paper's average dialogue length
const LATENCY = arg('latency', 300)
const CONCURRENCY = arg('concurrency', 64)
const SEEDS = arg('seeds', 450)
const chosen = (
  process.argv.includes('--scenarios')
    ? process.argv[process.argv.indexOf('--scenarios') + 1]
    : (process.env.BENCH_SCENARIOS ?? (process.argv.includes('--zero-only') ? 'zero' : 'latency,magnet,zero'))
).split(',')
const REF_DATA = join(import.meta.dirname, '..', '..', 'shared', 'ref-data')

/** Real client posts when the reference data is beside the repo, else synthetic ones. */
function posts(n: number): string[] {
  const real = join(REF_DATA, 'interactive-agents', 'user_profiles_train.json')
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

/** Seed cards that open with two lines, when the seed records are not beside the repo (or import without them). */
function syntheticSeedCards(n: number): string {
  const attitudes = ['positive', 'neutral', 'negative']
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      language: 'en',
      name: `Seed ${i}`,
      complaint: { title: `Worry ${i}`, body: `I cannot stop worrying about problem ${i}.` },
      attitude: { label: attitudes[i % 3], instruction: `Be ${attitudes[i % 3]} about counseling.` },
      seed: {
        clientInformation: `Name: Seed ${i}\nAge: ${20 + (i % 40)}`,
        reasonForCounseling: `Worries about problem ${i} keep me awake.`,
        counselorOpening: `Hi, it is good to meet you. What brings you here today?`,
        clientOpening: `I keep worrying about problem ${i} and it wears me down.`,
      },
    })),
  )
}

async function magnetScenario() {
  const mock = await startMockProcess({ latencyMs: LATENCY, methods: true })
  const file = join(REF_DATA, 'magnet', 'intake_forms.json')
  const real = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).slice(0, SEEDS) : null
  let source = real ? 'intake_forms.json' : 'synthetic seed cards'
  let clientTemplate: string = SEED_SESSION_PRESET.clientTemplateId
  const counselor = (endpointId: string) => counselorConfigFor('magnet', { endpointId })
  try {
    const { seconds, summary } = await simulateToEnd({
      name: 'magnet',
      posts: [],
      // Six calls of a dialogue are in flight at once: the endpoint must not be the limit.
      endpoint: { baseURL: mock.baseURL, maxConcurrency: CONCURRENCY * 6, timeoutMs: 60000 },
      concurrency: CONCURRENCY,
      cards: {
        fileName: real ? 'intake_forms.json' : 'cards.json',
        content: real ? JSON.stringify(real) : syntheticSeedCards(SEEDS),
        async ready(api) {
          const [first] = (await api.listRoleCards({ limit: 1 })).items
          const card = first && (await api.getRoleCard({ id: first.id }))
          const ok = Boolean(card?.seed?.counselorOpening && card.seed.clientOpening)
          if (!ok) source = 'synthetic seed cards (the imported intake forms carry no seed lines yet)'
          return ok
        },
        otherwise: syntheticSeedCards(SEEDS),
      },
      async config(endpointId, api) {
        const { clientTemplateId, ...preset } = structuredClone(SEED_SESSION_PRESET)
        if (!(await api.listTemplates()).some((t) => t.id === clientTemplateId)) clientTemplate = TEMPLATE_IDS.client
        return {
          ...preset,
          termination: { zh: [], en: [] },
          client: { endpointId, templateId: clientTemplate },
          counselor: counselor(endpointId),
        }
      },
    })
    return { seconds, summary, source, clientTemplate, calls: methodCalls(methodSettings(counselor('x'))) }
  } finally {
    mock.stop()
  }
}

if (chosen.includes('latency')) {
  const latency = await scenario('latency', LATENCY, CARDS)
  const ideal = (latency.calls * LATENCY) / 1000 / CONCURRENCY
  console.log(`${CARDS} cards x ${TURNS} turns at ${LATENCY} ms, concurrency ${CONCURRENCY}:`)
  console.log(
    `  ${latency.calls} calls, ${latency.summary.counts.completed} completed dialogues, wall ${latency.seconds.toFixed(1)} s, ideal ${ideal.toFixed(1)} s`,
  )
  console.log(`  wall / ideal = ${(latency.seconds / ideal).toFixed(3)}   (target <= 1.05)`)
}

if (chosen.includes('magnet')) {
  const m = await magnetScenario()
  const dialogues = m.summary.counts.total
  // A seed session's first counselor turn is the seed line: the counselor is asked maxTurns - 1 times, and the
  // client answers each.
  const asked = SEED_SESSION_PRESET.maxTurns - 1
  const perDialogue = m.calls.perSession + asked * (m.calls.criticalPath + 1)
  const ideal = (dialogues * perDialogue * LATENCY) / 1000 / CONCURRENCY
  const waves = (Math.ceil(dialogues / CONCURRENCY) * perDialogue * LATENCY) / 1000
  console.log(
    `MAGneT: ${dialogues} seed records (${m.source}) x ${asked} exchanges (seed-session preset, client template ${m.clientTemplate}) at ${LATENCY} ms, concurrency ${CONCURRENCY}:`,
  )
  console.log(
    `  ${m.summary.usage.calls} calls, ${m.summary.counts.completed} completed, ${m.summary.counts.failed} failed; ${perDialogue} round trips a dialogue on its critical path`,
  )
  console.log(
    `  wall ${m.seconds.toFixed(1)} s, ideal ${ideal.toFixed(1)} s (${waves.toFixed(1)} s in whole waves of ${CONCURRENCY})`,
  )
  console.log(
    `  wall / ideal = ${(m.seconds / ideal).toFixed(3)}   (target <= 1.10); wall / whole waves = ${(m.seconds / waves).toFixed(3)}`,
  )
}

if (chosen.includes('zero')) {
  const zero = await scenario('zero latency', 0, CARDS)
  console.log(
    `zero latency: ${zero.calls} calls in ${zero.seconds.toFixed(2)} s = ${Math.round(zero.calls / zero.seconds)} LLM calls/s end to end   (target >= 1000)`,
  )
}
console.log(`peak memory (max RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`)
