import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SshErrorDetails } from '@shared/training'
import { configureLogger } from '../../src/main/logger'
import { client, tempWorkspace } from '../support/workspace'
import { sessionsJsonl } from '../support/sessionsFixture'
import { startSshd, type TestSshd } from '../support/sshd'

let sshd: TestSshd
let ws: ReturnType<typeof tempWorkspace>

beforeAll(async () => {
  sshd = await startSshd()
  ws = tempWorkspace()
  configureLogger({ file: join(ws.dataDir, 'logs', 'workbench.log'), fileLevel: 'debug' })
})
afterAll(async () => {
  configureLogger({})
  await ws?.cleanup()
  await sshd?.stop()
})

const sshFailure = (error: unknown) => (error as { details?: SshErrorDetails }).details?.ssh

describe('SSH profiles against a real sshd', () => {
  it('refuses an unknown host key until exactly its fingerprint is accepted, and a changed key loudly', async () => {
    const api = client(ws.open())
    const profile = await api.saveSshProfile(sshd.profile({ name: 'host-key' }))
    expect(profile.hostKey).toBeNull()

    const first = await api.checkHostKey({ id: profile.id })
    expect(first).toEqual({
      status: 'unknown',
      type: 'ssh-ed25519',
      fingerprint: sshd.hostFingerprint(),
      expected: null,
    })

    // Nothing logs in before the key is accepted.
    const refused = await api.testSshProfile({ id: profile.id }).catch((e) => e)
    expect(refused).toMatchObject({
      code: 'unauthorized',
      details: { ssh: 'host_key_unknown', hostKey: { status: 'unknown', fingerprint: first.fingerprint } },
    })
    expect(refused.message).toContain(`127.0.0.1:${sshd.port}`)

    // A fingerprint other than the presented one is not stored.
    const wrong = await api
      .acceptHostKey({ id: profile.id, fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })
      .catch((e) => e)
    expect(sshFailure(wrong)).toBe('host_key_changed')
    expect((await api.listSshProfiles()).find((p) => p.id === profile.id)!.hostKey).toBeNull()

    const accepted = await api.acceptHostKey({ id: profile.id, fingerprint: first.fingerprint })
    expect(accepted.hostKey).toMatchObject({ type: 'ssh-ed25519', fingerprint: first.fingerprint })
    expect(await api.checkHostKey({ id: profile.id })).toMatchObject({ status: 'trusted' })

    const test = await api.testSshProfile({ id: profile.id })
    expect(test.ok).toBe(true)
    expect(test.details.join('\n')).toMatch(/llamafactory-cli: .*0\.9\.9\.fake/)
    expect(test.details.join('\n')).toContain(`Remote folder ${sshd.remoteBase} is writable`)

    // The "reinstalled" server: same address, new key.
    await sshd.restart({ newHostKey: true })
    const changed = await api.checkHostKey({ id: profile.id })
    expect(changed).toMatchObject({
      status: 'changed',
      fingerprint: sshd.hostFingerprint(),
      expected: first.fingerprint,
    })
    const loud = await api.testSshProfile({ id: profile.id }).catch((e) => e)
    expect(loud).toMatchObject({
      code: 'unauthorized',
      details: { ssh: 'host_key_changed', hostKey: { status: 'changed', expected: first.fingerprint } },
    })
    expect(loud.message).toMatch(/CHANGED/)
    // Moving the profile to another server forgets the key accepted for the old one.
    const moved = await api.saveSshProfile({ ...sshd.profile({ name: 'host-key' }), id: profile.id, host: 'localhost' })
    expect(moved.hostKey).toBeNull()
  })

  it('logs in with a passphrase-protected key; the passphrase is sealed and never returned', async () => {
    const app = ws.open()
    const api = client(app)
    // Bad input changes nothing.
    await expect(
      api.saveSshProfile(sshd.profile({ name: 'pp', privateKeyPath: join(sshd.dir, 'missing_key') })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(`cannot read the private key ${join(sshd.dir, 'missing_key')} (no such file)`),
      details: { ssh: 'key_file' },
    })
    await expect(
      api.saveSshProfile(sshd.profile({ name: 'pp', privateKeyPath: sshd.passphraseKeyPath })),
    ).rejects.toMatchObject({
      message: expect.stringContaining('is encrypted; enter its passphrase'),
    })
    await expect(
      api.saveSshProfile(sshd.profile({ name: 'pp', privateKeyPath: sshd.passphraseKeyPath, passphrase: 'wrong' })),
    ).rejects.toMatchObject({
      message: expect.stringContaining('passphrase: it does not decrypt'),
    })
    expect((await api.listSshProfiles()).some((p) => p.name === 'pp')).toBe(false)

    const saved = await api.saveSshProfile(
      sshd.profile({ name: 'pp', privateKeyPath: sshd.passphraseKeyPath, passphrase: sshd.passphrase }),
    )
    expect(saved.hasPassphrase).toBe(true)
    await api.acceptHostKey({ id: saved.id, fingerprint: (await api.checkHostKey({ id: saved.id })).fingerprint })
    expect((await api.testSshProfile({ id: saved.id })).ok).toBe(true)
    // Saving without a passphrase keeps the stored one.
    const kept = await api.saveSshProfile({
      ...sshd.profile({ name: 'pp', privateKeyPath: sshd.passphraseKeyPath }),
      id: saved.id,
      gpus: 2,
    })
    expect(kept).toMatchObject({ hasPassphrase: true, gpus: 2 })
    expect((await api.testSshProfile({ id: saved.id })).details.join('\n')).toMatch(/GPUs: .*fewer than the 2/)

    const everything = JSON.stringify([await api.listSshProfiles(), kept, await api.listTrainingJobs()])
    expect(everything).not.toContain(sshd.passphrase)
    expect(everything).not.toContain('passphrase_sealed')
    for (const file of readdirSync(ws.dataDir).filter((f) => f.startsWith('workspace.sqlite'))) {
      expect(readFileSync(join(ws.dataDir, file)).includes(Buffer.from(sshd.passphrase)), file).toBe(false)
    }
    expect(readFileSync(join(ws.dataDir, 'logs', 'workbench.log'), 'utf8')).not.toContain(sshd.passphrase)
  })

  it('says what went wrong: unreachable port, refused key, no llamafactory-cli (and records no job)', async () => {
    const api = client(ws.open())
    const closedPort = sshd.port === 1 ? 2 : 1
    const unreachable = await api.saveSshProfile(sshd.profile({ name: 'nowhere', port: closedPort }))
    await expect(api.checkHostKey({ id: unreachable.id })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(new RegExp(`Cannot reach .*127\\.0\\.0\\.1:${closedPort} \\(ECONNREFUSED`)),
      details: { ssh: 'unreachable' },
    })

    const strangerKey = join(sshd.dir, 'stranger_key')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', strangerKey])
    const stranger = await api.saveSshProfile(sshd.profile({ name: 'stranger', privateKeyPath: strangerKey }))
    await api.acceptHostKey({ id: stranger.id, fingerprint: sshd.hostFingerprint() })
    await expect(api.testSshProfile({ id: stranger.id })).rejects.toMatchObject({
      code: 'unauthorized',
      details: { ssh: 'auth_failed' },
      message: expect.stringContaining('refused the login'),
    })

    const bare = await api.saveSshProfile(sshd.profile({ name: 'bare', setupCommand: 'export PATH=/usr/bin:/bin' }))
    await api.acceptHostKey({ id: bare.id, fingerprint: sshd.hostFingerprint() })
    const check = await api.testSshProfile({ id: bare.id })
    expect(check.ok).toBe(false)
    expect(check.details.join('\n')).toContain('llamafactory-cli: not found')

    const { datasetId } = await api.importDataset({
      fileName: 'sessions.jsonl',
      contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
    })
    const config = await api.trainingConfigDefaults({ model: 'qwen2-7b-instruct' })
    const launch = await api
      .launchTraining({ name: 'no cli', profileId: bare.id, export: { datasetId: datasetId! }, config })
      .catch((e) => e)
    expect(launch).toMatchObject({ code: 'invalid_input', details: { ssh: 'no_llamafactory' } })
    expect(launch.message).toContain('llamafactory-cli was not found')
    expect(launch.message).toContain('export PATH=/usr/bin:/bin')
    expect(await api.listTrainingJobs()).toEqual([])
    expect(readdirSync(sshd.remoteBase)).toEqual([])
  })

  it('logs in through an SSH agent', async () => {
    const socket = join(sshd.dir, 'agent.sock')
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      // The agent prints its environment lines once its socket listens.
      await new Promise<void>((ready, fail) => {
        let said = ''
        agent.stdout!.on('data', (chunk) => (said += chunk) && said.includes('Agent pid') && ready())
        agent.once('exit', (code) => fail(new Error(`ssh-agent exited (code ${code}): ${said}`)))
      })
      expect(existsSync(socket)).toBe(true)
      execFileSync('ssh-add', [sshd.keyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' })
      const api = client(ws.open({ training: { agentSocket: socket } }))
      const viaAgent = await api.saveSshProfile(sshd.profile({ name: 'agent', auth: 'agent', privateKeyPath: '' }))
      await api.acceptHostKey({ id: viaAgent.id, fingerprint: sshd.hostFingerprint() })
      expect((await api.testSshProfile({ id: viaAgent.id })).ok).toBe(true)
    } finally {
      agent.kill()
    }
  })
})
