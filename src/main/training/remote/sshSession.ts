import { Client, type ConnectConfig, type PublicKeyAuthMethod, type SFTPWrapper } from 'ssh2'
import { compareHostKey, describeHostKey, type PresentedHostKey } from './hostKey'
import { readPrivateKey } from './privateKey'
import { bashScript } from './shellQuote'
import { connectError, sshError } from './sshErrors'

/** Everything needed to log in to one profile's server (the passphrase in clear: main process only). */
export interface SshTarget {
  profileId: string
  host: string
  port: number
  username: string
  auth: 'key' | 'agent'
  privateKeyPath: string
  passphrase: string | null
  /** The fingerprint the user accepted; null = none yet (every login is refused until one is). */
  acceptedFingerprint: string | null
  /** The agent's socket (SSH_AUTH_SOCK) for auth 'agent'. */
  agentSocket: string | undefined
  readyTimeoutMs?: number
}

export interface ExecResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface SshSession {
  readonly hostKey: PresentedHostKey
  readonly closed: boolean
  /** Runs a bash script (whatever the account's login shell) and collects its output. */
  exec(script: string): Promise<ExecResult>
  /** Like exec, but a non-zero exit is an error naming `what` failed, with the script's stderr. */
  run(what: string, script: string): Promise<string>
  /** Writes files over SFTP (absolute paths; folders must exist). */
  writeFiles(files: { path: string; content: string | Buffer; mode?: number }[]): Promise<void>
  /** Copies a remote file to a local path over SFTP, reporting bytes as they come. */
  download(remotePath: string, localPath: string, onBytes?: (done: number, total: number) => void): Promise<void>
  /** Copies a local file to the server over SFTP. */
  upload(localPath: string, remotePath: string): Promise<void>
  close(): void
}

export const describeTarget = (t: Pick<SshTarget, 'username' | 'host' | 'port'>) => `${t.username}@${t.host}:${t.port}`

/** Connects only as far as the key exchange and reports the host key the server presents. */
export function probeHostKey(target: SshTarget): Promise<PresentedHostKey> {
  return new Promise((resolve, reject) => {
    const client = new Client()
    let presented: PresentedHostKey | null = null
    client.on('error', (error) => {
      client.end()
      if (presented) resolve(presented)
      else reject(connectError(error, describeTarget(target), target.profileId))
    })
    client.on('ready', () => {
      client.end()
      if (presented) resolve(presented)
    })
    client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      readyTimeout: target.readyTimeoutMs ?? 20000,
      // Refusing here ends the connection before any authentication is attempted.
      hostVerifier: (key: Buffer) => {
        presented = describeHostKey(key)
        return false
      },
    })
  })
}

function authConfig(target: SshTarget): Partial<ConnectConfig> {
  if (target.auth === 'agent') {
    const agent = target.agentSocket ?? (process.platform === 'win32' ? '\\\\.\\pipe\\openssh-ssh-agent' : undefined)
    if (!agent) {
      throw sshError(
        'agent',
        `No SSH agent for ${describeTarget(target)}: SSH_AUTH_SOCK is not set for the workbench. Start ssh-agent and ssh-add your key, or choose a private key file.`,
        { profileId: target.profileId },
      )
    }
    return { agent }
  }
  // Parsed (and decrypted) once here; ssh2 takes a parsed key in an auth method as is.
  const method: PublicKeyAuthMethod = {
    type: 'publickey',
    username: target.username,
    key: readPrivateKey(target.privateKeyPath, target.passphrase, target.profileId),
  }
  return { authHandler: [method] }
}

