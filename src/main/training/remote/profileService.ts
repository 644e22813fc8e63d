import type { CallContext } from '@shared/api'
import type { HostKeyCheck, SshProfileView } from '@shared/training'
import { WorkbenchError } from '@shared/errors'
import { compareHostKey } from './hostKey'
import { ACTIVE_STATUSES, type TrainingJobRepo } from '../../db/trainingJobRepo'
import { ACTIVE_REMOTE, type RemoteRunRepo } from '../../db/remoteRunRepo'
import type { PathPolicy } from '../../pathPolicy'
import { readPrivateKey } from './privateKey'
import type { SshProfileRepo, SshProfileSave } from '../../db/sshProfileRepo'
import { testScript, readTestOutput } from './serverCheck'
import type { SshPool } from './sshPool'
import { sshError } from './sshErrors'
import { describeTarget, openSsh, probeHostKey, type SshTarget } from './sshSession'

export interface RemoteContext {
  profiles: SshProfileRepo
  jobs: TrainingJobRepo
  remoteRuns: RemoteRunRepo
  pool: SshPool
  target(profileId: string): SshTarget
}

/**
 * SSH profiles: saving (key checked first), the host-key check and accept step, the server test. `paths` says
 * which key files a remote caller (a browser in serve mode) may name.
 */
export function profileService(ctx: RemoteContext, paths: PathPolicy) {
  const { profiles, jobs, pool } = ctx
  return {
    list: () => profiles.list(),
    save(given: SshProfileSave, call: CallContext = { remote: false }): SshProfileView {
      profiles.existing(given)
      // A key file named by a remote caller must be in a folder the server allows; a path already saved (by the CLI or
      // the desktop app) is kept as it is.
      const stored = given.id ? profiles.list().find((p) => p.id === given.id)?.privateKeyPath : undefined
      const input =
        given.auth === 'key' && given.privateKeyPath && given.privateKeyPath !== stored
          ? { ...given, privateKeyPath: paths.check(given.privateKeyPath, 'privateKeyPath', call) }
          : given
      // A wrong key path or passphrase is reported now, not as a refused login later; nothing is written before.
      if (input.auth === 'key') readPrivateKey(input.privateKeyPath, profiles.passphraseAfter(input), input.id ?? '')
      const saved = profiles.save(input)
      pool.drop(saved.id)
      return saved
    },
    delete(id: string): { deleted: boolean } {
      const active = [...jobs.onProfile(id, ACTIVE_STATUSES), ...ctx.remoteRuns.onProfile(id, ACTIVE_REMOTE)]
      if (active.length)
        throw new WorkbenchError('conflict', {
          key: 'training.profileInUse',
          params: { name: active[0].name, id: active[0].id },
        })
      pool.drop(id)
      return { deleted: profiles.delete(id) }
    },
    async checkHostKey(id: string): Promise<HostKeyCheck> {
      const target = ctx.target(id)
      return compareHostKey(await probeHostKey(target), target.acceptedFingerprint)
    },
    /** Trusts exactly `fingerprint`, and only while the server still presents it. */
    async acceptHostKey(id: string, fingerprint: string): Promise<SshProfileView> {
      const target = ctx.target(id)
      const presented = await probeHostKey(target)
      if (presented.fingerprint !== fingerprint.trim()) {
        throw sshError(
          'host_key_changed',
          `fingerprint: ${describeTarget(target)} now presents ${presented.type} ${presented.fingerprint}, not ${fingerprint.trim()}. Nothing was accepted; check the host key again.`,
          { profileId: id, hostKey: { ...compareHostKey(presented, fingerprint.trim()) } },
        )
      }
      pool.drop(id)
      return profiles.acceptHostKey(id, presented)
    },
    async test(id: string): Promise<{ ok: boolean; details: string[] }> {
      const profile = profiles.get(id)
      // A fresh login, not a pooled connection: the test is of logging in (host key included).
      const session = await openSsh(ctx.target(id))
      try {
        const result = await session.exec(testScript(profile))
        const report = readTestOutput(result.stdout, profile)
        return {
          ok: report.ok,
          details: [
            `Logged in to ${describeTarget(profile)} (host key ${session.hostKey.type} ${session.hostKey.fingerprint}).`,
            ...report.details,
          ],
        }
      } finally {
        session.close()
      }
    },
  }
}
