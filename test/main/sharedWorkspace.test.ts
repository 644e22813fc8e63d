import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { spawnCli, simulateArgs, cliSimulationWorkspace } from '../support/cliProcess'
import { startServe } from '../support/serveProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
  rmSync(dir, { recursive: true, force: true })
})

const CARDS = 24
const TURNS = 8

/** A normal day: a serve process with browsers reading, and a CLI run writing, on one workspace. */
describe('one workspace, several processes', () => {
  it('serve answers every search and list while a CLI run writes, and neither process fails', async () => {
    const mock = await startMockOpenAI({
      reply: scriptedCounseling({ closeAtTurn: () => TURNS }),
      latencyMs: 2,
      keepRequests: false,
    })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-shared-'))
    const cards = await cliSimulationWorkspace(dir, mock.baseURL, CARDS)

    const server = await startServe(dir)
    closers.push(server.stop)
    const token = new URL(server.url).searchParams.get('token')
    const call = async (method: string, input: unknown) => {
      const response = await fetch(`${server.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } }
    }

    const cli = spawnCli(dir, simulateArgs(cards, 8, 'busy day'))
    let cliOutput = ''
    cli.stdout!.on('data', (c) => (cliOutput += c))
    cli.stderr!.on('data', (c) => (cliOutput += c))
    const cliExit = new Promise<number | null>((done) => cli.once('exit', (code) => done(code)))
    let cliDone = false
    void cliExit.then(() => (cliDone = true))

    // Five readers, as browsers would: searches (which also bring the search index up to date) and lists.
    const errors: string[] = []
    let answered = 0
    const reads: [string, unknown][] = [
      ['listDialogues', { text: 'things have been hard' }],
      ['listDialogues', { text: 'Worry3' }],
      ['listRuns', {}],
      ['listDatasets', {}],
      ['listDialogues', { status: 'completed', limit: 20 }],
    ]
    const reader = async (n: number) => {
      for (let i = n; !cliDone && server.exited() === null; i++) {
        const [method, input] = reads[i % reads.length]
        try {
          const envelope = await call(method, input)
          if (!envelope.ok) errors.push(`${method}: ${envelope.error?.code} ${envelope.error?.message}`)
          answered++
        } catch (error) {
          errors.push(`${method}: ${(error as Error).message}`)
        }
      }
    }
    await Promise.all([0, 1, 2, 3, 4].map(reader))
    const code = await cliExit

    expect(server.exited(), server.output()).toBeNull()
    expect(errors).toEqual([])
    expect(answered).toBeGreaterThan(0)
    expect(code, cliOutput).toBe(0)
    expect(cliOutput).toMatch(new RegExp(`Run completed: ${CARDS} completed, 0 failed`))
    // A busy moment may delay the index (logged, retried); no request failed and nothing escaped to the safety net.
    expect(server.output()).not.toMatch(/SqliteError|uncaught|unhandled/i)

    // Serve's search now finds every dialogue the CLI wrote (the index caught up without failing).
    const found = await call('listDialogues', { text: 'things have been hard', limit: 200 })
    expect(found.ok).toBe(true)
    expect((found.value as { total: number }).total).toBe(CARDS)
  }, 180_000)
})
