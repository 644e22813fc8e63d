import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HostKeyCheck, SshProfileView } from '@shared/training'
import { api } from '../../../api/client'
import { useConfirmedAction } from '../../../components/ConfirmDialog'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { FormSection } from '../../../components/FormSection'
import { useToast } from '../../../components/Toasts'
import { errorMessage } from '../../../lib/errors'
import { ConnectionTestPanel } from '../ssh/ConnectionTestPanel'
import { HostKeyPanel } from '../ssh/HostKeyPanel'
import { SshProfileDialog } from '../ssh/SshProfileDialog'
import { draftFromProfile, newSshDraft, type SshProfileDraft } from '../ssh/sshProfileDraft'
import type { SshProfilesState } from '../ssh/useSshProfiles'
import type { TrainingBinding } from './trainingFormState'

interface ProfileChoiceProps {
  profile: SshProfileView
  checked: boolean
  /** The last check found another key than the accepted one. */
  keyChanged: boolean
  onChoose: () => void
  onEdit: () => void
  onDelete: () => void
}

function ProfileChoice({ profile, checked, keyChanged, onChoose, onEdit, onDelete }: ProfileChoiceProps) {
  const { t } = useTranslation()
  const keyBadge = keyChanged
    ? ['badge-danger', t('training.hostKey.badgeChanged')]
    : profile.hostKey
      ? ['badge-success', t('training.hostKey.badgeTrusted')]
      : ['badge-warning', t('training.hostKey.badgeUnchecked')]
  return (
    <li
      className={`training-profile${checked ? ' training-profile-checked' : ''}`}
      data-testid="ssh-profile"
      data-profile-id={profile.id}
    >
      <label className="training-profile-main">
        <input
          type="radio"
          name="training-profile"
          checked={checked}
          onChange={onChoose}
          data-testid="ssh-profile-choose"
        />
        <span className="training-profile-text">
          <span className="training-profile-name">{profile.name}</span>
          <span className="mono muted">
            {profile.username}@{profile.host}:{profile.port}
          </span>
          <span className="muted small">
            {t('training.ssh.profileMeta', {
              count: profile.gpus,
              dir: profile.remoteDir,
              auth: t(`training.ssh.auths.${profile.auth}`),
            })}
          </span>
        </span>
        {profile.hasPassphrase && <span className="badge badge-neutral">{t('training.ssh.passphraseSet')}</span>}
        <span className={`badge ${keyBadge[0]}`} data-testid="ssh-profile-host-key">
          {keyBadge[1]}
        </span>
      </label>
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          onClick={onEdit}
          aria-label={t('training.ssh.editLabel', { name: profile.name })}
          data-testid="ssh-profile-edit"
        >
          {t('common.edit')}
        </button>
        <button
          type="button"
          className="button button-small button-danger-outline"
          onClick={onDelete}
          aria-label={t('training.ssh.deleteLabel', { name: profile.name })}
          data-testid="ssh-profile-delete"
        >
          {t('common.delete')}
        </button>
      </div>
    </li>
  )
}

interface ServerStepProps {
  bind: TrainingBinding
  ssh: SshProfilesState
  /** The last host key check per profile id. */
  hostKeyChecks: Record<string, HostKeyCheck>
  onHostKeyCheck: (profileId: string, check: HostKeyCheck | null) => void
}

/** Step 3: the GPU server (an SSH profile), its host key, and a connection test. */
export function ServerStep({ bind, ssh, hostKeyChecks, onHostKeyCheck }: ServerStepProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const [editing, setEditing] = useState<SshProfileDraft | null>(null)
  const { profiles } = ssh
  const selected = profiles?.find((p) => p.id === bind.state.profileId) ?? null
  const problem = bind.errors.profileId

  const onSaved = (profile: SshProfileView) => {
    setEditing(null)
    ssh.upsert(profile)
    bind.set('profileId', profile.id)
    toast({ kind: 'success', message: t('training.ssh.savedToast', { name: profile.name }) })
  }

  const deletion = useConfirmedAction<SshProfileView>({
    dialog: (profile) => ({
      title: t('training.ssh.confirmDeleteTitle', { name: profile.name }),
      body: t('training.ssh.confirmDeleteBody'),
      confirmLabel: t('common.delete'),
      testId: 'ssh-delete-dialog',
    }),
    run: async (profile) => {
      await api.deleteSshProfile({ id: profile.id })
      ssh.remove(profile.id)
      if (bind.state.profileId === profile.id) bind.set('profileId', '')
      toast({ kind: 'success', message: t('training.ssh.deletedToast', { name: profile.name }) })
    },
    failedMessage: (message) => t('training.ssh.deleteFailed', { message }),
  })

  return (
    <div className="card-form" data-testid="training-step-server">
      <FormSection title={t('training.server.section')} help={t('training.server.help')}>
        {ssh.error != null && (
          <ErrorBanner onRetry={() => void ssh.reload()}>
            {t('training.ssh.loadFailed', { message: errorMessage(ssh.error) })}
          </ErrorBanner>
        )}
        {profiles && profiles.length === 0 && (
          <div className="empty-state empty-state-compact" data-testid="ssh-profiles-empty">
            <h3>{t('training.ssh.emptyTitle')}</h3>
            <p>{t('training.ssh.emptyBody')}</p>
          </div>
        )}
        {profiles && profiles.length > 0 && (
          <ul
            className={`training-profiles${problem ? ' field-invalid' : ''}`}
            aria-label={t('training.ssh.listLabel')}
            data-testid="ssh-profiles"
          >
            {profiles.map((profile) => (
              <ProfileChoice
                key={profile.id}
                profile={profile}
                checked={profile.id === bind.state.profileId}
                keyChanged={hostKeyChecks[profile.id]?.status === 'changed'}
                onChoose={() => bind.set('profileId', profile.id)}
                onEdit={() => setEditing(draftFromProfile(profile))}
                onDelete={() => deletion.ask(profile)}
              />
            ))}
          </ul>
        )}
        {!profiles && ssh.error == null && <p className="muted">{t('app.loading')}</p>}
        {problem && (
          <p className="field-error" role="alert" data-testid="training-profile-error">
            {problem}
          </p>
        )}
        <div className="button-row">
          <button
            type="button"
            className={profiles?.length === 0 ? 'button button-primary' : 'button'}
            onClick={() => setEditing(newSshDraft())}
            data-testid="ssh-add"
          >
            {t('training.ssh.add')}
          </button>
        </div>
      </FormSection>
      {selected && (
        <FormSection
          title={t('training.server.checksSection')}
          help={t('training.server.checksHelp')}
          testId="training-server-checks"
        >
          <HostKeyPanel
            profile={selected}
            check={hostKeyChecks[selected.id] ?? null}
            onCheck={(check) => onHostKeyCheck(selected.id, check)}
            onProfileChanged={ssh.upsert}
          />
          <ConnectionTestPanel
            key={`${selected.id}:${selected.hostKey?.fingerprint ?? ''}`}
            profile={selected}
            onHostKeyProblem={(check) => onHostKeyCheck(selected.id, check)}
          />
        </FormSection>
      )}
      {editing && <SshProfileDialog draft={editing} onSaved={onSaved} onClose={() => setEditing(null)} />}
      {deletion.dialog}
    </div>
  )
}
