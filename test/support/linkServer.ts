import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { App } from '../../src/main/app'
import { startHttpServer } from '../../src/main/http/httpServer'

/** The serve-mode HTTP server over an app (owner token 'owner-token', a stand-in page), with its access links. */
export function startLinkServer(app: App) {
  const staticDir = mkdtempSync(join(tmpdir(), 'simpsy-static-'))
  writeFileSync(join(staticDir, 'index.html'), '<title>SimPsy</title>')
  return startHttpServer({
    dispatch: app.dispatch,
    events: app.events,
    staticDir,
    token: 'owner-token',
    limitedAccess: app.limitedAccess,
  })
}
