import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** Starts `src/main/serve.ts` as a real child process (the way `npm run serve` does) and waits for its URL. */
export async function startServe(
  dataDir: string,
  args: string[] = [],
): Promise<{ url: string; origin: string; output: () => string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main/serve.ts', '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: { ...process.env, SIMPSY_SECRET_KEY: 'e2e-secret' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in time:\n${output}`)), 30000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(/Open: (http:\/\/\S+)/)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)))
  })
  return {
    url,
    origin: new URL(url).origin,
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}
