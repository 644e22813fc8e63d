import { createHash } from 'node:crypto'
import type { HostKeyCheck } from '@shared/training'

export interface PresentedHostKey {
  /** The key's algorithm as OpenSSH names it in the blob, e.g. ssh-ed25519. */
  type: string
  /** `SHA256:` and unpadded base64, exactly as `ssh-keygen -l` and OpenSSH's prompts show it. */
  fingerprint: string
}

/** Reads the algorithm name (an SSH string: uint32 length, then bytes) at the start of a public key blob. */
function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown'
  const length = blob.readUInt32BE(0)
  return length > 0 && length < 64 && blob.length >= 4 + length
    ? blob.subarray(4, 4 + length).toString('latin1')
    : 'unknown'
}

export function describeHostKey(blob: Buffer): PresentedHostKey {
  const fingerprint = 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')
  return { type: keyType(blob), fingerprint }
}

/** Compares what the server presented with the fingerprint the user accepted for the profile. */
export function compareHostKey(presented: PresentedHostKey, accepted: string | null): HostKeyCheck {
  const status = accepted === null ? 'unknown' : accepted === presented.fingerprint ? 'trusted' : 'changed'
  return {
    status,
    type: presented.type,
    fingerprint: presented.fingerprint,
    expected: status === 'changed' ? accepted : null,
  }
}
