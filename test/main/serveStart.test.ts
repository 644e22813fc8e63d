import { afterEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServe } from '../support/serveProcess'

/** What `npm run serve` tells the person starting it. */
let dataDir: string
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

describe('serve start', () => {
  it('warns clearly when --host makes the workbench reachable from other machines', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'simpsy-serve-'))
    const open = await startServe(dataDir, ['--host', '0.0.0.0'])
    await open.stop()
    expect(open.output()).toMatch(
      /WARNING: --host 0\.0\.0\.0 makes the workbench reachable from other machines on the network, over plain HTTP/,
    )
    expect(open.output()).toMatch(/ssh -L/)

    const local = await startServe(dataDir)
    await local.stop()
    expect(local.output()).not.toMatch(/WARNING/)
  }, 60_000)

  it('refuses an --allow-path that is not a folder', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'simpsy-serve-'))
    const missing = join(dataDir, 'no-such-folder')
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/main/serve.ts', '--data-dir', dataDir, '--allow-path', missing],
      {
        cwd: resolve(import.meta.dirname, '..', '..'),
        encoding: 'utf8',
      },
    )
    expect(result.status).toBe(2)
    expect(result.stderr.trim()).toBe(`--allow-path: ${missing} is not a folder.`)
  })
})
