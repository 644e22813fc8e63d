import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Envelope } from '@shared/errors'
import { startHttpServer, type HttpServerHandle } from '../../src/main/http/httpServer'
import { tempWorkspace, client } from '../support/workspace'
import { sessionsJsonl } from '../support/sessionsFixture'

/**
 * Serve mode: a browser names files on the serving machine (an SSH key, an embedding model folder).
 * It may name them only in the data folder and the folders allowed with --allow-path, and learns
 * nothing about files elsewhere. The desktop app and the CLI (the machine's own user) are not limited.
 */
let ws: ReturnType<typeof tempWorkspace>
let server: HttpServerHandle | null = null
const scratch: string[] = []
afterEach(async () => {
  await server?.close()
  server = null
  await ws?.cleanup()
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const TINY_MODEL = join(import.meta.dirname, '..', 'fixtures', 'models', 'tiny-bert')

async function setup(allowedPathRoots: string[] = []) {
  ws = tempWorkspace({ mode: 'serve', allowedPathRoots })
  const app = ws.open()
  const staticDir = mkdtempSync(join(tmpdir(), 'simpsy-static-'))
  scratch.push(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<title>SimPsy</title>')
  server = await startHttpServer({ dispatch: app.dispatch, events: app.events, staticDir, token: 'tok' })
  const remote = async (method: string, body: unknown) => {
    const response = await fetch(`${server!.origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return (await response.json()) as Envelope
  }
  return { app, api: client(app), remote }
}

const profile = (privateKeyPath: string) => ({
  name: 'gpu',
  host: '127.0.0.1',
  username: 'me',
  auth: 'key' as const,
  privateKeyPath,
})
const errorOf = (envelope: Envelope) => (envelope.ok ? null : envelope.error)

describe('paths sent over HTTP', () => {
  it('limits the SSH key file to the data folder and allowed folders, and says nothing about files elsewhere', async () => {
    const keys = mkdtempSync(join(tmpdir(), 'simpsy-keys-'))
    scratch.push(keys)
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', join(keys, 'id_ed25519')])
    const { api, remote } = await setup([keys])

    // A file that exists, a folder, and a file that does not: the same refusal, before anything is read.
    const shadow = errorOf(await remote('saveSshProfile', profile('/etc/shadow')))
    const folder = errorOf(await remote('saveSshProfile', profile('/etc')))
    const missing = errorOf(await remote('saveSshProfile', profile('/etc/no-such-key')))
    const upward = errorOf(await remote('saveSshProfile', profile(`${keys}/../../etc/passwd`)))
    for (const [error, path] of [
      [shadow, '/etc/shadow'],
      [folder, '/etc'],
      [missing, '/etc/no-such-key'],
      [upward, `${keys}/../../etc/passwd`],
    ] as const) {
      expect(error?.code).toBe('invalid_input')
      expect(error?.message).toBe(
        `privateKeyPath: ${path} is outside the folders files may be read from in serve mode (${ws.dataDir}, ${keys}). Copy the file into one of them, or start serve with --allow-path <folder>.`,
      )
      expect(error?.message).not.toMatch(/no such file|folder\)|not a private key|permission/)
    }
    // A link in the data folder pointing out of it is refused the same way.
    symlinkSync('/etc/passwd', join(ws.dataDir, 'key-link'))
    expect(errorOf(await remote('saveSshProfile', profile(join(ws.dataDir, 'key-link'))))?.message).toMatch(
      /is outside the folders/,
    )
    expect(await api.listSshProfiles()).toEqual([])

    // A key in an allowed folder is saved (and checked as a key).
    const saved = await remote('saveSshProfile', profile(join(keys, 'id_ed25519')))
    expect(saved).toMatchObject({ ok: true, value: { privateKeyPath: join(keys, 'id_ed25519') } })
    expect(
      errorOf(await remote('saveSshProfile', { ...profile(join(keys, 'id_ed25519.pub')), name: 'other' }))?.message,
    ).toMatch(/holds a public key/)

    // The machine's own user (desktop app, CLI) is not limited: the key check reports on any file.
    await expect(api.saveSshProfile({ ...profile('/etc/no-such-key'), name: 'local' })).rejects.toThrow(
      /cannot read the private key \/etc\/no-such-key \(no such file\)/,
    )
  })

  it('checks embedding model ids and folders before a job is created', async () => {
    const { api, remote } = await setup()
    const { datasetId } = await api.importDataset({
      fileName: 'sessions.jsonl',
      contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
      format: 'jsonl',
    })
    const start = (model: string, via: 'remote' | 'local') =>
      via === 'remote'
        ? remote('startEvaluation', { kind: 'embedding', datasetIds: [datasetId], config: { model } })
        : api.startEvaluation({ kind: 'embedding', datasetIds: [datasetId!], config: { model } }).then(
            (value) => ({ ok: true, value }) as Envelope,
            (error) => ({ ok: false, error: { code: error.code, message: error.message } }) as Envelope,
          )

    for (const model of ['../..', 'models/../../etc', './x', 'a/b/c']) {
      for (const via of ['remote', 'local'] as const) {
        expect(errorOf(await start(model, via))).toMatchObject({
          code: 'invalid_input',
          message: 'config.model: must be a model hub id such as BAAI/bge-m3 or the absolute path of a model folder',
        })
      }
    }
    // A folder outside the allowed ones, from a browser: refused without saying whether it exists.
    expect(errorOf(await start(TINY_MODEL, 'remote'))?.message).toMatch(
      /^config\.model: .* is outside the folders files may be read from in serve mode/,
    )
    expect(errorOf(await start('/no/such/model', 'remote'))?.message).toMatch(
      /^config\.model: .* is outside the folders files may be read from in serve mode/,
    )
    // Locally, a missing or incomplete folder is an error now, not a failed job later.
    expect(errorOf(await start('/no/such/model', 'local'))).toMatchObject({
      code: 'not_found',
      message: 'The embedding model folder /no/such/model does not exist.',
    })
    const partial = join(ws.dataDir, 'models', 'partial')
    mkdirSync(partial, { recursive: true })
    writeFileSync(join(partial, 'config.json'), '{}')
    expect(errorOf(await start(partial, 'remote'))?.message).toMatch(/incomplete: .*tokenizer\.json is missing/)
    expect(await api.listEvaluations()).toEqual([])
  })

  it('takes a model folder a browser names when the server allowed its folder', async () => {
    const { app, api, remote } = await setup([join(TINY_MODEL, '..')])
    const { datasetId } = await api.importDataset({
      fileName: 'sessions.jsonl',
      contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
      format: 'jsonl',
    })
    const started = await remote('startEvaluation', {
      kind: 'embedding',
      datasetIds: [datasetId],
      config: { model: TINY_MODEL, maxTokens: 64 },
    })
    expect(started).toMatchObject({ ok: true, value: { kind: 'embedding' } })
    const id = (started as { value: { id: string } }).value.id
    await app.evaluations.waitFor(id)
    expect((await api.getEvaluation({ id })).status).toBe('completed')
  })
})
