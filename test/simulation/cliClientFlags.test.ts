import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TurnTrace } from '@shared/dialogue'
import { startMockOpenAI } from '../support/mockOpenAI'
import { clientScript, isStateJudgeRequest } from '../support/clientScript'
import { readWorkspace } from '../support/readWorkspace'
import { runCli, simulateArgs, cliSimulationWorkspace } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

async function workspace() {
  const mock = await startMockOpenAI({ reply: clientScript(() => '{"trust": 5, "emotion": 5, "stage": "action"}') })
  closers.push(mock.close)
  dir = mkdtempSync(join(tmpdir(), 'simpsy-client-flags-'))
  const cards = await cliSimulationWorkspace(dir, mock.baseURL, 1)
  const query = <T>(sql: string) => readWorkspace(dir, (db) => db.prepare(sql).all() as T[], [])

  return { mock, cards, query }
}

describe('simulate: client method flags', () => {
  it('runs the dynamic client with the rule from the flags, and stores it with the run', async () => {
    const { mock, cards, query } = await workspace()
    const args = [...simulateArgs(cards, 1, 'flags'), '--client-method', 'dynamic', '--client-state', 'rule', '-T', '3']
    const result = await runCli(dir, args)
    expect(result.status, result.stderr + result.stdout).toBe(0)
    const [run] = query<{ config: string }>('SELECT config FROM runs')
    expect(JSON.parse(run.config).client).toMatchObject({
      kind: 'dynamic',
      update: 'rule',
      templateId: 'client.default',
    })
    expect(mock.requests.filter(isStateJudgeRequest)).toHaveLength(0)
    const traces = query<{ trace: string }>("SELECT trace FROM messages WHERE speaker = 'client' AND idx > 0")
    expect(traces.map((m) => (JSON.parse(m.trace) as TurnTrace).clientState!.how)).toEqual(['rule', 'rule'])
  }, 60_000)

  it('refuses bad values with what and where, and writes nothing', async () => {
    const { cards, query } = await workspace()
    const cases: [string[], RegExp][] = [
      [['--client-method', 'smart'], /--client-method "smart": choose one of static, dynamic/],
      [['--client-state', 'rule'], /--client-state: only the dynamic client keeps a state/],
      [['--client-method', 'dynamic', '--client-state', 'guess'], /--client-state "guess": choose judge or rule/],
    ]
    const outcomes = await Promise.all(
      cases.map(([flags]) => runCli(dir, [...simulateArgs(cards, 1, 'bad'), ...flags])),
    )
    for (const [i, [, message]] of cases.entries()) {
      expect(outcomes[i].status).toBe(1)
      expect(outcomes[i].stderr).toMatch(message)
    }
    expect(query('SELECT id FROM runs')).toEqual([])
  }, 60_000)
})
