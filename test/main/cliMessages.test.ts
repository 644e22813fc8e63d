import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../support/cliProcess'
import { sessionsJsonl } from '../support/sessionsFixture'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const STACK_FRAME = /^\s+at /m

describe('CLI', () => {
  it('endpoints save on an existing endpoint keeps what it was not given', async () => {
    dir = mkdtempSync(join(tmpdir(), 'simpsy-cli-'))
    const created = await runCli(dir, [
      'call',
      'saveEndpoint',
      JSON.stringify({
        name: 'judge',
        baseURL: 'http://127.0.0.1:9/v1',
        model: 'm',
        maxConcurrency: 32,
        timeoutMs: 120000,
        priceInput: 1.5,
        priceOutput: 2,
      }),
    ])
    expect(created.status, created.stderr).toBe(0)
    const saved = await runCli(dir, ['endpoints', 'save', '--name', 'judge', '--model', 'm2', '--temperature', '0.2'])
    expect(saved.status, saved.stderr).toBe(0)
    expect(JSON.parse(saved.stdout)).toMatchObject({
      name: 'judge',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'm2',
      temperature: 0.2,
      maxConcurrency: 32,
      timeoutMs: 120000,
      priceInput: 1.5,
      priceOutput: 2,
    })
    const tuned = await runCli(dir, ['endpoints', 'save', '--name', 'judge', '--max-concurrency', '128', '--no-stream'])
    expect(tuned.status, tuned.stderr).toBe(0)
    expect(JSON.parse(tuned.stdout)).toMatchObject({ maxConcurrency: 128, stream: false, timeoutMs: 120000 })
    const bad = await runCli(dir, ['endpoints', 'save', '--name', 'judge', '--max-concurrency', 'many'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/maxConcurrency/)
    const fresh = await runCli(dir, ['endpoints', 'save', '--name', 'other', '--model', 'm'])
    expect(fresh.status).toBe(1)
    expect(fresh.stderr.trim()).toBe(
      'Error: --base-url and --model: required for a new endpoint (no endpoint is called "other")',
    )
  }, 60_000)

  it('prints expected failures as messages, without stack traces', async () => {
    dir = mkdtempSync(join(tmpdir(), 'simpsy-cli-'))
    // One dialogue: the random-mapping control of an overlap analysis needs two, so it is refused at the start, saying
    // how to go on (not after reading every dialogue).
    const one = join(dir, 'one.jsonl')
    writeFileSync(one, sessionsJsonl().split('\n').slice(0, 2).join('\n'))
    const datasetId = (await runCli(dir, ['datasets', 'import', one])).stdout.match(/-> dataset (\S+)/)![1]
    const failed = await runCli(dir, ['evaluate', 'overlap', '-d', datasetId])
    expect(failed.status).toBe(1)
    expect(failed.stderr).toMatch(
      /^Error: "[^"]+" has 1 of 1 dialogues with a role card; vocabulary overlap .* needs at least 2\. Import the corpus with its role cards/,
    )
    expect(failed.stderr).not.toMatch(STACK_FRAME)

    const badJson = await runCli(dir, ['call', 'getRoleCard', '{id:1}'])
    expect(badJson.status).toBe(1)
    expect(badJson.stderr).toMatch(/^Error: json: the input is not valid JSON \(.*\); quote it for the shell/)
    expect(badJson.stderr).not.toMatch(STACK_FRAME)
  }, 60_000)
})
