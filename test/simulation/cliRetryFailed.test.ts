import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { isCounselorRequest, scriptedCounseling } from '../support/scriptedCounseling'
import { runCli, simulateArgs, cliSimulationWorkspace } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

describe('CLI: failed dialogues are not final', () => {
  it('resume of a finished run retries its failed dialogues from where they stopped; retry-failed says when there is nothing to retry', async () => {
    // The counselor's third turn is refused (not retried) until the key problem is fixed.
    let refuse = true
    const mock = await startMockOpenAI({
      reply: scriptedCounseling({ closeAtTurn: () => 4 }),
      fault: (r) =>
        refuse && isCounselorRequest(r) && r.messages.length >= 6
          ? { status: 403, body: JSON.stringify({ error: { message: 'quota exceeded' } }) }
          : null,
    })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-retry-'))
    const cards = await cliSimulationWorkspace(dir, mock.baseURL, 3)

    const first = await runCli(dir, simulateArgs(cards, 3, 'refused'))
    expect(first.status).toBe(1)
    const runId = first.stdout.match(/Run (\S+) \(3 dialogues\)/)![1]
    expect(first.stdout).toContain('Run failed: 0 completed, 3 failed')
    expect(first.stdout).toContain(`npm run cli -- retry-failed ${runId}`)
    const messages = () => {
      const db = new Database(join(dir, 'workspace.sqlite'), { readonly: true, fileMustExist: true })
      const rows = db
        .prepare('SELECT m.dialogue_id AS d, m.idx AS i, m.content AS c FROM messages m ORDER BY m.dialogue_id, m.idx')
        .all() as { d: string; i: number; c: string }[]
      db.close()
      return rows
    }
    const stored = messages()
    expect(stored).toHaveLength(3 * 5)

    refuse = false
    const resumed = await runCli(dir, ['resume', runId])
    expect(resumed.status, resumed.stderr + resumed.stdout).toBe(0)
    expect(resumed.stdout).toContain(`Retrying 3 failed dialogues of run ${runId}, each from its last stored message.`)
    expect(resumed.stdout).toContain('Run completed: 3 completed, 0 failed')
    const after = messages()
    expect(after).toHaveLength(3 * 8)
    // The five messages each dialogue had are kept as they were, and it went on after them.
    for (const m of stored) expect(after).toContainEqual(m)

    const again = await runCli(dir, ['retry-failed', runId])
    expect(again.status).not.toBe(0)
    expect(again.stderr).toContain('Run "refused" has no failed dialogues to retry.')
  }, 120_000)
})
