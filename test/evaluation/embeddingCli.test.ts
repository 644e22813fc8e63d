import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { runCli } from '../support/cliProcess'
import { sessionsJsonl } from '../support/sessionsFixture'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

describe('evaluate embedding from the CLI', () => {
  it('--embeddings-endpoint names a saved endpoint by name; its model makes the vectors; an unknown name is refused', async () => {
    const mock = await startMockOpenAI()
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-embed-cli-'))
    const sessions = join(dir, 'sessions.jsonl')
    writeFileSync(sessions, sessionsJsonl())
    const saved = await runCli(dir, [
      'endpoints',
      'save',
      '--name',
      'tei',
      '--base-url',
      mock.baseURL,
      '--model',
      'bge-m3',
    ])
    expect(saved.status, saved.stderr).toBe(0)
    const imported = await runCli(dir, ['datasets', 'import', sessions])
    const datasetId = imported.stdout.match(/-> dataset (\S+)/)![1]
    const run = await runCli(dir, ['evaluate', 'embedding', '-d', datasetId, '--embeddings-endpoint', 'tei'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Mapping mean/)
    expect(mock.embeddings.length).toBeGreaterThan(1)
    expect(mock.embeddings.every((r) => r.model === 'bge-m3')).toBe(true)

    const unknown = await runCli(dir, ['evaluate', 'embedding', '-d', datasetId, '--embeddings-endpoint', 'nope'])
    expect(unknown.status).not.toBe(0)
    expect(unknown.stderr).toMatch(/nope/)
  }, 120_000)
})
