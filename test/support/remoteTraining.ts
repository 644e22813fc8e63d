import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiClient } from '@shared/api'
import type { SshProfileInput, SshProfileView } from '@shared/training'
import { sessionsJsonl } from './sessionsFixture'
import type { TestSshd } from './sshd'

/** A profile for the test sshd with its host key accepted (after checking it is the one ssh-keygen shows). */
export async function trustedProfile(
  api: ApiClient,
  sshd: TestSshd,
  overrides: Partial<SshProfileInput> = {},
): Promise<SshProfileView> {
  const saved = await api.saveSshProfile(sshd.profile(overrides))
  const check = await api.checkHostKey({ id: saved.id })
  if (check.fingerprint !== sshd.hostFingerprint())
    throw new Error(`the test sshd presents ${check.fingerprint}, ssh-keygen says ${sshd.hostFingerprint()}`)
  return api.acceptHostKey({ id: saved.id, fingerprint: check.fingerprint })
}

export async function importSessions(api: ApiClient): Promise<string> {
  const report = await api.importDataset({
    fileName: 'sessions.jsonl',
    contentBase64: Buffer.from(sessionsJsonl()).toString('base64'),
  })
  return report.datasetId!
}

/** Polls `read` until `done` holds (or fails with the last value seen). */
export async function until<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 20000,
  stepMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (!done(value)) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 2000)}`)
    await new Promise((resolve) => setTimeout(resolve, stepMs))
    value = await read()
  }
  return value
}

/**
 * Lets a stand-in trainer started with FAKE_TRAINER_HOLD_AFTER_STEP go on (the loopback server's job folder is local).
 */
export function resumeTrainer(jobDir: string): void {
  writeFileSync(join(jobDir, 'resume'), '')
}
