import { parseArgs } from 'node:util'
import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { createApp } from './app'
import { startHttpServer } from './http/httpServer'
import { defaultDataDir } from './paths'
import { keyFileSecretBox } from './secrets/secretBox'

/** `npm run serve`: the workbench in a browser, for machines without a display. */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    token: { type: 'string' },
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
  if (!Number.isInteger(ms) || ms < 50) throw new Error(`SIMPSY_TRAINING_POLL_MS must be a whole number of milliseconds (at least 50), got "${raw}".`)
  return ms
}

// The last safety net: serve mode keeps serving. Timers, event handlers and jobs handle their own
// errors (see app.ts, ownedJobs.ts); anything that still escapes is logged, not fatal.
process.on('uncaughtException', (error) => console.error(`[serve] uncaught: ${error.stack ?? error}`))
process.on('unhandledRejection', (reason) => console.error(`[serve] unhandled rejection: ${(reason as Error)?.stack ?? reason}`))

const dataDir = resolve(values['data-dir'] ?? defaultDataDir())
const pollMs = trainingPollMs()
const app = createApp({
  dataDir,
  mode: 'serve',
  secrets: keyFileSecretBox(dataDir),
  resumeInterruptedRuns: true,
  ...(pollMs !== undefined ? { training: { pollMs } } : {}),
  log: (line) => console.error(line),
})
const server = await startHttpServer({
  dispatch: app.dispatch,
  events: app.events,
  staticDir: resolve(import.meta.dirname, '..', '..', 'out', 'renderer'),
  token: values.token ?? process.env.SIMPSY_SERVE_TOKEN ?? randomBytes(24).toString('base64url'),
  host: values.host,
  port: Number(values.port),
  limitedAccess: app.limitedAccess,
})

console.log(`SimPsy Workbench is serving the workspace in ${dataDir}`)
console.log(`Open: ${server.url}`)
console.log('Press Ctrl+C to stop.')

const stop = async () => {
  await server.close()
  await app.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