/** Logs in, refusing any host key other than the accepted one. */
export async function openSsh(target: SshTarget): Promise<SshSession> {
  const where = describeTarget(target)
  const auth = authConfig(target)
  return new Promise((resolve, reject) => {
    const client = new Client()
    let presented: PresentedHostKey | null = null
    let refusal: Error | null = null
    let ready = false
    let closed = false
    client.on('close', () => {
      closed = true
      if (!ready)
        reject(
          refusal ??
            sshError('unreachable', `${where} closed the connection during the handshake.`, {
              profileId: target.profileId,
            }),
        )
    })
    client.on('error', (error) => {
      if (ready) return // a dropped connection: its pending calls fail on 'close'
      client.end()
      reject(refusal ?? connectError(error, where, target.profileId))
    })
    client.on('ready', () => {
      ready = true
      resolve(session(client, presented!, where, target.profileId, () => closed))
    })
    client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      readyTimeout: target.readyTimeoutMs ?? 20000,
      keepaliveInterval: 15000,
      keepaliveCountMax: 4,
      ...auth,
      hostVerifier: (key: Buffer) => {
        presented = describeHostKey(key)
        const check = compareHostKey(presented, target.acceptedFingerprint)
        if (check.status === 'unknown') {
          refusal = sshError(
            'host_key_unknown',
            `${where} presents the host key ${check.type} ${check.fingerprint}, which has not been accepted for this profile. Compare it with the server's (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and accept it first.`,
            { profileId: target.profileId, hostKey: check },
          )
        } else if (check.status === 'changed') {
          refusal = sshError(
            'host_key_changed',
            `WARNING: the host key of ${where} has CHANGED (now ${check.type} ${check.fingerprint}, accepted ${check.expected}). Someone may be intercepting the connection, or the server was reinstalled. Nothing was sent; check with the server's administrator before accepting the new key.`,
            { profileId: target.profileId, hostKey: check },
          )
        }
        return check.status === 'trusted'
      },
    })
  })
}

function session(
  client: Client,
  hostKey: PresentedHostKey,
  where: string,
  profileId: string,
  isClosed: () => boolean,
): SshSession {
  const dropped = () => sshError('unreachable', `The connection to ${where} was closed.`, { profileId })
  const exec = (script: string) =>
    new Promise<ExecResult>((resolve, reject) => {
      if (isClosed()) return reject(dropped())
      const onClose = () => reject(dropped())
      client.once('close', onClose)
      client.exec(bashScript(script), (error, stream) => {
        if (error) {
          client.off('close', onClose)
          return reject(sshError('remote_command', `Cannot run a command on ${where}: ${error.message}`, { profileId }))
        }
        const out: Buffer[] = []
        const err: Buffer[] = []
        stream.on('data', (chunk: Buffer) => out.push(chunk))
        stream.stderr.on('data', (chunk: Buffer) => err.push(chunk))
        stream.on('close', (code: number | undefined) => {
          client.off('close', onClose)
          resolve({
            code: code ?? null,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          })
        })
      })
    })

  const sftp = () =>
    new Promise<SFTPWrapper>((resolve, reject) =>
      client.sftp((error, wrapper) =>
        error
          ? reject(sshError('remote_command', `SFTP is not available on ${where}: ${error.message}`, { profileId }))
          : resolve(wrapper),
      ),
    )

  return {
    hostKey,
    get closed() {
      return isClosed()
    },
    exec,
    async run(what, script) {
      const result = await exec(script)
      if (result.code === 0) return result.stdout
      const said = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-5).join(' / ')
      throw sshError(
        'remote_command',
        `${what} failed on ${where} (exit code ${result.code ?? 'none'})${said ? `: ${said}` : ''}`,
        { profileId },
      )
    },
    async writeFiles(files) {
      const wrapper = await sftp()
      try {
        for (const file of files) {
          await new Promise<void>((resolve, reject) =>
            wrapper.writeFile(file.path, file.content, { mode: file.mode ?? 0o644 }, (error) =>
              error
                ? reject(
                    sshError('remote_command', `Cannot write ${file.path} on ${where} over SFTP: ${error.message}`, {
                      profileId,
                    }),
                  )
                : resolve(),
            ),
          )
        }
      } finally {
        wrapper.end()
      }
    },
    async download(remotePath, localPath, onBytes) {
      const wrapper = await sftp()
      try {
        await new Promise<void>((resolve, reject) =>
          wrapper.fastGet(remotePath, localPath, { step: (done, _chunk, total) => onBytes?.(done, total) }, (error) =>
            error
              ? reject(
                  sshError('remote_command', `Cannot copy ${remotePath} from ${where} over SFTP: ${error.message}`, {
                    profileId,
                  }),
                )
              : resolve(),
          ),
        )
      } finally {
        wrapper.end()
      }
    },
    async upload(localPath, remotePath) {
      const wrapper = await sftp()
      try {
        await new Promise<void>((resolve, reject) =>
          wrapper.fastPut(localPath, remotePath, (error) =>
            error
              ? reject(
                  sshError('remote_command', `Cannot copy ${localPath} to ${where} over SFTP: ${error.message}`, {
                    profileId,
                  }),
                )
              : resolve(),
          ),
        )
      } finally {
        wrapper.end()
      }
    },
    close: () => client.end(),
  }
}
