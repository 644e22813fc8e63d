import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SshProfileView } from '@shared/training'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { Field } from '../../../components/Field'
import { NumberInput } from '../../../components/NumberInput'
import { SecretField } from '../../../components/SecretField'
import { unplacedMessages, type FieldErrors } from '../../../lib/fieldErrors'
import { useAppInfo } from '../../../lib/useAppInfo'
import { trainingFieldErrors } from '../trainingMessages'
import { draftToInput, SSH_FIELD_PATHS, type SshProfileDraft } from './sshProfileDraft'

interface SshProfileFormProps {
  initial: SshProfileDraft
  secretStorage?: string
  onSaved: (view: SshProfileView) => void
  onCancel: () => void
}

type TextKey = 'name' | 'host' | 'username' | 'privateKeyPath' | 'remoteDir' | 'setupCommand' | 'workbenchCommand'

/** An SSH server: address, login, where jobs go and how to prepare the shell. The passphrase is write-only. */
export function SshProfileForm({ initial, secretStorage, onSaved, onCancel }: SshProfileFormProps) {
  const { t } = useTranslation()
  // In a browser (serve mode) the key is on the server machine, in a folder it allows.
  const { info } = useAppInfo()
  const [draft, setDraft] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors | null>(null)
  const [saving, setSaving] = useState(false)
  const set = (patch: Partial<SshProfileDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const byField = errors?.byField ?? {}

  const localErrors = (): Record<string, string> => {
    const bad: Record<string, string> = {}
    if (!Number.isFinite(draft.port)) bad.port = t('validation.number')
    if (!Number.isFinite(draft.gpus)) bad.gpus = t('validation.number')
    return bad
  }

  const save = async () => {
    const local = localErrors()
    if (Object.keys(local).length) return setErrors({ byField: local, general: [] })
    setSaving(true)
    setErrors(null)
    try {
      onSaved(await api.saveSshProfile(draftToInput(draft)))
    } catch (error) {
      setErrors(trainingFieldErrors(error, SSH_FIELD_PATHS, (path) => path[0] ?? ''))
    } finally {
      setSaving(false)
    }
  }

  const text = (
    key: TextKey,
    label: string,
    options: { hint?: string; placeholder?: string; wide?: boolean; mono?: boolean; autofocus?: boolean } = {},
  ) => (
    <Field label={label} error={byField[key]} hint={options.hint} className={options.wide ? 'field-wide' : undefined}>
      {(control) => (
        <input
          {...control}
          type="text"
          spellCheck={false}
          autoComplete="off"
          className={options.mono ? 'mono' : undefined}
          value={draft[key]}
          placeholder={options.placeholder}
          onChange={(event) => set({ [key]: event.target.value })}
          data-autofocus={options.autofocus ? true : undefined}
          data-testid={`ssh-${key}`}
        />
      )}
    </Field>
  )
  const number = (key: 'port' | 'gpus', label: string, hint?: string) => (
    <Field label={label} error={byField[key]} hint={hint}>
      {(control) => (
        <NumberInput
          {...control}
          value={draft[key]}
          onChange={(value) => set({ [key]: value ?? Number.NaN })}
          data-testid={`ssh-${key}`}
        />
      )}
    </Field>
  )

  const unplaced = unplacedMessages(errors, SSH_FIELD_PATHS)

  return (
    <form
      className="endpoint-form"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
      noValidate
      aria-label={draft.id ? t('training.ssh.editTitle') : t('training.ssh.newTitle')}
      data-testid="ssh-form"
    >
      {unplaced.length > 0 && (
        <ErrorBanner testId="ssh-form-error">
          {t('training.ssh.saveFailed', { message: unplaced.join(' ') })}
        </ErrorBanner>
      )}
      <div className="form-grid endpoint-grid">
        {text('name', t('training.ssh.name'), { placeholder: t('training.ssh.namePlaceholder'), autofocus: true })}
        {text('host', t('training.ssh.host'), { placeholder: 'gpu01.example.edu' })}
        {number('port', t('training.ssh.port'))}
        {text('username', t('training.ssh.username'), { placeholder: t('training.ssh.usernamePlaceholder') })}
        <fieldset className="radio-group training-choice field-wide" data-testid="ssh-auth">
          <legend className="field-label">{t('training.ssh.auth')}</legend>
          <div className="training-choice-options">
            {(['key', 'agent'] as const).map((auth) => (
              <label key={auth} className="radio">
                <input
                  type="radio"
                  name="ssh-auth"
                  checked={draft.auth === auth}
                  onChange={() => set({ auth })}
                  data-testid={`ssh-auth-${auth}`}
                />
                <span>{t(`training.ssh.auths.${auth}`)}</span>
              </label>
            ))}
          </div>
          <p className="field-hint">{t(`training.ssh.authHints.${draft.auth}`)}</p>
        </fieldset>
        {draft.auth === 'key' &&
          text('privateKeyPath', t('training.ssh.privateKeyPath'), {
            hint: t(
              info?.mode === 'serve' ? 'training.ssh.privateKeyPathHintServe' : 'training.ssh.privateKeyPathHint',
            ),
            placeholder: '~/.ssh/id_ed25519',
            mono: true,
          })}
        {draft.auth === 'key' && (
          <SecretField
            label={t('training.ssh.passphrase')}
            error={byField.passphrase}
            hint={
              secretStorage
                ? t('training.ssh.passphraseStorage', { where: secretStorage })
                : t('training.ssh.passphraseHint')
            }
            value={draft.passphrase}
            stored={draft.hasStoredPassphrase}
            removing={draft.removePassphrase}
            onChange={(passphrase, removePassphrase) => set({ passphrase, removePassphrase })}
            texts={{
              placeholderNew: t('training.ssh.passphraseNew'),
              placeholderStored: t('training.ssh.passphraseStored'),
              placeholderRemoved: t('training.ssh.passphraseRemoved'),
              remove: t('training.ssh.removePassphrase'),
              keep: t('training.ssh.keepPassphrase'),
            }}
            testId="ssh-passphrase"
            removeTestId="ssh-remove-passphrase"
          />
        )}
        {text('remoteDir', t('training.ssh.remoteDir'), { hint: t('training.ssh.remoteDirHint'), mono: true })}
        {number('gpus', t('training.ssh.gpus'), t('training.ssh.gpusHint'))}
        {text('setupCommand', t('training.ssh.setupCommand'), {
          hint: t('training.ssh.setupCommandHint'),
          placeholder: 'source ~/miniconda3/bin/activate llamafactory',
          wide: true,
          mono: true,
        })}
        {text('workbenchCommand', t('training.ssh.workbenchCommand'), {
          hint: t('training.ssh.workbenchCommandHint'),
          placeholder: 'simpsy',
          wide: true,
          mono: true,
        })}
      </div>
      <div className="button-row form-actions">
        <span className="spacer" />
        <button type="button" className="button" onClick={onCancel} data-testid="ssh-cancel">
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={saving}
          title={saving ? t('common.working') : undefined}
          data-testid="ssh-save"
        >
          {saving ? t('training.ssh.saving') : t('training.ssh.save')}
        </button>
      </div>
    </form>
  )
}
