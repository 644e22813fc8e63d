import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { runCli, simulateArgs, spawnCli, cliSimulationWorkspace } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

const TURNS = 8
const CARDS = 6
// Short limits so a frozen process loses its run in well under a second (defaults: 5 s / 20 s).
const TIMING = { SIMPSY_JOB_HEARTBEAT_MS: '100', SIMPSY_JOB_STALE_MS: '600' }

const until = async (check: () => boolean, what: string, ms = 60000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not reached in time`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('a CLI run frozen past the heartbeat limit (a closed laptop lid)', () => {
  it('is taken over by another process; when it wakes it stops quietly, says so, and writes nothing more', async () => {
    const mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => TURNS }), latencyMs: 30 })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-takeover-'))
    const cards = await cliSimulationWorkspace(dir, mock.baseURL, CARDS)

    const sleeper = spawnCli(dir, simulateArgs(cards, 3, 'lid'), 'ignore', TIMING)
    closers.push(() => void (sleeper.exitCode === null && sleeper.kill('SIGKILL')))
    let sleeperOutput = ''
    sleeper.stdout!.on('data', (c) => (sleeperOutput += c))
    sleeper.stderr!.on('data', (c) => (sleeperOutput += c))
    const sleeperExit = new Promise<number | null>((done) => sleeper.once('exit', (code) => done(code)))

    const db = new Database(join(dir, 'workspace.sqlite'), { readonly: true, fileMustExist: false })
    closers.push(() => void db.close())
    const read = <T>(sql: string): T | undefined => {
      try {
        return db.prepare(sql).get() as T
      } catch {
        return undefined // the workspace is not created yet
      }
    }
    await until(() => (read<{ n: number }>('SELECT count(*) AS n FROM messages')?.n ?? 0) >= 12, 'first messages')

    // The lid closes. Once its heartbeat is stale, another process takes the run over and finishes it.
    sleeper.kill('SIGSTOP')
    const run = read<{ id: string; heartbeat_at: string }>('SELECT id, heartbeat_at FROM runs')!
    await until(() => {
      const beat = read<{ heartbeat_at: string }>('SELECT heartbeat_at FROM runs')!.heartbeat_at
      return Date.parse(beat) < Date.now() - 800
    }, 'heartbeat gone stale')
    const takeover = await runCli(dir, ['resume', run.id], undefined, TIMING)
    expect(takeover.status, takeover.stdout + takeover.stderr).toBe(0)
    expect(takeover.stdout).toMatch(new RegExp(`Run completed: ${CARDS} completed, 0 failed`))
    const finished = db.prepare('SELECT count(*) AS n, max(id) AS last FROM messages').get() as {
      n: number
      last: number
    }

    // The lid opens: the old process notices it lost the run, says so and ends without a crash.
    sleeper.kill('SIGCONT')
    const code = await sleeperExit
    expect(sleeperOutput).not.toMatch(/UNIQUE constraint|SqliteError|Uncaught/)
    expect(sleeperOutput).toMatch(/taken over by another workbench process/)
    expect(code, sleeperOutput).toBe(0)

    // Nothing was written after the takeover finished the run; every dialogue is whole.
    expect(db.prepare('SELECT count(*) AS n, max(id) AS last FROM messages').get()).toEqual(finished)
    const rows = db
      .prepare(
        'SELECT d.status, group_concat(m.idx) AS idx, count(m.id) AS n, d.message_count AS counted FROM dialogues d JOIN messages m ON m.dialogue_id = d.id GROUP BY d.id',
      )
      .all() as { status: string; idx: string; n: number; counted: number }[]
    expect(rows).toHaveLength(CARDS)
    for (const row of rows) {
      expect(row.status).toBe('completed')
      expect(
        row.idx
          .split(',')
          .map(Number)
          .sort((a, b) => a - b),
      ).toEqual([...Array(TURNS * 2).keys()])
      expect(row.counted).toBe(row.n)
    }
    expect(db.prepare('SELECT status, owner FROM runs').get()).toEqual({ status: 'completed', owner: null })
  }, 120_000)
})
