import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, type App, type AppOptions } from '../../src/main/app'
import { createClient } from '@shared/client'
import { keyFileSecretBox } from '../../src/main/secrets/secretBox'

/** A throwaway workspace folder with an app over it; `cleanup` closes and deletes it. */
export function tempWorkspace(options: Partial<AppOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-test-'))
  const apps: App[] = []
  const open = (extra: Partial<AppOptions> = {}) => {
    const app = createApp({
      dataDir,
      mode: 'cli',
      secrets: keyFileSecretBox(dataDir, {}),
      seedExamples: false,
      ...options,
      ...extra,
    })
    apps.push(app)
    return app
  }
  return {
    dataDir,
    open,
    async cleanup() {
      for (const app of apps) await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Calls through the dispatcher (validation included), throwing the user-facing error like a client would. */
export const client = (app: App) => createClient(app.dispatch)
