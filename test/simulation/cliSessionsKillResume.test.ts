import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { isSummaryRequest, scriptedSessions } from '../support/sessionScript'
import { runCli, spawnCli, simulateArgs, cliSimulationWorkspace, killWhen } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

const TURNS = 4
const CARDS = 4
const SESSIONS = 3

interface Row {
  id: string
  case_id: string
  session_index: number
  status: string
  session_summary: string | null
  idx: string
  n: number
  counted: number
}

describe('CLI follow-up sessions survive kill -9', () => {
  it('resume continues each case where it was: later sessions after the summary, nothing twice', async () => {
    const mock = await startMockOpenAI({ reply: scriptedSessions({ closeAtTurn: () => TURNS }), latencyMs: 30 })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-sessions-kill-'))
    const cards = await cliSimulationWorkspace(dir, mock.baseURL, CARDS)
    const child = spawnCli(dir, [...simulateArgs(cards, 2, 'killed'), '--sessions', String(SESSIONS)])
    const db = () => new Database(join(dir, 'workspace.sqlite'), { readonly: true, fileMustExist: true })
    /** The one value `sql` selects. */
    const one = <T>(sql: string): T => {
      const conn = db()
      try {
        return conn.prepare(sql).pluck().get() as T
      } finally {
        conn.close()
      }
    }
    // Kill once some case is in its second session (its first is summarised), mid-case.
    await killWhen(
      child,
      () => one<number>('SELECT count(*) FROM dialogues WHERE session_index = 2 AND message_count > 0') > 0,
    )
    const before = db()
    const unfinished = before
      .prepare("SELECT count(*) FROM dialogues WHERE status != 'completed'")
      .pluck()
      .get() as number
    before.close()
    expect(unfinished).toBeGreaterThan(0)
    const summariesBefore = mock.requests.filter(isSummaryRequest).length

    const resumed = await runCli(dir, ['resume'])
    expect(resumed.status, resumed.stderr + resumed.stdout).toBe(0)
    expect(resumed.stdout).toMatch(new RegExp(`Run completed: ${CARDS * SESSIONS} completed, 0 failed`))

    const after = db()
    const rows = after
      .prepare(
        `SELECT d.id, d.case_id, d.session_index, d.status, d.session_summary, group_concat(m.idx) AS idx, count(m.id) AS n,
           d.message_count AS counted
         FROM dialogues d JOIN messages m ON m.dialogue_id = d.id GROUP BY d.id ORDER BY d.position`,
      )
      .all() as Row[]
    const summaryCalls = after
      .prepare("SELECT count(*) FROM llm_calls WHERE purpose = 'session.summary' AND error_kind IS NULL")
      .pluck()
      .get() as number
    after.close()
    expect(rows).toHaveLength(CARDS * SESSIONS)
    const expected = [...Array(TURNS * 2).keys()].join(',')
    const cases = new Map<string, Row[]>()
    for (const row of rows) cases.set(row.case_id, [...(cases.get(row.case_id) ?? []), row])
    expect(cases.size).toBe(CARDS)
    for (const sessions of cases.values()) {
      expect(sessions.map((s) => s.session_index)).toEqual([1, 2, 3])
      expect(sessions.map((s) => s.session_summary !== null)).toEqual([true, true, false])
      for (const row of sessions) {
        expect(row.status).toBe('completed')
        const idx = row.idx.split(',').map(Number)
        expect(idx.sort((a, b) => a - b).join(',')).toBe(expected)
        expect(row.counted).toBe(row.n)
      }
    }
    // One summary per session with a next one: at most one asked again (the one the kill may have cut short).
    const summaries = mock.requests.filter(isSummaryRequest).length
    expect(summaries).toBeGreaterThanOrEqual(CARDS * (SESSIONS - 1))
    expect(summaries).toBeLessThanOrEqual(CARDS * (SESSIONS - 1) + Math.min(2, summariesBefore))
    expect(summaryCalls).toBeGreaterThanOrEqual(CARDS * (SESSIONS - 1))

    // The run's dataset analysed, grouped by session from the CLI: every session has its cases' dialogues.
    const datasetId = one<string>('SELECT dataset_id FROM runs')
    const stats = await runCli(dir, ['evaluate', 'stats', '-d', datasetId])
    expect(stats.status, stats.stderr).toBe(0)
    const evaluationId = stats.stdout.match(/Evaluation (\S+)\./)![1]
    const grouped = await runCli(dir, ['evaluate', 'scores', evaluationId, '--by-session'])
    expect(grouped.status, grouped.stderr).toBe(0)
    const lines = grouped.stdout.trim().split('\n')
    expect(lines.map((l) => l.split(';')[0])).toEqual([1, 2, 3].map((k) => `session ${k}: ${CARDS} dialogues`))
    // Every session ends at the scripted turn.
    for (const line of lines) expect(line).toContain(`turns ${TURNS.toFixed(3)} ± 0.000 (${CARDS})`)
    // Later sessions against session 1, paired by case: no change in turns.
    expect(lines[1]).toContain(
      `turns ${TURNS.toFixed(3)} ± 0.000 (${CARDS}) [vs session 1: +0.000, p 1.000, ${CARDS} paired]`,
    )
    const second = await runCli(dir, ['evaluate', 'scores', evaluationId, '--session', '2', '-n', '100'])
    expect(second.stdout).toMatch(new RegExp(`^${CARDS} dialogues by turns`))
  }, 120_000)
})
