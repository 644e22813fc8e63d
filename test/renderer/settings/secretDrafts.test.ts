import { describe, expect, it } from 'vitest'
import { EndpointInputSchema } from '@shared/endpoint'
import { SshProfileInputSchema, type SshProfileView } from '@shared/training'
import {
  draftFromView,
  draftToInput as endpointInput,
  invalidNumbers,
  newDraft,
} from '../../../src/renderer/src/pages/settings/endpointDraft'
import {
  draftFromProfile,
  draftToInput as profileInput,
  newSshDraft,
} from '../../../src/renderer/src/pages/training/ssh/sshProfileDraft'
import { endpointView } from '../endpoints'

/**
 * API keys and SSH passphrases are write-only: the forms never hold a stored one, and say only keep, replace or remove.
 */
describe('the endpoint form', () => {
  const saved = endpointView('e1', { hasKey: true, timeoutMs: 90000, priceInput: 0.5, priceOutput: null })

  it('keeps the stored key unless a new one is typed or removal is ticked', () => {
    const draft = draftFromView(saved)
    expect(draft.apiKey).toBe('')
    expect(endpointInput(draft).apiKey).toBeUndefined()
    expect(endpointInput({ ...draft, apiKey: '  sk-new  ' }).apiKey).toBe('sk-new')
    expect(endpointInput({ ...draft, removeKey: true }).apiKey).toBe('')
  })

  it('sends the numbers typed as numbers (the timeout typed in seconds), an empty price as unknown', () => {
    const input = endpointInput({ ...draftFromView(saved), temperature: '0.2', timeoutSeconds: '2.5', priceOutput: '' })
    expect(input).toMatchObject({ temperature: 0.2, timeoutMs: 2500, priceInput: 0.5, priceOutput: null })
    expect(EndpointInputSchema.safeParse(input).success).toBe(true)
    expect(draftFromView(saved).timeoutSeconds).toBe('90')
  })

  it('names the boxes that do not hold a number; an empty price is fine, an empty temperature is not', () => {
    expect(invalidNumbers(newDraft())).toEqual([])
    expect(
      invalidNumbers({ ...newDraft(), temperature: '', maxTokens: 'lots', timeoutSeconds: '1e3', priceInput: 'free' }),
    ).toEqual(['temperature', 'maxTokens', 'priceInput'])
  })
})

describe('the SSH profile form', () => {
  const view: SshProfileView = {
    id: 'p1',
    name: 'GPU box',
    host: 'gpu.example.org',
    port: 2222,
    username: 'lab',
    auth: 'key',
    privateKeyPath: '~/.ssh/id_lab',
    hasPassphrase: true,
    remoteDir: '~/runs',
    setupCommand: 'source ~/venv/bin/activate',
    gpus: 2,
    workbenchCommand: 'simpsy',
    hostKey: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }

  it('starts with the usual key and folder, and is accepted once the server is named', () => {
    const input = profileInput({ ...newSshDraft(), name: 'lab', host: 'gpu', username: 'me' })
    expect(input).toMatchObject({
      port: 22,
      auth: 'key',
      privateKeyPath: '~/.ssh/id_ed25519',
      remoteDir: '~/simpsy-training',
      gpus: 1,
      passphrase: undefined,
    })
    expect(SshProfileInputSchema.safeParse(input).success).toBe(true)
  })

  it('keeps the stored passphrase unless a new one is typed or removal is ticked', () => {
    const draft = draftFromProfile(view)
    expect(draft.passphrase).toBe('')
    expect(draft.hasStoredPassphrase).toBe(true)
    expect(profileInput(draft).passphrase).toBeUndefined()
    expect(profileInput({ ...draft, passphrase: 'new words' }).passphrase).toBe('new words')
    expect(profileInput({ ...draft, removePassphrase: true }).passphrase).toBe('')
  })

  it('with the SSH agent, sends no key file and drops a stored passphrase', () => {
    const input = profileInput({ ...draftFromProfile(view), auth: 'agent', passphrase: 'typed before switching' })
    expect(input).toMatchObject({ auth: 'agent', privateKeyPath: '', passphrase: '' })
    expect(
      profileInput({ ...draftFromProfile({ ...view, hasPassphrase: false }), auth: 'agent' }).passphrase,
    ).toBeUndefined()
  })
})
