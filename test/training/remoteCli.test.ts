import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/cliProcess'
import { importSessions } from '../support/remoteTraining'
import { startSshd, type TestSshd } from '../support/sshd'
import { client, tempWorkspace } from '../support/workspace'

let sshd: TestSshd
let ws: ReturnType<typeof tempWorkspace>
let datasetId: string
const PASSPHRASE_ENV = 'SIMPSY_TEST_SSH_PASSPHRASE'

beforeAll(async () => {
  sshd = await startSshd()
  ws = tempWorkspace()
  const app = ws.open()
  datasetId = await importSessions(client(app))
  await app.close()
  // The CLI reads the passphrase from the environment it inherits, never from its arguments.
  process.env[PASSPHRASE_ENV] = sshd.passphrase
})
afterAll(async () => {
  delete process.env[PASSPHRASE_ENV]
  await ws?.cleanup()
  await sshd?.stop()
})

// Each command is a process of its own (about 2 s to start with tsx).
describe('train commands of the CLI', () => {
  it('saves a profile, accepts the host key, launches, follows and reports a job; a failed job exits non-zero', async () => {
    const outputs: string[] = []
    const cli = async (args: string[]) => {
      const result = await runCli(ws.dataDir, args)
      outputs.push(result.stdout, result.stderr)
      return result
    }

    const saved = await cli([
      'train',
      'profile-save',
      '--name',
      'gpu',
      '--host',
      '127.0.0.1',
      '--port',
      String(sshd.port),
      '--user',
      sshd.username,
      '--key',
      sshd.passphraseKeyPath,
      '--passphrase-env',
      PASSPHRASE_ENV,
      '--remote-dir',
      sshd.remoteBase,
      '--setup',
      sshd.setupCommand,
    ])
    expect(saved.stdout).toContain('Saved SSH profile "gpu"')

    const unknown = await cli(['train', 'host-key', 'gpu'])
    expect(unknown.stdout).toContain(`ssh-ed25519 ${sshd.hostFingerprint()}: unknown`)
    const accepted = await cli(['train', 'host-key', 'gpu', '--accept', sshd.hostFingerprint()])
    expect(accepted.stdout).toContain(`Accepted ssh-ed25519 ${sshd.hostFingerprint()}`)

    const launched = await cli([
      'train',
      'launch',
      datasetId,
      '--profile',
      'gpu',
      '--name',
      'cli run',
      '--base-model',
      'fake/tiny',
      '--epochs',
      '1',
    ])
    expect(launched.status, launched.stderr).toBe(0)
    const id = /Job (\S+) running/.exec(launched.stdout)![1]
    expect(launched.stdout).toContain(`Uploaded 4 samples`)

    // A second job, launched and followed by another process while the first is followed (commands that do not depend
    // on each other run side by side).
    const [followed, failing] = await Promise.all([
      cli(['train', 'follow', id, '--interval', '0.2']),
      cli([
        'train',
        'launch',
        datasetId,
        '--profile',
        'gpu',
        '--base-model',
        'fake/fail-model',
        '--follow',
        '--interval',
        '0.2',
      ]),
    ])
    expect(followed.status, followed.stderr).toBe(0)
    expect(followed.stdout).toMatch(
      new RegExp(`Job ${id} completed: step 6/6, epoch 1\\.00, loss 0\\.5000, eval loss 0\\.6471`),
    )
    expect(failing.status).toBe(1)
    expect(failing.stdout).toMatch(/failed: step 2\/6.*Reason: torch\.OutOfMemoryError: CUDA out of memory/)

    const [status, list] = await Promise.all([cli(['train', 'status', id]), cli(['train', 'status'])])
    expect(status.stdout).toContain(`cli run (${id}) on "gpu": completed (exit code 0)`)
    expect(status.stdout).toContain('***** train metrics *****')
    expect(list.stdout).toMatch(new RegExp(`${id}\\tcompleted\\tstep 6/6`))
    expect(list.stdout).toMatch(/\tfailed\tstep 2\/6/)

    for (const text of outputs) expect(text).not.toContain(sshd.passphrase)
  }, 120000)
})
