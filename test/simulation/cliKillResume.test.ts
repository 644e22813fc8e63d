import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { runCli, spawnCli, simulateArgs, cliSimulationWorkspace, killWhen } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

const TURNS = 6
const CARDS = 10

describe('CLI simulation survives kill -9', () => {
  it('resume completes every dialogue with no duplicates or gaps', async () => {
    const mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => TURNS }), latencyMs: 40 })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-kill-'))
    const cards = await cliSimulationWorkspace(dir, mock.baseURL, CARDS)

    const child = spawnCli(dir, simulateArgs(cards, 3, 'killed'))
    const db = () => new Database(join(dir, 'workspace.sqlite'), { readonly: true, fileMustExist: true })
    // Wait until some dialogues are done and others are mid-way, then kill without warning.
    await killWhen(child, () => {
      const conn = db()
      try {
        return (conn.prepare("SELECT count(*) FROM dialogues WHERE status = 'completed'").pluck().get() as number) >= 3
      } finally {
        conn.close()
      }
    })

    const before = db()
    const interrupted = before.prepare('SELECT status, count(*) AS n FROM dialogues GROUP BY status').all() as {
      status: string
      n: number
    }[]
    before.close()
    expect(interrupted.find((r) => r.status === 'completed')!.n).toBeLessThan(CARDS)

    const resumed = await runCli(dir, ['resume'])
    expect(resumed.status, resumed.stderr + resumed.stdout).toBe(0)
    expect(resumed.stdout).toMatch(new RegExp(`Run completed: ${CARDS} completed, 0 failed`))

    const after = db()
    const rows = after
      .prepare(
        'SELECT d.id, d.status, group_concat(m.idx) AS idx, count(m.id) AS n, d.message_count AS counted FROM dialogues d JOIN messages m ON m.dialogue_id = d.id GROUP BY d.id ORDER BY d.id',
      )
      .all() as { status: string; idx: string; n: number; counted: number }[]
    const run = after.prepare('SELECT status FROM runs').get() as { status: string }
    after.close()
    expect(run.status).toBe('completed')
    expect(rows).toHaveLength(CARDS)
    const expected = [...Array(TURNS * 2).keys()].join(',')
    for (const row of rows) {
      expect(row.status).toBe('completed')
      expect(
        row.idx
          .split(',')
          .map(Number)
          .sort((a, b) => a - b)
          .join(','),
      ).toBe(expected)
      expect(row.counted).toBe(row.n)
    }
  }, 120_000)
})
