import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { methodScript, methodTemplateOf } from '../support/methodScript'
import { runCli, simulateArgs, cliSimulationWorkspace } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

async function workspace() {
  const mock = await startMockOpenAI({ reply: methodScript({ fallback: scriptedCounseling() }) })
  const tech = await startMockOpenAI({ reply: () => 'Techniques: Questioning' })
  closers.push(mock.close, tech.close)
  dir = mkdtempSync(join(tmpdir(), 'simpsy-method-flags-'))
  const cards = await cliSimulationWorkspace(dir, mock.baseURL, 1)
  const saved = await runCli(dir, ['endpoints', 'save', '--name', 'tech', '--base-url', tech.baseURL, '--model', 'tm'])
  expect(saved.status, saved.stderr).toBe(0)
  const query = <T>(sql: string) => {
    const conn = new Database(join(dir, 'workspace.sqlite'), { readonly: true, fileMustExist: true })
    try {
      return conn.prepare(sql).all() as T[]
    } finally {
      conn.close()
    }
  }
  return { mock, tech, cards, query }
}

describe('simulate: counselor method flags', () => {
  it('builds a MAGneT run from the flags: ablation, agents set apart, the preset and flags over it', async () => {
    const { mock, tech, cards, query } = await workspace()
    const result = await runCli(dir, [
      ...simulateArgs(cards, 1, 'flags'),
      '--method',
      'magnet',
      '--no-cbt-plan',
      '--agent',
      'technique.endpoint=tech',
      '--agent',
      'composer.max-tokens=300',
      '--preset',
      'seed-session',
      '--client-template',
      'client.default',
      '--opening',
      'greeting',
      '-T',
      '2',
    ])
    expect(result.status, result.stderr + result.stdout).toBe(0)
    const [run] = query<{ config: string }>('SELECT config FROM runs')
    expect(JSON.parse(run.config)).toMatchObject({
      counselor: {
        kind: 'magnet',
        cbtPlan: false,
        techniqueAgent: true,
        agents: { technique: { temperature: 0, endpointId: expect.any(String) }, composer: { maxTokens: 300 } },
      },
      client: { templateId: 'client.default' },
      opening: 'greeting',
      endToken: '[/END]',
      minTurns: 20,
      maxTurns: 2,
      termination: { zh: [], en: [] },
    })
    expect(mock.requests.filter((r) => methodTemplateOf(r) === 'cbt.plan')).toHaveLength(0)
    expect(tech.requests).toHaveLength(2)
    for (const r of tech.requests) {
      expect(methodTemplateOf(r)).toBe('magnet.technique-no-plan')
      expect(r).toMatchObject({ model: 'tm', temperature: 0 })
    }
    const composer = mock.requests.filter((r) => methodTemplateOf(r) === 'magnet.composer')
    expect(composer).toHaveLength(2)
    for (const r of composer) expect(r.max_tokens ?? r.max_completion_tokens).toBe(300)
  }, 60_000)

  it('refuses bad values with what and where, and writes nothing', async () => {
    const { cards, query } = await workspace()
    const cardsBefore = query('SELECT id FROM role_cards')
    const cases: [string[], RegExp][] = [
      [['--method', 'magic'], /--method "magic": choose one of three-stage, magnet, cactus, psych8k/],
      [
        ['--method', 'magnet', '--agent', 'technique.temperature=hot'],
        /--agent "technique.temperature=hot": "hot" is not a number/,
      ],
      [
        ['--method', 'cactus', '--agent', 'composer.top-p=0.5'],
        /--agent "composer.top-p=0.5": the cactus method has the agents plan, counselor/,
      ],
      [['--method', 'cactus', '--no-technique-agent'], /--no-technique-agent: the cactus method has no such switch/],
      [['--min-turns', 'many'], /--min-turns "many": give a whole number/],
      [['--preset', 'long'], /--preset "long": choose one of seed-session/],
    ]
    const outcomes = await Promise.all(
      cases.map(([flags]) => runCli(dir, [...simulateArgs(cards, 1, 'bad'), ...flags])),
    )
    for (const [i, [, message]] of cases.entries()) {
      expect(outcomes[i].status).toBe(1)
      expect(outcomes[i].stderr).toMatch(message)
    }
    expect(query('SELECT id FROM runs')).toEqual([])
    expect(query('SELECT id FROM role_cards')).toEqual(cardsBefore)
  }, 60_000)
})
