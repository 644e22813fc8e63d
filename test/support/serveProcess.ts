import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')

export interface ServeHandle {
  url: string
  origin: string
  stop: () => Promise<void>
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string
  /** The exit code or signal once it has exited on its own or been stopped; null while it runs. */
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | null
}

/** Starts `src/main/serve.ts` as a real child process (the way `npm run serve` does) and waits for its URL. */
export async function startServe(
  dataDir: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<ServeHandle> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/serve.ts', '--data-dir', dataDir, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, SIMPSY_SECRET_KEY: 'e2e-secret', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  child.once('exit', (code, signal) => (exit = { code, signal }))
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
    exited: () => exit,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}

/** Calls the serve-mode API as the owner (Bearer token, as scripts do); throws with the method's message on failure. */
export function ownerApi(server: Pick<ServeHandle, 'url' | 'origin'>) {
  const token = new URL(server.url).searchParams.get('token')
  return async <T>(method: string, body: unknown): Promise<T> => {
    const envelope = (await fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as { ok: true; value: T } | { ok: false; error: { message: string } }
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`)
    return envelope.value
  }
}

/** Calls the API of a serve process as its page does (the token of its address as bearer); throws on an error. */
export function serveApi(server: ServeHandle) {
  const token = new URL(server.url).searchParams.get('token')
  return async <T>(method: string, body: unknown): Promise<T> => {
    const response = await fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ ok: boolean; value: T; error?: unknown }>)
    if (!response.ok) throw new Error(`${method} failed: ${JSON.stringify(response.error)}`)
    return response.value
  }
}
