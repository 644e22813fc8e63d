import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI, type ChatRequest, type MockOptions } from '../support/mockOpenAI'
import { arenaScript, contestantPrompt, isRefereeRequest } from '../support/arenaScript'
import { runCli, spawnCli } from '../support/cliProcess'
import { client } from '../support/workspace'
import { createApp } from '../../src/main/app'
import { keyFileSecretBox } from '../../src/main/secrets/secretBox'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

/**
 * Four role cards, through the CLI's `cards import` or, where a test is about what comes after, through the API in this
 * process; the mock endpoint through the API (`endpoints save` is run in test/simulation/cliKillResume.test.ts). Each
 * CLI
 * command is a process of its own, ~2 s of CPU to start.
 */
async function workspace(latencyMs: number, cardsVia: 'cli' | 'api', mockOptions: MockOptions = {}) {
  const mock = await startMockOpenAI({
    reply: arenaScript({ preference: ['ALPHA', 'BETA', 'GAMMA'] }),
    latencyMs,
    ...mockOptions,
  })
  closers.push(mock.close)
  dir = mkdtempSync(join(tmpdir(), 'simpsy-arena-cli-'))
  const cards = join(dir, 'cards.json')
  writeFileSync(
    cards,
    JSON.stringify(Array.from({ length: 4 }, (_, i) => `Worry${i} I keep worrying about thing number ${i}.`)),
  )
  if (cardsVia === 'cli') expect((await runCli(dir, ['cards', 'import', cards, '--pool', 'test'])).status).toBe(0)
  // As the CLI opens a workspace (example cards seeded when it is new).
  const app = createApp({ dataDir: dir, mode: 'cli', secrets: keyFileSecretBox(dir) })
  try {
    const api = client(app)
    if (cardsVia === 'api')
      expect(
        (
          await api.importRoleCards({
            fileName: 'cards.json',
            contentBase64: readFileSync(cards).toString('base64'),
            pool: 'test',
          })
        ).imported,
      ).toBe(4)
    await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'm' })
  } finally {
    await app.close()
  }
  const contestants = ['ALPHA', 'BETA', 'GAMMA'].flatMap((name) => {
    const file = join(dir, `${name}.txt`)
    writeFileSync(file, contestantPrompt(name))
    return ['--contestant', `${name}=mock@${file}`]
  })
  return { mock, contestants }
}

