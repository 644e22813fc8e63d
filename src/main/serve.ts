import { parseArgs } from 'node:util'
import { randomBytes } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { createApp } from './app'
import { isLoopback, startHttpServer } from './http/httpServer'
import { log, logToWorkspace, registerSecret } from './logger'
import { defaultDataDir } from './paths'
import { keyFileSecretBox } from './secrets/secretBox'

/** `npm run serve`: the workbench in a browser, for machines without a display. */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    token: { type: 'string' },
    /** A folder (besides the data folder) whose files the browser may name: SSH keys, model folders. Repeatable. */
    'allow-path': { type: 'string', multiple: true, default: [] },
  },
})

/**
 * SIMPSY_TRAINING_POLL_MS: how often running training jobs are read on their servers, in ms
 * (default 5000). Tests against the loopback sshd shorten it so a job is followed in seconds.
 */
function trainingPollMs(): number | undefined {
  const raw = process.env.SIMPSY_TRAINING_POLL_MS
  if (!raw) return undefined
  const ms = Number(raw)
  if (!Number.isInteger(ms) || ms < 50)
    throw new Error(`SIMPSY_TRAINING_POLL_MS must be a whole number of milliseconds (at least 50), got "${raw}".`)
  return ms
}

// The last safety net: serve mode keeps serving. Timers, event handlers and jobs handle their own
// errors (see app.ts, ownedJobs.ts); anything that still escapes is logged, not fatal.
process.on('uncaughtException', (error) => log.error('[serve] uncaught', error))
process.on('unhandledRejection', (reason) => log.error('[serve] unhandled rejection', reason))

const dataDir = resolve(values['data-dir'] ?? defaultDataDir())
// The terminal shows warnings and errors; the log file in the data folder keeps the rest (and the stacks).
logToWorkspace(dataDir, 'warn')
const pollMs = trainingPollMs()
const allowedPathRoots = values['allow-path'].map((dir) => {
  const folder = resolve(dir)
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    console.error(`--allow-path: ${folder} is not a folder.`)
    process.exit(2)
  }
  return folder
})
const app = createApp({
  dataDir,
  mode: 'serve',
  secrets: keyFileSecretBox(dataDir),
  resumeInterruptedRuns: true,
  allowedPathRoots,
  ...(pollMs !== undefined ? { training: { pollMs } } : {}),
})
const token = values.token ?? process.env.SIMPSY_SERVE_TOKEN ?? randomBytes(24).toString('base64url')
registerSecret(token)
const server = await startHttpServer({
  dispatch: app.dispatch,
  events: app.events,
  staticDir: resolve(import.meta.dirname, '..', '..', 'out', 'renderer'),
  token,
  host: values.host,
  port: Number(values.port),
  limitedAccess: app.limitedAccess,
  downloads: app.downloads,
  uploads: app.uploads,
})

if (!isLoopback(values.host)) {
  log.warn(
    `WARNING: --host ${values.host} makes the workbench reachable from other machines on the network, over plain HTTP.\n` +
      '  Anyone who gets the URL below (with its token) can read and change the whole workspace, and the token and the\n' +
      '  research data cross the network unencrypted. Prefer the default 127.0.0.1 and an SSH tunnel\n' +
      '  (serve with --port 8080, then on your computer: ssh -L 8080:127.0.0.1:8080 <this machine>), or an HTTPS proxy in front.',
  )
}
console.log(`SimPsy Workbench is serving the workspace in ${dataDir}`)
if (allowedPathRoots.length) console.log(`Browsers may also name files in: ${allowedPathRoots.join(', ')}`)
console.log(`Open: ${server.url}`)
console.log('Press Ctrl+C to stop.')
log.info(`serving ${dataDir} at ${server.origin}`)

const stop = async () => {
  await server.close()
  await app.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
