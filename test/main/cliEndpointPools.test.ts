import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../support/cliProcess'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('CLI: endpoints save with replicas, per-minute limits and a cached-input price', () => {
  it('adds base URLs (URL=n or the endpoint’s concurrency), keeps them on an update, and drops them on request', async () => {
    dir = mkdtempSync(join(tmpdir(), 'simpsy-cli-'))
    const created = await runCli(dir, [
      'endpoints',
      'save',
      '--name',
      'pool',
      '--base-url',
      'http://10.0.0.1:8000/v1',
      '--model',
      'qwen',
      '--max-concurrency',
      '16',
      '--replica',
      'http://10.0.0.2:8000/v1=4',
      '--replica',
      'http://10.0.0.3:8000/v1',
      '--rpm',
      '600',
      '--cached-input-price',
      '0.1',
    ])
    expect(created.status, created.stderr).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({
      rpm: 600,
      tpm: null,
      priceCachedInput: 0.1,
      replicas: [
        { baseURL: 'http://10.0.0.2:8000/v1', maxConcurrency: 4, hasKey: false },
        { baseURL: 'http://10.0.0.3:8000/v1', maxConcurrency: 16, hasKey: false },
      ],
    })
    const tuned = await runCli(dir, ['endpoints', 'save', '--name', 'pool', '--tpm', '200000'])
    expect(tuned.status, tuned.stderr).toBe(0)
    expect(JSON.parse(tuned.stdout)).toMatchObject({ rpm: 600, tpm: 200000, replicas: [{}, {}] })
    const single = await runCli(dir, ['endpoints', 'save', '--name', 'pool', '--no-replicas'])
    expect(single.status, single.stderr).toBe(0)
    expect(JSON.parse(single.stdout)).toMatchObject({ replicas: [], rpm: 600 })

    // A replica with its own key, read from the environment (never printed); an unset variable changes nothing.
    const env = { REPLICA_KEY: 'sk-replica-own-key' }
    const keyed = await runCli(
      dir,
      ['endpoints', 'save', '--name', 'pool', '--replica', 'http://10.0.0.4:8000/v1=2#REPLICA_KEY'],
      undefined,
      env,
    )
    expect(keyed.status, keyed.stderr).toBe(0)
    expect(JSON.parse(keyed.stdout)).toMatchObject({
      replicas: [{ baseURL: 'http://10.0.0.4:8000/v1', maxConcurrency: 2, hasKey: true }],
    })
    expect(keyed.stdout).not.toContain('sk-replica-own-key')
    const unset = await runCli(dir, [
      'endpoints',
      'save',
      '--name',
      'pool',
      '--replica',
      'http://10.0.0.5:8000/v1#NO_SUCH_KEY',
    ])
    expect(unset.status).not.toBe(0)
    expect(unset.stderr).toMatch(/--replica http:\/\/10\.0\.0\.5:8000\/v1: the key variable NO_SUCH_KEY is not set/)
    const list = await runCli(dir, ['endpoints', 'list'])
    expect(JSON.parse(list.stdout)[0].replicas).toEqual([
      { baseURL: 'http://10.0.0.4:8000/v1', maxConcurrency: 2, hasKey: true },
    ])
  }, 90_000)
})
