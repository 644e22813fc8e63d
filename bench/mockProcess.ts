/**
 * The test suite's mock LLM server in a child process, so that a benchmark's
 * own process does not share its event loop with the server it measures.
 * Run as a script, it is the child: `--serve-mock '<json options>'`.
 */
import { fork } from 'node:child_process'
import { startMockOpenAI } from '../test/support/mockOpenAI'
import { scriptedCounseling, type Script } from '../test/support/scriptedCounseling'
import { arenaScript } from '../test/support/arenaScript'

export interface MockProcessOptions {
  latencyMs?: number
  /** Counselor closes at this turn (scripted, role-aware replies). */
  closeAtTurn?: number
  /** Arena replies instead: contestants sign their replies, the referee prefers these names in this order. */
  arenaPreference?: string[]
}

export async function startMockProcess(options: MockProcessOptions) {
  const child = fork(import.meta.filename, ['--serve-mock', JSON.stringify(options)], { stdio: 'inherit', execArgv: ['--import', 'tsx'] })
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
  return { baseURL, cpu, stop: () => child.kill() }
}

if (process.argv[2] === '--serve-mock') {
  const options = JSON.parse(process.argv[3]) as MockProcessOptions
  const script: Script = options.closeAtTurn ? { closeAtTurn: () => options.closeAtTurn! } : {}
  const reply = options.arenaPreference ? arenaScript({ preference: options.arenaPreference }) : scriptedCounseling(script)
  const mock = await startMockOpenAI({ reply, latencyMs: options.latencyMs, keepRequests: false })
  process.on('message', () => process.send!({ cpu: process.cpuUsage() }))
  process.send!({ baseURL: mock.baseURL })
}
