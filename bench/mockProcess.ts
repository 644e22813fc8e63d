/**
 * The test suite's mock LLM server in a child process, so that a benchmark's
 * own process does not share its event loop with the server it measures.
 * Run as a script, it is the child: `--serve-mock '<json options>'`.
 */
import { fork } from 'node:child_process'
import { startMockOpenAI, type MockOptions } from '../test/support/mockOpenAI'
import { scriptedCounseling, type Script } from '../test/support/scriptedCounseling'
import { arenaScript } from '../test/support/arenaScript'
import { methodScript } from '../test/support/methodScript'

export interface MockProcessOptions {
  latencyMs?: number
  /** Counselor closes at this turn (scripted, role-aware replies). */
  closeAtTurn?: number
  /** Arena replies instead: contestants sign their replies, the referee prefers these names in this order. */
  arenaPreference?: string[]
  /** Faults (see MockOptions): a seeded random share of requests, an outage window, streamed chunk pacing. */
  faultRate?: number
  faultKinds?: MockOptions['faultKinds']
  seed?: number
  outage?: MockOptions['outage']
  chunkDelayMs?: number
  /** Answer the counselor methods' agents too (MAGneT, CACTUS, Psych8k: plan, drafts, choices, composed replies). */
  methods?: boolean
  /** Answer every request with this text (a judge's score, say). */
  constantReply?: string
  /** A server's limit of requests at once: more get a 429 (see MockOptions.capacity). */
  capacity?: number
  /**
   * The files and batches API: a step every `pollsPerStep` polls; lines whose custom_id's first four hex digits are a
   * multiple of `failEvery` fail (500), of `duplicateEvery` are answered twice.
   */
  batch?: { pollsPerStep?: number; failEvery?: number; duplicateEvery?: number }
}

/** The mock's counters (see startMockOpenAI's stats). */
export interface MockProcessStats {
  calls: number
  faults: number
  maxActive: number
  maxServing: number
  rateLimited: number
}

export async function startMockProcess(options: MockProcessOptions) {
  const child = fork(import.meta.filename, ['--serve-mock', JSON.stringify(options)], {
    stdio: 'inherit',
    execArgv: ['--import', 'tsx'],
  })
  const baseURL = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { baseURL: string }).baseURL))
    child.once('exit', (code) => reject(new Error(`mock exited with ${code}`)))
  })
  /** CPU time (µs) the mock process has used so far. */
  const cpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => {
        const usage = (m as { cpu: NodeJS.CpuUsage }).cpu
        resolve(usage.user + usage.system)
      })
      child.send('cpu')
    })
  /** The mock's counters: requests, faults injected, requests open at once. */
  const stats = () =>
    new Promise<MockProcessStats>((resolve) => {
      child.once('message', (m) => resolve((m as { stats: MockProcessStats }).stats))
      child.send('stats')
    })
  return { baseURL, cpu, stats, stop: () => child.kill() }
}

if (process.argv[2] === '--serve-mock') {
  const options = JSON.parse(process.argv[3]) as MockProcessOptions
  const script: Script = options.closeAtTurn ? { closeAtTurn: () => options.closeAtTurn! } : {}
  const base = options.arenaPreference
    ? arenaScript({ preference: options.arenaPreference })
    : scriptedCounseling(script)
  const constant = options.constantReply
  const reply = constant !== undefined ? () => constant : options.methods ? methodScript({ fallback: base }) : base
  const { faultRate, faultKinds, seed, outage, chunkDelayMs } = options
  const mock = await startMockOpenAI({
    reply,
    latencyMs: options.latencyMs,
    keepRequests: false,
    faultRate,
    faultKinds,
    seed,
    outage,
    chunkDelayMs,
    capacity: options.capacity,
    batch: options.batch && batchOptions(options.batch),
  })
  process.on('message', (m) => process.send!(m === 'stats' ? { stats: mock.stats } : { cpu: process.cpuUsage() }))
  process.send!({ baseURL: mock.baseURL })
}

function batchOptions(o: NonNullable<MockProcessOptions['batch']>): MockOptions['batch'] {
  const every = (n: number | undefined) => (id: string) => !!n && parseInt(id.slice(0, 4), 16) % n === 0
  const fails = every(o.failEvery)
  return {
    pollsPerStep: o.pollsPerStep,
    lineError: (id) => (fails(id) ? { status: 500, message: 'injected line failure' } : null),
    duplicate: every(o.duplicateEvery),
  }
}
