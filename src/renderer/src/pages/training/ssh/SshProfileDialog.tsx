import { useTranslation } from 'react-i18next'
import type { SshProfileView } from '@shared/training'
import { Modal } from '../../../components/Modal'
import { useAppInfo } from '../../../lib/useAppInfo'
import { SshProfileForm } from './SshProfileForm'
import type { SshProfileDraft } from './sshProfileDraft'

/** Add or edit an SSH server, in a dialog over the form. */
export function SshProfileDialog({
  draft,
  onSaved,
  onClose,
}: {
  draft: SshProfileDraft
  onSaved: (profile: SshProfileView) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { info } = useAppInfo()
  return (
    <Modal
      title={draft.id ? t('training.ssh.editTitle') : t('training.ssh.newTitle')}
      onClose={onClose}
      size="large"
      testId="ssh-dialog"
    >
      <SshProfileForm initial={draft} secretStorage={info?.secretStorage} onSaved={onSaved} onCancel={onClose} />
    </Modal>
  )
}
