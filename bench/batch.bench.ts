/**
 * A judge job sent as a provider batch, through the whole app and the mock's files and batches API (its own process):
 * WAI (12 items, 1 round) on synthetic English sessions, ≥ 10,000 units in one batch file; every line answered twice
 * (a provider's duplicate), about one line in 64 failing (asked again live). Prints the units stored, duplicates
 * (rows beyond one per unit: must be 0), batch answers logged against lines answered, live retries, wall time and
 * peak RSS.
 * Run: npm run bench:batch [-- --units 10000 --fail-every 64 --poll-ms 50]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/main/app'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'
import { arg } from './args'
import { startMockProcess } from './mockProcess'

const ITEMS = 12
const UNITS = arg('units', 10000)
const DIALOGUES = Math.ceil(UNITS / ITEMS)
const FAIL_EVERY = arg('fail-every', 64)
const POLL_MS = arg('poll-ms', 50)

const mock = await startMockProcess({
  constantReply: 'The counselor and client agree on the goal of the session.\nFinal score: 5',
  batch: { pollsPerStep: 2, failEvery: FAIL_EVERY, duplicateEvery: 1 },
})
const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-bench-batch-'))
const app = createApp({
  dataDir,
  mode: 'cli',
  secrets: keyFileSecretBox(dataDir, {}),
  seedExamples: false,
  batchPollMs: POLL_MS,
})
const api = createClient(app.dispatch)
try {
  const lines = [
    JSON.stringify({ format: 'simpsy-dialogues', version: 1 }),
    ...Array.from({ length: DIALOGUES }, (_, i) =>
      JSON.stringify({
        id: `s${i}`,
        language: 'en',
        status: 'completed',
        messages: Array.from({ length: 8 }, (_, t) => [
          { speaker: 'counselor', content: `Session ${i}, turn ${t}: how did the week go with the plan we made?` },
          { speaker: 'client', content: `Turn ${t}: I tried the breathing exercise twice, and it helped a bit.` },
        ]).flat(),
        meta: {},
      }),
    ),
  ].join('\n')
  const { datasetId } = await api.importDataset({
    fileName: 'synthetic.jsonl',
    contentBase64: Buffer.from(lines).toString('base64'),
    format: 'jsonl',
  })
  const endpoint = await api.saveEndpoint({
    name: 'judge',
    baseURL: mock.baseURL,
    model: 'judge',
    maxConcurrency: 32,
    priceInput: 2.5,
    priceOutput: 10,
  })
  const config = { endpointId: endpoint.id, rounds: 1, cache: false, delivery: 'batch' as const }
  const estimate = await api.estimateEvaluation({ kind: 'wai', datasetIds: [datasetId!], config })
  const started = performance.now()
  const job = await api.startEvaluation({ kind: 'wai', datasetIds: [datasetId!], config })
  await app.evaluations.waitFor(job.id)
  const wall = (performance.now() - started) / 1000
  await new Promise((resolve) => setImmediate(resolve))
  const done = await api.getEvaluation({ id: job.id })
  const one = (sql: string, ...args: unknown[]) => (app.db.prepare(sql).get(...args) as { n: number }).n
  const stored = one('SELECT count(*) AS n FROM evaluation_items WHERE evaluation_id = ?', job.id)
  const distinct = one('SELECT count(DISTINCT item_key) AS n FROM evaluation_items WHERE evaluation_id = ?', job.id)
  const ok = one("SELECT count(*) AS n FROM evaluation_items WHERE evaluation_id = ? AND status = 'ok'", job.id)
  const batchAnswers = one('SELECT count(*) AS n FROM llm_calls WHERE job_id = ? AND latency_ms = 0', job.id)
  const liveCalls = one('SELECT count(*) AS n FROM llm_calls WHERE job_id = ? AND latency_ms > 0', job.id)
  const unstored = one(
    `SELECT count(*) AS n FROM evaluation_items i WHERE evaluation_id = ? AND NOT EXISTS
       (SELECT 1 FROM llm_calls c WHERE c.job_id = i.evaluation_id AND c.dialogue_id = i.dialogue_id)`,
    job.id,
  )
  const cost = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `$${x.toFixed(2)}`)
  console.log(
    `WAI as a provider batch: ${DIALOGUES} dialogues × ${ITEMS} items × 1 round = ${done.progress.total} units, ` +
      `${done.status}${done.error ? ` (${done.error})` : ''}\n` +
      `  batches: ${done.batches?.length} (${done.batches?.map((b) => `${b.status} ${b.completed}/${b.total}`).join(', ')}), ` +
      `${done.batches?.reduce((n, b) => n + b.total, 0)} lines\n` +
      `  units stored: ${stored} (distinct keys ${distinct}, ok ${ok}, failed ${done.progress.failures}); ` +
      `duplicates: ${stored - distinct} (must be 0); units without a logged call: ${unstored} (must be 0)\n` +
      `  batch answers logged: ${batchAnswers} (each line answered twice by the mock: logged once); ` +
      `failed lines asked live: ${liveCalls} calls\n` +
      `  estimate: ${estimate.calls} calls, live ${cost(estimate.cost)}, batch ${cost(estimate.batchCost)}; ` +
      `spent ${cost(done.spent?.cost)}\n` +
      `  wall ${wall.toFixed(1)} s (poll every ${POLL_MS} ms growing; the mock needs 6 polls); ` +
      `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
  )
  if (stored !== distinct || stored !== done.progress.total) process.exitCode = 1
} finally {
  await app.close()
  mock.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
