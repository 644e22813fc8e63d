/**
 * Arena throughput and rating cost, end to end (client, k contestants, LLM
 * referee, per-turn persistence), against the mock LLM server in a child
 * process. Three contestants, k = 2, every pair N dialogues of T turns; the
 * scripted referee prefers ALPHA > BETA > GAMMA.
 *   - wall time over the ideal: a turn is three calls in sequence (client,
 *     the k contestants at once, referee), so ideal = dialogues x T x 3 x
 *     latency / concurrency;
 *   - the ratings report (online Elo, Bradley-Terry, 1000 bootstrap rounds);
 *   - peak memory.
 * Run: npm run bench:arena [-- --per-pair 100 --turns 10 --latency 300 --concurrency 32]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/main/app'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'
import { contestantPrompt } from '../test/support/arenaScript'
import { startMockProcess } from './mockProcess'
import { arg } from './args'
import { TEMPLATE_IDS } from '@shared/templateIds'

const PER_PAIR = arg('per-pair', 100)
const TURNS = arg('turns', 10)
const LATENCY = arg('latency', 300)
const CONCURRENCY = arg('concurrency', 32)
const NAMES = ['ALPHA', 'BETA', 'GAMMA']

const mock = await startMockProcess({ latencyMs: LATENCY, arenaPreference: NAMES })
const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-arena-bench-'))
const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
const api = createClient(app.dispatch)
try {
  const cards = Array.from({ length: 100 }, (_, i) => `Worry${i} I cannot stop worrying about problem ${i}.`)
  await api.importRoleCards({
    fileName: 'posts.json',
    contentBase64: Buffer.from(JSON.stringify(cards)).toString('base64'),
    format: 'posts',
    pool: 'test',
  })
  // Each dialogue has up to k contestant calls in flight at once.
  const endpoint = await api.saveEndpoint({
    name: 'mock',
    baseURL: mock.baseURL,
    model: 'mock',
    maxConcurrency: CONCURRENCY * 2,
    timeoutMs: 60000,
  })
  const started = performance.now()
  const cpu = process.cpuUsage()
  const arena = await api.startArena({
    name: 'bench',
    config: {
      ...(await api.arenaDefaults()),
      contestants: NAMES.map((name) => ({
        name,
        endpointId: endpoint.id,
        prompt: { kind: 'custom' as const, text: contestantPrompt(name) },
      })),
      client: { endpointId: endpoint.id, templateId: TEMPLATE_IDS.client },
      referee: { kind: 'llm', endpointId: endpoint.id },
      dialoguesPerCombination: PER_PAIR,
      maxTurns: TURNS,
      concurrency: CONCURRENCY,
    },
  })
  await app.arena.waitFor(arena.id)
  const wall = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const done = await api.getArena({ id: arena.id })
  const dialogues = done.dialogues.total
  const ideal = (dialogues * TURNS * 3 * LATENCY) / CONCURRENCY / 1000
  const calls = dialogues * TURNS * (1 + 2 + 1)
  console.log(
    `${dialogues} dialogues x ${TURNS} turns (${done.turns} verdicts, ${calls} LLM calls), latency ${LATENCY} ms, concurrency ${CONCURRENCY}: ` +
      `${wall.toFixed(1)} s wall, ideal ${ideal.toFixed(1)} s, wall/ideal ${(wall / ideal).toFixed(3)}; ${(calls / wall).toFixed(0)} calls/s; ` +
      `workbench CPU ${((used.user + used.system) / 1e6).toFixed(1)} s, mock CPU ${((await mock.cpu()) / 1e6).toFixed(1)} s; referee failures ${done.refereeFailures}`,
  )
  for (const rounds of [100, 1000]) {
    const t = performance.now()
    const report = await api.arenaReport({ arenaIds: [arena.id], settings: { bootstrapRounds: rounds } })
    const rows = report.rows
      .map(
        (r) =>
          `${r.contestant} Elo ${r.elo.toFixed(1)} BT ${r.bt.toFixed(1)} [${r.btLow.toFixed(1)}, ${r.btHigh.toFixed(1)}]`,
      )
      .join('; ')
    console.log(
      `ratings report over ${report.battles} battles, ${rounds} bootstrap rounds: ${(performance.now() - t).toFixed(0)} ms (${rows})`,
    )
  }
  console.log(`peak memory (max RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`)
} finally {
  await app.close()
  mock.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
