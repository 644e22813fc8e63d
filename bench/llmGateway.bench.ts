/**
 * Throughput of the LLM gateway, call log included, against the loopback mock
 * at zero latency. Run: npx tsx bench/llmGateway.bench.ts [--calls 5000] [--concurrency 64] [--in-process]
 *
 * By default the mock runs in a child process, so it does not compete with the
 * gateway for this process's event loop (it still shares the machine's cores).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/db/connection'
import { llmCallRepo } from '../src/main/db/llmCallRepo'
import { createLlmGateway } from '../src/main/llm/gateway'
import { startMockOpenAI } from '../test/support/mockOpenAI'
import { startMockProcess } from './mockProcess'
import { arg } from './args'

interface MockHandle {
  baseURL: string
  /** CPU time (µs) the mock has used so far, when it runs in its own process. */
  cpu: () => Promise<number | null>
  stop: () => void
}

async function mockInProcess(): Promise<MockHandle> {
  const mock = await startMockOpenAI({ keepRequests: false })
  return { baseURL: mock.baseURL, cpu: async () => null, stop: () => void mock.close() }
}

async function main() {
  const calls = arg('calls', 5000)
  const concurrency = arg('concurrency', 64)
  const inProcess = process.argv.includes('--in-process')
  const noLog = process.argv.includes('--no-log')
  const allAtOnce = process.argv.includes('--all-at-once')
  const mock: MockHandle = inProcess ? await mockInProcess() : await startMockProcess({})
  const dir = mkdtempSync(join(tmpdir(), 'simpsy-bench-'))
  const db = openDatabase(join(dir, 'workspace.sqlite'))
  const log = noLog ? null : llmCallRepo(db)
  const gateway = createLlmGateway({ calls: log })
  const endpoint = {
    id: 'bench',
    name: 'mock',
    baseURL: mock.baseURL,
    model: 'bench-model',
    hasKey: true,
    apiKey: 'sk-bench',
    temperature: 0.7,
    topP: 1,
    maxTokens: 64,
    timeoutMs: 30000,
    stream: false,
    firstByteTimeoutMs: 30000,
    idleTimeoutMs: 15000,
    maxConcurrency: concurrency,
    priceInput: 0.5,
    priceOutput: 1.5,
    priceCachedInput: null,
    rpm: null,
    tpm: null,
    currency: 'USD',
    updatedAt: '',
  }
  const messages = [
    { role: 'system' as const, content: 'You are a client in a counseling session. Stay in character.' },
    { role: 'user' as const, content: 'How have you been sleeping this week?' },
  ]
  const call = (i: number) =>
    gateway.chat({ endpoint, messages, purpose: 'client', jobId: 'bench', dialogueId: `d${i % 500}` })
  // Default: `concurrency` workers, each making one call after another (as dialogues do).
  // --all-at-once: every call handed to the gateway at once, to queue in its limiter.
  const run = async (n: number, offset: number) => {
    if (allAtOnce) return void (await Promise.all(Array.from({ length: n }, (_, i) => call(offset + i))))
    let next = offset
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < offset + n) await call(next++)
      }),
    )
  }

  await run(2000, 0) // warm-up: JIT, keep-alive sockets
  const mockCpuBefore = await mock.cpu()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  await run(calls, 2000)
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  const mockCpuAfter = await mock.cpu()
  log?.flush()
  const logged = (db.prepare('SELECT COUNT(*) AS n FROM llm_calls').get() as { n: number }).n
  // CPU per call says more than wall time on a shared machine: it hardly depends on what else runs.
  const perCall = (cpu.user + cpu.system) / calls
  const mockPerCall = mockCpuBefore === null || mockCpuAfter === null ? null : (mockCpuAfter - mockCpuBefore) / calls
  console.log(
    `${calls} calls, concurrency ${concurrency}${allAtOnce ? ' (all queued at once)' : ''}, mock ${inProcess ? 'in process' : 'in a child process'}, log ${noLog ? 'off' : 'on'}: ` +
      `${Math.round(calls / seconds)} calls/s (${(seconds * 1000).toFixed(0)} ms, ${logged} rows logged)\n` +
      `  CPU per call: gateway process ${perCall.toFixed(0)} µs` +
      (mockPerCall === null ? ' (mock included)' : `, mock ${mockPerCall.toFixed(0)} µs`) +
      ` -> one core for the gateway sustains about ${Math.round(1e6 / perCall)} calls/s`,
  )
  db.close()
  rmSync(dir, { recursive: true, force: true })
  mock.stop()
}

await main()
