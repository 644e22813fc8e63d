import type { ErrorCode } from '@shared/errors'
import { WorkbenchError } from '@shared/errors'
import type { SshErrorDetails, SshFailure } from '@shared/training'

const CODES: Record<SshFailure, ErrorCode> = {
  host_key_unknown: 'unauthorized',
  host_key_changed: 'unauthorized',
  auth_failed: 'unauthorized',
  unreachable: 'not_found',
  key_file: 'invalid_input',
  agent: 'invalid_input',
  no_llamafactory: 'invalid_input',
  remote_command: 'conflict',
}

/** A user-facing SSH error; `details.ssh` says which kind, for the UI to act on. */
export function sshError(failure: SshFailure, message: string, details: Omit<SshErrorDetails, 'ssh'>): WorkbenchError {
  return new WorkbenchError(CODES[failure], message, { ssh: failure, ...details } satisfies SshErrorDetails)
}

export const isSshError = (error: unknown, failure?: SshFailure): error is WorkbenchError =>
  error instanceof WorkbenchError &&
  typeof error.details === 'object' &&
  error.details !== null &&
  'ssh' in error.details &&
  (failure === undefined || (error.details as SshErrorDetails).ssh === failure)

/** Errors from ssh2's client (socket, handshake, authentication) in words that say what and where. */
export function connectError(
  error: Error & { level?: string; code?: string },
  where: string,
  profileId: string,
): WorkbenchError {
  if (error.level === 'client-authentication') {
    return sshError(
      'auth_failed',
      `${where} refused the login (${error.message}). Check the user name, and that the public key is in ~/.ssh/authorized_keys on the server.`,
      { profileId },
    )
  }
  if (error.level === 'agent' || /agent/i.test(error.message)) {
    return sshError('agent', `The SSH agent could not be used for ${where}: ${error.message}`, { profileId })
  }
  if (error.level === 'client-timeout') {
    return sshError(
      'unreachable',
      `Timed out connecting to ${where}: no SSH handshake. Check the host, the port and the network (VPN, firewall).`,
      { profileId },
    )
  }
  const reason = error.code ? `${error.code}: ${error.message}` : error.message
  return sshError('unreachable', `Cannot reach ${where} (${reason}). Check the host, the port and the network.`, {
    profileId,
  })
}
