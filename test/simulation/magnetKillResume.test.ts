import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MAGNET_SPECIALISTS } from '@shared/counselors/magnet'
import type { TurnTrace } from '@shared/dialogue'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { methodScript, methodTemplateOf, requestText } from '../support/methodScript'
import { runCli, spawnCli, simulateArgs, cliSimulationWorkspace } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

const TURNS = 4
const CARDS = 6

interface Row {
  id: string
  status: string
  meta: string
  card: string
}

describe('a MAGneT run killed with SIGKILL and resumed', () => {
  it('ends with a whole trace on every counselor reply, one plan per dialogue, no duplicate or missing message', async () => {
    const mock = await startMockOpenAI({ reply: methodScript({ fallback: scriptedCounseling() }), latencyMs: 40 })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-magnet-kill-'))
    const cards = await cliSimulationWorkspace(dir, mock.baseURL, CARDS)

    const child = spawnCli(dir, [...simulateArgs(cards, 3, 'magnet'), '--method', 'magnet', '-T', String(TURNS)])
    let output = ''
    child.stdout!.on('data', (c) => (output += c))
    child.stderr!.on('data', (c) => (output += c))
    const db = () => new Database(join(dir, 'workspace.sqlite'), { readonly: true, fileMustExist: true })
    const dialogues = () => {
      const conn = db()
      try {
        return conn
          .prepare("SELECT id, status, meta, json_extract(role_card, '$.complaint.title') AS card FROM dialogues")
          .all() as Row[]
      } finally {
        conn.close()
      }
    }
    // Killed once some dialogues are done and the others are under way.
    const deadline = Date.now() + 60000
    let before: Row[] = []
    for (;;) {
      await new Promise((r) => setTimeout(r, 50))
      try {
        before = dialogues()
      } catch {
        /* the workspace is not created yet */
      }
      if (before.filter((d) => d.status === 'completed').length >= 2) break
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`simulate made no progress:\n${output}`)
    }
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    before = dialogues()
    expect(before.filter((d) => d.status === 'completed').length).toBeLessThan(CARDS)
    const plannedBefore = before.filter((d) => 'cbt_technique' in JSON.parse(d.meta)).map((d) => d.card)

    const resumed = await runCli(dir, ['resume'])
    expect(resumed.status, resumed.stderr + resumed.stdout).toBe(0)
    expect(resumed.stdout).toMatch(new RegExp(`Run completed: ${CARDS} completed, 0 failed`))

    const conn = db()
    const after = dialogues()
    const messages = conn
      .prepare('SELECT dialogue_id AS dialogueId, idx, speaker, content, trace FROM messages ORDER BY dialogue_id, idx')
      .all() as { dialogueId: string; idx: number; speaker: string; content: string; trace: string | null }[]
    conn.close()
    const planCalls = mock.requests.filter((r) => methodTemplateOf(r) === 'cbt.plan')
    const plansFor = (card: string) => planCalls.filter((r) => requestText(r).includes(`${card}\n`)).length

    expect(after).toHaveLength(CARDS)
    for (const d of after) {
      expect(d.status).toBe('completed')
      const own = messages.filter((m) => m.dialogueId === d.id)
      expect(own.map((m) => m.idx)).toEqual([...Array(TURNS * 2).keys()])
      for (const m of own.filter((x) => x.speaker === 'counselor')) {
        const trace = JSON.parse(m.trace!) as TurnTrace
        expect(trace.steps!.map((s) => s.agent)).toEqual([...MAGNET_SPECIALISTS, 'technique', 'composer'])
        expect(trace.steps!.at(-1)!.content).toBe(m.content)
        for (const s of trace.steps!) expect(s.model).toBe('m')
      }
      expect(JSON.parse(d.meta)).toMatchObject({ cbt_technique: 'Decatastrophizing' })
      expect(plansFor(d.card)).toBeGreaterThanOrEqual(1)
    }
    // A plan stored before the kill was never asked for again.
    for (const card of plannedBefore) expect(plansFor(card)).toBe(1)
    expect(plannedBefore.length).toBeGreaterThan(0)
  }, 120_000)
})
