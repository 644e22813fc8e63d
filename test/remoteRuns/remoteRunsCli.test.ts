import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, tempWorkspace } from '../support/workspace'
import { startSshd, type TestSshd } from '../support/sshd'
import { trustedProfile } from '../support/remoteTraining'
import { startMockOpenAI } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { runCli } from '../support/cliProcess'

/** `simulate --on <server>` and `remote …` from the command line, against the loopback sshd and this checkout's CLI. */
const ROOT = resolve(import.meta.dirname, '..', '..')
const WORKBENCH = `'${process.execPath}' '${join(ROOT, 'bin', 'simpsy.mjs')}'`

let sshd: TestSshd
let mock: Awaited<ReturnType<typeof startMockOpenAI>>
let ws: ReturnType<typeof tempWorkspace>

beforeAll(async () => {
  sshd = await startSshd()
  mock = await startMockOpenAI({ reply: scriptedCounseling({ closeAtTurn: () => 2 }) })
  ws = tempWorkspace()
  const api = client(ws.open())
  await api.saveEndpoint({ name: 'vllm', baseURL: mock.baseURL, model: 'm' })
  for (const name of ['CLI A', 'CLI B', 'CLI C'])
    await api.createRoleCard({ language: 'en', name, complaint: { body: `${name} worries` }, tags: ['cli'] })
  await trustedProfile(api, sshd, { name: 'gpu', workbenchCommand: WORKBENCH })
})
afterAll(async () => {
  await ws?.cleanup()
  await mock?.close()
  await sshd?.stop()
}, 60000)

describe('remote runs from the command line', () => {
  it('simulate --on runs it on the server, follows it and pulls it back; remote list shows it pulled', async () => {
    const out = await runCli(ws.dataDir, [
      'simulate',
      '--client',
      'vllm',
      '--counselor',
      'vllm',
      '--tag',
      'cli',
      '-T',
      '4',
      '--name',
      'from the shell',
      '--on',
      'gpu',
    ])
    expect(out.status, out.stderr).toBe(0)
    expect(out.stdout).toMatch(/Remote run \S+ on \S+@127\.0\.0\.1:\d+, in /)
    expect(out.stdout).toContain('Ended there: completed')
    const pulled = /Pulled: run (\S+), dataset (\S+)/.exec(out.stdout)
    expect(pulled).not.toBeNull()

    const api = client(ws.open())
    expect(await api.getRun({ id: pulled![1] })).toMatchObject({
      name: 'from the shell',
      status: 'completed',
      counts: { total: 3, completed: 3 },
    })
    expect((await api.listDatasets()).find((d) => d.id === pulled![2])?.ranOn?.profileName).toBe('gpu')

    const list = await runCli(ws.dataDir, ['remote', 'list'])
    expect(list.stdout).toMatch(/\tsimulation\tcompleted\t3\/3\t.*\tfrom the shell\tpulled -> /)
    const datasets = await runCli(ws.dataDir, ['datasets', 'list'])
    expect(datasets.stdout).toContain(`${pulled![2]}\trun\t3\tfrom the shell\tran on ${sshd.username}@127.0.0.1:`)

    // An analysis there prints its table here, like one run here.
    const stats = await runCli(ws.dataDir, ['evaluate', 'stats', '-d', pulled![2], '--on', 'gpu'])
    expect(stats.status, stats.stderr).toBe(0)
    expect(stats.stdout).toMatch(/Pulled: evaluation \S+/)
    expect(stats.stdout).toContain('from the shell')
    expect(stats.stdout).toContain('Per-dialogue results: npm run cli -- evaluate scores')
  }, 180000)

  it('train profile-save sets the workbench command; saving again keeps what it does not name', async () => {
    const base = ['train', 'profile-save', '--name', 'lab', '--host', '127.0.0.1', '--user', sshd.username]
    const first = await runCli(ws.dataDir, [
      ...base,
      '--key',
      sshd.keyPath,
      '--remote-dir',
      '/srv/simpsy',
      '--setup',
      'source ~/venv/bin/activate',
      '--workbench',
      'npm --prefix ~/simpsy-workbench run cli --',
    ])
    expect(first.status, first.stderr).toBe(0)
    const again = await runCli(ws.dataDir, [...base, '--port', '2222'])
    expect(again.status, again.stderr).toBe(0)
    const lab = (await client(ws.open()).listSshProfiles()).find((p) => p.name === 'lab')
    expect(lab).toMatchObject({
      port: 2222,
      privateKeyPath: sshd.keyPath,
      remoteDir: '/srv/simpsy',
      setupCommand: 'source ~/venv/bin/activate',
      workbenchCommand: 'npm --prefix ~/simpsy-workbench run cli --',
    })
  }, 60000)

  it('refuses --on with a server that does not exist, and --server-url that is not endpoint=url', async () => {
    const base = ['simulate', '--client', 'vllm', '--counselor', 'vllm', '--tag', 'cli']
    const none = await runCli(ws.dataDir, [...base, '--on', 'nowhere'])
    expect(none.status).toBe(1)
    expect(none.stderr).toContain('--on: no SSH server called "nowhere"')
    const bad = await runCli(ws.dataDir, [...base, '--on', 'gpu', '--server-url', 'http://x'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('--server-url: "http://x" is not <endpoint>=<url>.')
  }, 60000)
})
