import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TurnTrace } from '@shared/dialogue'
import { startMockOpenAI } from '../support/mockOpenAI'
import { clientScript, isStateJudgeRequest, judgedTurn } from '../support/clientScript'
import { readWorkspace } from '../support/readWorkspace'
import { runCli, spawnCli, simulateArgs, cliSimulationWorkspace } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

const TURNS = 4
const CARDS = 6
/** The judge's trust after counselor turn n (the emotion falls as it grows). */
const trustAt = (turn: number) => turn + 0.5

describe('a dynamic-client run killed with SIGKILL and resumed', () => {
  it('stores a whole state trace on every client reply, and goes on from the stored state', async () => {
    const judge = (turn: number) => JSON.stringify({ trust: trustAt(turn), emotion: 10 - turn, stage: 'contemplation' })
    const mock = await startMockOpenAI({ reply: clientScript(judge), latencyMs: 40 })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-client-kill-'))
    const cards = await cliSimulationWorkspace(dir, mock.baseURL, CARDS)

    const args = [...simulateArgs(cards, 3, 'dynamic'), '--client-method', 'dynamic', '-T', String(TURNS)]
    const child = spawnCli(dir, args)
    let output = ''
    child.stdout!.on('data', (c) => (output += c))
    child.stderr!.on('data', (c) => (output += c))
    const query = <T>(sql: string) => readWorkspace(dir, (db) => db.prepare(sql).all() as T[], [])

    const statuses = () => query<{ status: string }>('SELECT status FROM dialogues').map((d) => d.status)
    const deadline = Date.now() + 60000
    for (;;) {
      await new Promise((r) => setTimeout(r, 50))
      const done = statuses().filter((s) => s === 'completed').length
      if (done >= 2) break
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`simulate made no progress:\n${output}`)
    }
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    expect(statuses().filter((s) => s === 'completed').length).toBeLessThan(CARDS)
    const judgedBefore = mock.requests.filter(isStateJudgeRequest).length

    const resumed = await runCli(dir, ['resume'])
    expect(resumed.status, resumed.stderr + resumed.stdout).toBe(0)
    expect(resumed.stdout).toMatch(new RegExp(`Run completed: ${CARDS} completed, 0 failed`))
    expect(mock.requests.filter(isStateJudgeRequest).length).toBeGreaterThan(judgedBefore)

    const [run] = query<{ config: string }>('SELECT config FROM runs')
    expect(JSON.parse(run.config).client).toMatchObject({ kind: 'dynamic', update: 'judge' })
    const messages = query<{ dialogueId: string; idx: number; speaker: string; content: string; trace: string }>(
      'SELECT dialogue_id AS dialogueId, idx, speaker, content, trace FROM messages ORDER BY dialogue_id, idx',
    )
    const dialogues = [...new Set(messages.map((m) => m.dialogueId))]
    expect(dialogues).toHaveLength(CARDS)
    for (const id of dialogues) {
      const own = messages.filter((m) => m.dialogueId === id)
      expect(own.map((m) => m.idx)).toEqual([...Array(TURNS * 2).keys()])
      const replies = own.filter((m) => m.speaker === 'client').slice(1)
      expect(replies).toHaveLength(TURNS - 1)
      replies.forEach((m, i) => {
        const trace = JSON.parse(m.trace) as TurnTrace
        expect(trace.clientState).toMatchObject({ trust: trustAt(i + 1), emotion: 9 - i, how: 'judge' })
        expect(trace.steps!.map((s) => s.agent)).toEqual(['state', 'client'])
        expect(trace.steps!.at(-1)!.content).toBe(m.content)
      })
    }
    // Every judge call, before and after the kill, started from the state stored for the turn before it.
    for (const r of mock.requests.filter(isStateJudgeRequest)) {
      const turn = judgedTurn(r)
      const previous =
        turn === 1 ? 'trust 3, emotional intensity 6' : `trust ${trustAt(turn - 1)}, emotional intensity ${11 - turn}`
      expect(r.messages[0].content).toContain(previous)
    }
  }, 120_000)
})
