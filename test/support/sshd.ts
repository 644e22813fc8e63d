import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { SshProfileInput } from '@shared/training'

export const SSHD = '/usr/sbin/sshd'
export const REMOTE_BIN = resolve(import.meta.dirname, '..', 'fixtures', 'remote-bin')
const PASSPHRASE = 'correct horse battery staple'

/**
 * A real OpenSSH server on a free loopback port, as the current user, with its own
 * temporary host key, authorized keys (one plain, one with a passphrase) and config.
 * Remote commands find the stand-in llamafactory-cli through the profile's setup command,
 * as real users activate their environment.
 */
export interface TestSshd {
  host: string
  port: number
  username: string
  dir: string
  /** Folder under which the tests' jobs are created (the profiles' remoteDir). */
  remoteBase: string
  keyPath: string
  passphraseKeyPath: string
  passphrase: string
  /** What `ssh-keygen -lf` prints for the current host key (SHA256:…). */
  hostFingerprint(): string
  setupCommand: string
  /** A profile input for this server. */
  profile(overrides?: Partial<SshProfileInput>): SshProfileInput
  /** Restarts on the same port, optionally with a new host key (a "reinstalled" server). */
  restart(options?: { newHostKey?: boolean }): Promise<void>
  /** Kills the process groups of jobs the tests started and left, and stops sshd. */
  stop(): Promise<void>
  log(): string
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => done(port))
    })
  })
}

const keygen = (file: string, passphrase = '') =>
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'simpsy-test', '-f', file])

export async function startSshd(): Promise<TestSshd> {
  if (!existsSync(SSHD))
    throw new Error(
      `The remote-training tests need OpenSSH's server at ${SSHD}: apt-get install openssh-server (.ci/run does).`,
    )
  // The stand-ins must be executable even where a checkout lost the mode bits.
  for (const tool of ['llamafactory-cli', 'nvidia-smi']) chmodSync(join(REMOTE_BIN, tool), 0o755)
  const dir = mkdtempSync(join(tmpdir(), 'simpsy-sshd-'))
  const remoteBase = join(dir, 'remote')
  mkdirSync(remoteBase)
  const hostKey = join(dir, 'host_ed25519')
  keygen(hostKey)
  const keyPath = join(dir, 'user_key')
  const passphraseKeyPath = join(dir, 'user_key_passphrase')
  keygen(keyPath)
  keygen(passphraseKeyPath, PASSPHRASE)
  writeFileSync(
    join(dir, 'authorized_keys'),
    readFileSync(keyPath + '.pub', 'utf8') + readFileSync(passphraseKeyPath + '.pub', 'utf8'),
    { mode: 0o600 },
  )
  // As root, sshd insists on its privilege separation folder (Debian creates it at boot, containers may not).
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })

  // Sessions get a HOME of their own: bash started by sshd reads ~/.bashrc, and the host account's (pyenv init, conda…)
  // cost ~1 s per command on a busy machine and are no part of what the tests check.
  const home = join(dir, 'home')
  mkdirSync(home)
  const port = await freePort()
  const username = userInfo().username
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `AllowUsers ${username}`,
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin yes',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitUserEnvironment no',
      'X11Forwarding no',
      'AllowTcpForwarding no',
      'MaxSessions 30',
      'MaxStartups 30:30:60',
      'Subsystem sftp internal-sftp',
      `SetEnv HOME=${home}`,
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  )

  let child: ChildProcess | null = null
  let log = ''
  const launch = () =>
    new Promise<void>((ready, fail) => {
      const proc = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] })
      child = proc
      const timer = setTimeout(() => fail(new Error(`sshd did not start on port ${port}:\n${log}`)), 10000)
      proc.stderr!.on('data', (chunk) => {
        log += chunk
        if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) {
          clearTimeout(timer)
          ready()
        }
      })
      proc.once('exit', (code) => {
        clearTimeout(timer)
        fail(new Error(`sshd exited (code ${code}):\n${log}`))
      })
    })
  const halt = async () => {
    const proc = child
    if (!proc || proc.exitCode !== null) return
    const exited = new Promise((done) => proc.once('exit', done))
    proc.kill('SIGTERM')
    await exited
    child = null
  }
  await launch()

  const setupCommand = `export PATH='${REMOTE_BIN}':'${dirname(process.execPath)}':"$PATH" FAKE_TRAINER_STEP_MS=80`
  return {
    host: '127.0.0.1',
    port,
    username,
    dir,
    remoteBase,
    keyPath,
    passphraseKeyPath,
    passphrase: PASSPHRASE,
    hostFingerprint: () => execFileSync('ssh-keygen', ['-lf', hostKey + '.pub'], { encoding: 'utf8' }).split(' ')[1],
    setupCommand,
    profile: (overrides = {}) => ({
      name: 'loopback',
      host: '127.0.0.1',
      port,
      username,
      auth: 'key',
      privateKeyPath: keyPath,
      remoteDir: remoteBase,
      setupCommand,
      gpus: 1,
      ...overrides,
    }),
    async restart(options = {}) {
      await halt()
      if (options.newHostKey) {
        rmSync(hostKey, { force: true })
        rmSync(hostKey + '.pub', { force: true })
        keygen(hostKey)
      }
      await launch()
    },
    async stop() {
      killLeftovers(remoteBase)
      await halt()
      rmSync(dir, { recursive: true, force: true })
    },
    log: () => log,
  }
}

/** The process groups recorded in job folders (pid, serve.pid) that still run. */
export function liveGroups(remoteBase: string): number[] {
  if (!existsSync(remoteBase)) return []
  const groups: number[] = []
  for (const job of readdirSync(remoteBase)) {
    for (const file of ['pid', 'serve.pid']) {
      const pidFile = join(remoteBase, job, file)
      if (!existsSync(pidFile)) continue
      const pgid = Number(readFileSync(pidFile, 'utf8').trim())
      if (pgid > 1 && groupAlive(pgid)) groups.push(pgid)
    }
  }
  return groups
}

/**
 * Processes of a process group that are not zombies (ps; kill -0 would count zombies, which linger where init does not
 * reap).
 */
export function groupProcesses(pgid: number): number {
  return execFileSync('ps', ['-eo', 'pgid=,stat='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([group, stat]) => Number(group) === pgid && stat && !stat.startsWith('Z')).length
}

export const groupAlive = (pgid: number) => groupProcesses(pgid) > 0

function killLeftovers(remoteBase: string) {
  for (const pgid of liveGroups(remoteBase)) {
    try {
      process.kill(-pgid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}
