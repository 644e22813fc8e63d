import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockOpenAI } from '../support/mockOpenAI'
import { isCounselorRequest, scriptedCounseling } from '../support/scriptedCounseling'
import { runCli, simulateArgs } from '../support/cliProcess'

let dir: string
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  rmSync(dir, { recursive: true, force: true })
})

/** Not shaped like any well-known key, so only the registered secret keeps it out of the log. */
const KEY = 'lab-key-7f3a9c2e51d4'

describe('the workspace log', () => {
  it('a CLI run keeps its failures in <data folder>/logs/workbench.log, with the stack, and never the API key', async () => {
    // The counselor's second turn is refused by a server that (carelessly) repeats the key it was sent.
    const mock = await startMockOpenAI({
      apiKey: KEY,
      reply: scriptedCounseling({ closeAtTurn: () => 4 }),
      fault: (r) =>
        isCounselorRequest(r) && r.messages.length >= 4
          ? { status: 403, body: JSON.stringify({ error: { message: `key ${KEY} has no quota left` } }) }
          : null,
    })
    closers.push(mock.close)
    dir = mkdtempSync(join(tmpdir(), 'simpsy-log-'))
    const cards = join(dir, 'cards.json')
    writeFileSync(cards, JSON.stringify(['Worry0 I keep worrying about my exams.']))
    const saved = await runCli(
      dir,
      ['endpoints', 'save', '--name', 'mock', '--base-url', mock.baseURL, '--model', 'm', '--api-key-env', 'LAB_KEY'],
      undefined,
      { LAB_KEY: KEY },
    )
    expect(saved.status, saved.stderr).toBe(0)

    const run = await runCli(dir, simulateArgs(cards, 1, 'refused'))
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('Run failed: 0 completed, 1 failed')

    const file = join(dir, 'logs', 'workbench.log')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const text = readFileSync(file, 'utf8')
    const entries = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; msg: string; stack?: string })
    // The job's error, in the server's own words (the key replaced), with the stack for a bug report.
    const failure = entries.find((e) => /dialogue \S+ failed: .*HTTP 403.*has no quota left/.test(e.msg))
    expect(failure, text).toBeDefined()
    expect(failure!.msg).toContain('key [secret] has no quota left')
    expect(failure!.stack).toMatch(/^\s+at /m)
    // Lifecycle entries too (the terminal did not show them).
    expect(entries.some((e) => /^run \S+ started in this process$/.test(e.msg))).toBe(true)
    expect(text).not.toContain(KEY)

    // The terminal shows the failure as one plain line: no stack, no key.
    expect(run.stderr).toMatch(/dialogue \S+ failed: .*has no quota left/)
    expect(run.stderr).not.toMatch(/^\s+at /m)
    expect(run.stderr).not.toContain(KEY)
    expect(run.stderr).not.toMatch(/started in this process/)
  }, 60_000)
})
