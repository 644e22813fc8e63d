import type { SshProfileInput, SshProfileView } from '@shared/training'

/** The profile form as typed, and what to do with a stored passphrase (write-only, like API keys). */
export interface SshProfileDraft {
  id?: string
  name: string
  host: string
  port: number
  username: string
  auth: 'key' | 'agent'
  privateKeyPath: string
  /** A newly typed passphrase; empty = none typed. */
  passphrase: string
  hasStoredPassphrase: boolean
  removePassphrase: boolean
  remoteDir: string
  setupCommand: string
  gpus: number
  workbenchCommand: string
}

export const SSH_FIELD_PATHS = [
  'name',
  'host',
  'port',
  'username',
  'auth',
  'privateKeyPath',
  'passphrase',
  'remoteDir',
  'setupCommand',
  'gpus',
  'workbenchCommand',
]

export function newSshDraft(): SshProfileDraft {
  return {
    name: '',
    host: '',
    port: 22,
    username: '',
    auth: 'key',
    privateKeyPath: '~/.ssh/id_ed25519',
    passphrase: '',
    hasStoredPassphrase: false,
    removePassphrase: false,
    remoteDir: '~/simpsy-training',
    setupCommand: '',
    gpus: 1,
    workbenchCommand: 'simpsy',
  }
}

export function draftFromProfile(view: SshProfileView): SshProfileDraft {
  return {
    id: view.id,
    name: view.name,
    host: view.host,
    port: view.port,
    username: view.username,
    auth: view.auth,
    privateKeyPath: view.privateKeyPath,
    passphrase: '',
    hasStoredPassphrase: view.hasPassphrase,
    removePassphrase: false,
    remoteDir: view.remoteDir,
    setupCommand: view.setupCommand,
    gpus: view.gpus,
    workbenchCommand: view.workbenchCommand,
  }
}

/**
 * passphrase: undefined keeps the stored one, '' removes it, anything else replaces it. With the agent no passphrase is
 * kept.
 */
export function draftToInput(draft: SshProfileDraft): SshProfileInput {
  const typed = draft.passphrase
  const passphrase =
    draft.auth === 'agent'
      ? draft.hasStoredPassphrase
        ? ''
        : undefined
      : typed
        ? typed
        : draft.removePassphrase
          ? ''
          : undefined
  return {
    id: draft.id,
    name: draft.name,
    host: draft.host,
    port: draft.port,
    username: draft.username,
    auth: draft.auth,
    privateKeyPath: draft.auth === 'key' ? draft.privateKeyPath : '',
    passphrase,
    remoteDir: draft.remoteDir,
    setupCommand: draft.setupCommand,
    gpus: draft.gpus,
    workbenchCommand: draft.workbenchCommand,
  }
}
