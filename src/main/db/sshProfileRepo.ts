import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { WorkbenchError } from '@shared/errors'
import type { SshProfileInputSchema, SshProfileView } from '@shared/training'
import { nowIso, type Db } from './connection'
import type { SecretBox } from '../secrets/secretBox'
import type { PresentedHostKey } from '../training/remote/hostKey'
import type { SshTarget } from '../training/remote/sshSession'

export type SshProfileSave = z.output<typeof SshProfileInputSchema>

interface Row {
  id: string
  name: string
  host: string
  port: number
  username: string
  auth: 'key' | 'agent'
  private_key_path: string
  passphrase_sealed: string | null
  remote_dir: string
  setup_command: string
  gpus: number
  workbench_command: string
  host_key_type: string | null
  host_key_fingerprint: string | null
  host_key_accepted_at: string | null
  created_at: string
  updated_at: string
}

const toView = (row: Row): SshProfileView => ({
  id: row.id,
  name: row.name,
  host: row.host,
  port: row.port,
  username: row.username,
  auth: row.auth,
  privateKeyPath: row.private_key_path,
  hasPassphrase: row.passphrase_sealed !== null,
  remoteDir: row.remote_dir,
  setupCommand: row.setup_command,
  gpus: row.gpus,
  workbenchCommand: row.workbench_command,
  hostKey:
    row.host_key_fingerprint && row.host_key_accepted_at
      ? {
          type: row.host_key_type ?? 'unknown',
          fingerprint: row.host_key_fingerprint,
          acceptedAt: row.host_key_accepted_at,
        }
      : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

/** SSH profiles; the passphrase is sealed with the SecretBox and only opened into an SshTarget. */
export function sshProfileRepo(db: Db, secrets: SecretBox) {
  const byId = db.prepare<[string], Row>('SELECT * FROM ssh_profiles WHERE id = ?')
  const byName = db.prepare<[string], Row>('SELECT * FROM ssh_profiles WHERE name = ?')
  const row = (id: string) => {
    const found = byId.get(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'training.profileNotFound', params: { id } })
    return found
  }

  return {
    list: (): SshProfileView[] => (db.prepare('SELECT * FROM ssh_profiles ORDER BY name').all() as Row[]).map(toView),
    get: (id: string): SshProfileView => toView(row(id)),
    /** Checks the name and id; does not write. */
    existing(input: SshProfileSave): SshProfileView | null {
      const existing = input.id ? row(input.id) : undefined
      const clash = byName.get(input.name)
      if (clash && clash.id !== input.id)
        throw new WorkbenchError('conflict', { key: 'training.profileNameTaken', params: { name: input.name } })
      return existing ? toView(existing) : null
    },
    /** The sealed passphrase a save would keep, opened (for checking the key before saving). */
    passphraseAfter(input: SshProfileSave): string | null {
      if (input.passphrase !== undefined) return input.passphrase === '' ? null : input.passphrase
      const sealed = input.id ? (byId.get(input.id)?.passphrase_sealed ?? null) : null
      return sealed ? secrets.open(sealed) : null
    },
    save(input: SshProfileSave): SshProfileView {
      const existing = input.id ? row(input.id) : undefined
      const sealed =
        input.passphrase === undefined
          ? (existing?.passphrase_sealed ?? null)
          : input.passphrase === ''
            ? null
            : secrets.seal(input.passphrase)
      // An accepted host key belongs to one host and port: another server must be accepted anew.
      const sameServer = existing && existing.host === input.host && existing.port === input.port
      const now = nowIso()
      const id = existing?.id ?? randomUUID()
      db.prepare(
        `INSERT INTO ssh_profiles (id, name, host, port, username, auth, private_key_path, passphrase_sealed, remote_dir, setup_command, gpus,
           workbench_command, host_key_type, host_key_fingerprint, host_key_accepted_at, created_at, updated_at)
         VALUES (@id, @name, @host, @port, @username, @auth, @privateKeyPath, @sealed, @remoteDir, @setupCommand, @gpus,
           @workbenchCommand, @keyType, @fingerprint, @acceptedAt, @now, @now)
         ON CONFLICT(id) DO UPDATE SET name=@name, host=@host, port=@port, username=@username, auth=@auth,
           private_key_path=@privateKeyPath, passphrase_sealed=@sealed, remote_dir=@remoteDir, setup_command=@setupCommand, gpus=@gpus,
           workbench_command=@workbenchCommand,
           host_key_type=@keyType, host_key_fingerprint=@fingerprint, host_key_accepted_at=@acceptedAt, updated_at=@now`,
      ).run({
        id,
        name: input.name,
        host: input.host,
        port: input.port,
        username: input.username,
        auth: input.auth,
        privateKeyPath: input.auth === 'key' ? input.privateKeyPath : '',
        sealed,
        remoteDir: input.remoteDir,
        setupCommand: input.setupCommand,
        gpus: input.gpus,
        workbenchCommand: input.workbenchCommand,
        keyType: sameServer ? existing.host_key_type : null,
        fingerprint: sameServer ? existing.host_key_fingerprint : null,
        acceptedAt: sameServer ? existing.host_key_accepted_at : null,
        now,
      })
      return toView(row(id))
    },
    acceptHostKey(id: string, key: PresentedHostKey): SshProfileView {
      row(id)
      const now = nowIso()
      db.prepare(
        'UPDATE ssh_profiles SET host_key_type = ?, host_key_fingerprint = ?, host_key_accepted_at = ?, updated_at = ? WHERE id = ?',
      ).run(key.type, key.fingerprint, now, now, id)
      return toView(row(id))
    },
    delete: (id: string): boolean => db.prepare('DELETE FROM ssh_profiles WHERE id = ?').run(id).changes > 0,
    /** The login details with the passphrase opened: for the SSH layer only, never for a UI. */
    target(id: string, agentSocket: string | undefined): SshTarget {
      const r = row(id)
      return {
        profileId: r.id,
        host: r.host,
        port: r.port,
        username: r.username,
        auth: r.auth,
        privateKeyPath: r.private_key_path,
        passphrase: r.passphrase_sealed ? secrets.open(r.passphrase_sealed) : null,
        acceptedFingerprint: r.host_key_fingerprint,
        agentSocket,
      }
    },
  }
}
export type SshProfileRepo = ReturnType<typeof sshProfileRepo>