const count = (sql: string) => {
  const db = new Database(join(dir, 'workspace.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return (db.prepare(sql).pluck().get() as number) ?? 0
  } finally {
    db.close()
  }
}

describe('arena from the command line', () => {
  it('runs a three-contestant arena, survives kill -9, resumes and reports the ranking', async () => {
    const { contestants } = await workspace(40, 'cli')
    const child = spawnCli(dir, [
      'arena',
      'start',
      ...contestants,
      '--client',
      'mock',
      '--referee',
      'mock',
      '-n',
      '2',
      '-T',
      '4',
      '-c',
      '2',
      '--name',
      'cli arena',
    ])
    let output = ''
    child.stdout!.on('data', (c) => (output += c))
    child.stderr!.on('data', (c) => (output += c))
    const deadline = Date.now() + 60000
    while (count("SELECT count(*) FROM arena_turns WHERE referee_status = 'ok'") < 4) {
      if (Date.now() > deadline) throw new Error(`no progress: ${output}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    expect(count("SELECT count(*) FROM arena_dialogues WHERE status = 'completed'")).toBeLessThan(6)

    const resumed = await runCli(dir, ['arena', 'resume'])
    expect(resumed.stderr).not.toMatch(/Error/)
    expect(resumed.status).toBe(0)
    expect(resumed.stdout).toMatch(/Arena completed: 6 completed, 0 failed/)
    // Each of 6 dialogues has exactly 4 decided turns and 8 messages (greeting, then 4 counselor and 3 client): nothing
    // repeated, nothing lost.
    expect(count('SELECT count(*) FROM arena_turns')).toBe(24)
    expect(count('SELECT count(*) FROM arena_messages')).toBe(48)
    expect(
      count(
        'SELECT count(*) FROM (SELECT dialogue_id FROM arena_messages GROUP BY dialogue_id HAVING max(idx) = 7 AND count(*) = 8)',
      ),
    ).toBe(6)

    const report = await runCli(dir, [
      'arena',
      'report',
      count('SELECT id FROM arenas') as unknown as string,
      '--format',
      'csv',
    ])
    expect(report.status).toBe(0)
    const rows = report.stdout
      .split('\n\n')[0]
      .split('\n')
      .filter((l) => /^(ALPHA|BETA|GAMMA),/.test(l))
    expect(rows.map((l) => l.split(',')[0])).toEqual(['ALPHA', 'BETA', 'GAMMA'])
    // Several CLI processes start one after another (each compiles with tsx): a guard against hangs, like the other CLI
    // tests'.
  }, 120_000)

  it('lets a human referee vote in the terminal and keeps the votes', async () => {
    const { contestants } = await workspace(0, 'api')
    const started = await runCli(dir, [
      'arena',
      'start',
      ...contestants.slice(0, 4),
      '--client',
      'mock',
      '--referee',
      'human',
      '-n',
      '1',
      '-T',
      '2',
    ])
    expect(started.status).toBe(0)
    expect(started.stdout).toMatch(/waiting for votes/)
    const arenaId = count('SELECT id FROM arenas') as unknown as string
    // Two votes for the first reply shown, then stop.
    const session = await runCli(dir, ['arena', 'annotate', arenaId, '--annotator', 'Dr. Chen'], '1\n1\nq\n')
    expect(session.status).toBe(0)
    expect(session.stdout).toMatch(/\[1\] \[(ALPHA|BETA)\] turn 1/)
    expect(session.stdout).toMatch(/Nothing left to annotate/)
    expect(count("SELECT count(*) FROM arena_votes WHERE annotator = 'Dr. Chen'")).toBe(2)
    const report = await runCli(dir, ['arena', 'report', arenaId, '--human', '--format', 'markdown'])
    expect(report.stdout).toMatch(/\| (ALPHA|BETA) \|/)
  }, 120_000)

  it('starts the Interactive Agents (2024) arena from --preset, --focal and released adapters', async () => {
    const { mock, contestants } = await workspace(0, 'api')
    const started = await runCli(dir, [
      'arena',
      'start',
      '--preset',
      'interactive-agents-2024',
      ...contestants,
      '--contestant',
      'SoulChat=mock#soulchat',
      '--focal',
      'BETA',
      '--client',
      'mock',
      '--referee',
      'mock',
      '-n',
      '1',
      '-T',
      '1',
    ])
    expect(started.status).toBe(0)
    const config = JSON.parse(count('SELECT config FROM arenas') as unknown as string)
    expect(config).toMatchObject({
      k: 3,
      focal: 'BETA',
      client: { maxTokens: 100 },
      referee: { kind: 'llm', answerMode: 'letter', temperature: 1, maxTokens: 10 },
    })
    expect(config.contestants[3]).toMatchObject({
      name: 'SoulChat',
      temperature: 0.95,
      topP: 0.75,
      method: { kind: 'transcript', clientLabel: '用户：', cue: '心理咨询师：' },
    })
    // BETA and 2 of the other 3: C(3, 2) = 3 dialogues, BETA in each.
    expect(count('SELECT count(*) FROM arena_dialogues')).toBe(3)
    expect(count(`SELECT count(*) FROM arena_dialogues WHERE contestants LIKE '%"BETA"%'`)).toBe(3)
    const soul = mock.requests.filter((r) => r.messages.length === 1 && r.messages[0].role === 'user')
    expect(soul.length).toBeGreaterThan(0)
    expect(soul[0].messages[0].content).toMatch(/^用户：Hello\n心理咨询师：$/)
    expect(soul[0]).toMatchObject({ temperature: 0.95, top_p: 0.75 })
    const referee = mock.requests.filter((r) => r.messages.length === 1 && r.messages[0].role === 'system')
    expect(referee.length).toBeGreaterThan(0)
    for (const r of referee) expect(r.max_tokens).toBe(10)

    const bad = await runCli(dir, [
      'arena',
      'start',
      ...contestants,
      '--focal',
      'NOBODY',
      '--client',
      'mock',
      '--referee',
      'mock',
    ])
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toMatch(/focal.*"NOBODY" is not one of the contestants/)
    expect(count('SELECT count(*) FROM arenas')).toBe(1)
  }, 120_000)

  it('sets the client max tokens; an agreement check shows progress, stops at Ctrl+C and continues', async () => {
    // Contestant replies are numbered (no two turns ask the referee the same); the 3rd referee request waits.
    const script = arenaScript({ preference: ['ALPHA', 'BETA', 'GAMMA'] })
    let replies = 0
    let referees = 0
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    closers.push(async () => release())
    const { mock, contestants } = await workspace(0, 'api', {
      reply: (request: ChatRequest) => {
        const text = script(request)
        return !isRefereeRequest(request) && text.startsWith('[') ? `${text} (#${++replies})` : text
      },
      hold: (request) => (isRefereeRequest(request) && ++referees === 3 ? held : null),
    })
    const started = await runCli(dir, [
      'arena',
      'start',
      ...contestants,
      '--client',
      'mock',
      '--client-max-tokens',
      '77',
      '--referee',
      'human',
      '-n',
      '1',
      '-T',
      '2',
    ])
    expect(started.status).toBe(0)
    expect(JSON.parse(count('SELECT config FROM arenas') as unknown as string).client.maxTokens).toBe(77)
    const arenaId = count('SELECT id FROM arenas') as unknown as string
    const votes = await runCli(dir, ['arena', 'annotate', arenaId, '--annotator', 'Dr. Chen'], '1\n'.repeat(6) + 'q\n')
    expect(votes.status).toBe(0)
    expect(count('SELECT count(*) FROM arena_votes')).toBe(6)
    // The client speaks after each first turn's vote.
    const clientCalls = mock.requests.filter((r) => /client line/.test(script(r)))
    expect(clientCalls).toHaveLength(3)
    for (const r of clientCalls) expect(r.max_tokens).toBe(77)

    const args = ['arena', 'agreement', arenaId, '--referee', 'mock']
    const child = spawnCli(dir, args)
    let output = ''
    child.stdout!.on('data', (c) => (output += c))
    child.stderr!.on('data', (c) => (output += c))
    const deadline = Date.now() + 60000
    // All six are asked at once (the endpoint's concurrency); five are answered and stored, the third waits.
    while (referees < 6 || count('SELECT count(*) FROM arena_agreement_turns') < 5) {
      if (Date.now() > deadline) throw new Error(`no progress: ${output}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    expect(output).toMatch(/Agreement check .*: 6 voted turns/)
    expect(count('SELECT status FROM arena_agreements')).toBe('running')
    release()

    const resumed = await runCli(dir, args)
    expect(resumed.stderr).not.toMatch(/Error/)
    expect(resumed.status).toBe(0)
    expect(resumed.stdout).toMatch(/Continuing agreement check .* \(5 of 6 turns judged\)/)
    expect(resumed.stdout).toMatch(/6 of 6 voted turns compared \(0 referee failures\)/)
    // The five stored turns were not asked again; the one cut off by Ctrl+C was.
    const asked = mock.requests.filter(isRefereeRequest).map((r) => JSON.stringify(r.messages))
    expect(asked).toHaveLength(7)
    expect(new Set(asked).size).toBe(6)
    expect(count('SELECT count(*) FROM arena_agreements')).toBe(1)
  }, 120_000)
})
