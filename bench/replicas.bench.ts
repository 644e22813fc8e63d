/**
 * An endpoint pool against 4 mock replicas, each in its own process with its own latency and limit of requests at
 * once (more get a 429), one of them killed mid-run. Prints the share of calls completed and the throughput against
 * the sum of the replicas' capacities (concurrency / latency), counting the killed one until it died.
 * Run: npm run bench:replicas -- [--calls 2000] [--kill-at 0.4] [--workers 2] [--scale 10]
 * (--workers: calls kept going per slot of the whole pool, as dialogues do.)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/db/connection'
import { llmCallRepo } from '../src/main/db/llmCallRepo'
import { createLlmGateway } from '../src/main/llm/gateway'
import type { EndpointSecret } from '../src/main/llm/endpointService'
import { arg } from './args'
import { startMockProcess } from './mockProcess'

/**
 * Latencies are multiplied by --scale (default 10: 0.5–4 s, as LLM answers take; smaller ones measure more of this
 * machine's load: each answer comes some tens of ms late when other processes hold the cores).
 */
const SCALE = arg('scale', 10)
const REPLICAS = [
  { latencyMs: 100 * SCALE, concurrency: 8 },
  { latencyMs: 200 * SCALE, concurrency: 16 },
  { latencyMs: 50 * SCALE, concurrency: 4 },
  { latencyMs: 400 * SCALE, concurrency: 32 },
]
/** The replica killed mid-run. */
const KILLED = 1

async function main() {
  const calls = arg('calls', 2000)
  const killAt = arg('kill-at', 0.4)
  const perSlot = arg('workers', 2)
  const mocks = await Promise.all(
    REPLICAS.map((r) => startMockProcess({ latencyMs: r.latencyMs, capacity: r.concurrency, constantReply: 'ok' })),
  )
  const dir = mkdtempSync(join(tmpdir(), 'simpsy-bench-'))
  const db = openDatabase(join(dir, 'workspace.sqlite'))
  const log = llmCallRepo(db)
  const gateway = createLlmGateway({ calls: log })
  const [first, ...more] = REPLICAS.map((r, i) => ({ baseURL: mocks[i].baseURL, maxConcurrency: r.concurrency }))
  const endpoint: EndpointSecret = {
    id: 'bench-pool',
    name: 'pool',
    baseURL: first.baseURL,
    model: 'bench-model',
    hasKey: false,
    apiKey: '',
    temperature: 0.7,
    topP: 1,
    maxTokens: 64,
    timeoutMs: 10000,
    stream: true,
    firstByteTimeoutMs: 10000,
    idleTimeoutMs: 10000,
    maxConcurrency: first.maxConcurrency,
    rpm: null,
    tpm: null,
    priceInput: null,
    priceOutput: null,
    priceCachedInput: null,
    currency: 'USD',
    updatedAt: '',
    replicas: more.map((r) => ({ ...r, hasKey: false, apiKey: '' })),
  }
  const capacity = REPLICAS.map((r) => (r.concurrency * 1000) / r.latencyMs)
  const slots = REPLICAS.reduce((n, r) => n + r.concurrency, 0)

  let next = 0
  let done = 0
  let failed = 0
  let killedAt: number | null = null
  const started = performance.now()
  const worker = async () => {
    while (next < calls) {
      const i = next++
      try {
        await gateway.chat({
          endpoint,
          messages: [{ role: 'user', content: `question ${i}` }],
          purpose: 'client',
          jobId: 'bench',
        })
        done++
      } catch (error) {
        failed++
        console.error(`call ${i} failed: ${(error as Error).message}`)
      }
      if (killedAt === null && done >= calls * killAt) {
        killedAt = performance.now()
        mocks[KILLED].stop()
      }
    }
  }
  await Promise.all(Array.from({ length: slots * perSlot }, worker))
  const ended = performance.now()
  const seconds = (ended - started) / 1000
  log.flush()

  const aliveSeconds = (i: number) => (i === KILLED && killedAt !== null ? (killedAt - started) / 1000 : seconds)
  const weighted = capacity.reduce((sum, c, i) => sum + c * aliveSeconds(i), 0) / seconds
  const full = capacity.reduce((a, b) => a + b, 0)
  const throughput = done / seconds
  const rows = db
    .prepare(
      `SELECT replica, COUNT(*) AS n, SUM(error_kind IS NOT NULL) AS failed,
         AVG(CASE WHEN error_kind IS NULL THEN latency_ms END) AS latency
       FROM llm_calls GROUP BY replica`,
    )
    .all() as { replica: string; n: number; failed: number; latency: number }[]
  // What the replicas could do at the latencies this process saw (on a loaded machine, more than the mock's own),
  // time-weighted as above: how well the pool kept every slot busy.
  const seen =
    REPLICAS.reduce((sum, r, i) => {
      const latency = rows.find((x) => x.replica === mocks[i].baseURL)?.latency ?? r.latencyMs
      return sum + ((r.concurrency * 1000) / latency) * aliveSeconds(i)
    }, 0) / seconds
  const stats = await Promise.all(mocks.map((m, i) => (i === KILLED ? null : m.stats())))
  console.log(
    `pool of ${REPLICAS.length} mock replicas (latency ms / requests at once: ${REPLICAS.map((r) => `${r.latencyMs}/${r.concurrency}`).join(', ')}); ` +
      `replica ${KILLED + 1} killed after ${((killedAt! - started) / 1000).toFixed(1)} s`,
  )
  REPLICAS.forEach((r, i) => {
    const row = rows.find((x) => x.replica === mocks[i].baseURL)
    const s = stats[i]
    console.log(
      `  replica ${i + 1}: capacity ${capacity[i].toFixed(0)} calls/s; ${row?.n ?? 0} attempts (${row?.failed ?? 0} failed), ` +
        `answers in ${row?.latency?.toFixed(0) ?? '?'} ms on average (mock: ${r.latencyMs})` +
        (s ? `, at most ${s.maxServing} at once, ${s.rateLimited} turned away (429)` : ', killed') +
        `; ${gateway.health(endpoint.id)?.replicas[i].state ?? '?'} at the end`,
    )
  })
  console.log(
    `completed ${done}/${calls} (${((100 * done) / calls).toFixed(1)} %), ${failed} failed, in ${seconds.toFixed(1)} s\n` +
      `throughput ${throughput.toFixed(1)} calls/s = ${(throughput / weighted).toFixed(2)} x the capacity of the replicas alive ` +
      `(${weighted.toFixed(1)} calls/s, time-weighted; target >= 0.9), ${(throughput / full).toFixed(2)} x all four (${full.toFixed(0)} calls/s)\n` +
      `slots kept busy: ${(throughput / seen).toFixed(2)} x the capacity at the latencies seen (${seen.toFixed(1)} calls/s)`,
  )
  db.close()
  rmSync(dir, { recursive: true, force: true })
  mocks.forEach((m, i) => i !== KILLED && m.stop())
}

await main()
