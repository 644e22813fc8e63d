import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { writeFileSync } from 'node:fs'

const ROOT = resolve(import.meta.dirname, '..', '..')
const ENTRY = ['--import', 'tsx', 'src/main/cli/index.ts']

/** Starts `npm run cli -- …` the way a user would (without npm's banner); `env` adds environment variables. */
export function spawnCli(
  dataDir: string,
  args: string[],
  stdin: 'ignore' | 'pipe' = 'ignore',
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(process.execPath, [...ENTRY, '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    stdio: [stdin, 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
}

/**
 * Runs the CLI to the end (typing `input` at its prompts, if given). Asynchronous on purpose: a test's mock LLM server
 * lives in the test process and must keep answering while the CLI runs.
 */
export function runCli(
  dataDir: string,
  args: string[],
  input?: string,
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(dataDir, args, input === undefined ? 'ignore' : 'pipe', env)
  if (input !== undefined) child.stdin!.end(input)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (c) => (stdout += c))
  child.stderr!.on('data', (c) => (stderr += c))
  return new Promise((done) => child.once('exit', (status) => done({ status, stdout, stderr })))
}

/** `simulate` with the mock endpoint as both agents, for the cards in `cards` (a file), `concurrency` at once. */
export const simulateArgs = (cards: string, concurrency: number, name: string) => [
  'simulate',
  '--client',
  'mock',
  '--counselor',
  'mock',
  '--cards',
  cards,
  '-c',
  String(concurrency),
  '--name',
  name,
]

/**
 * A workspace in `dir` prepared through the CLI as a user would: `cards` worry posts in dir/cards.json and the
 * endpoint "mock" at `baseURL`. Returns the cards file (for simulateArgs).
 */
export async function cliSimulationWorkspace(dir: string, baseURL: string, cards: number): Promise<string> {
  const file = join(dir, 'cards.json')
  writeFileSync(
    file,
    JSON.stringify(Array.from({ length: cards }, (_, i) => `Worry${i} I keep worrying about thing number ${i}.`)),
  )
  const saved = await runCli(dir, ['endpoints', 'save', '--name', 'mock', '--base-url', baseURL, '--model', 'm'])
  if (saved.status !== 0) throw new Error(`endpoints save failed: ${saved.stderr}`)
  return file
}

/**
 * Kills `child` without warning (SIGKILL) once `ready()` holds (asked every 100 ms; a throw, e.g. a workspace not
 * created yet, counts as not yet), and waits for it to exit. Fails when the CLI ends or a minute passes first.
 */
export async function killWhen(child: ChildProcess, ready: () => boolean): Promise<void> {
  let output = ''
  child.stdout!.on('data', (c) => (output += c))
  child.stderr!.on('data', (c) => (output += c))
  const deadline = Date.now() + 60000
  for (;;) {
    await new Promise((r) => setTimeout(r, 100))
    let done = false
    try {
      done = ready()
    } catch {
      /* not yet */
    }
    if (done) break
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the CLI made no progress:\n${output}`)
  }
  child.kill('SIGKILL')
  await new Promise((r) => child.once('exit', r))
}
