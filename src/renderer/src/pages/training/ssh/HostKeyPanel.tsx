import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HostKeyCheck, SshProfileView } from '@shared/training'
import { api } from '../../../api/client'
import { ConfirmDialog } from '../../../components/ConfirmDialog'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { SummaryList } from '../../../components/SummaryList'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime } from '../../../lib/format'

interface HostKeyPanelProps {
  profile: SshProfileView
  /** The last check of this profile (held by the form: a connection test or a launch can report one too). */
  check: HostKeyCheck | null
  onCheck: (check: HostKeyCheck | null) => void
  onProfileChanged: (profile: SshProfileView) => void
}

function Fingerprint({ type, fingerprint, testId }: { type: string; fingerprint: string; testId: string }) {
  return (
    <code className="training-fingerprint selectable" data-testid={testId}>
      {type} {fingerprint}
    </code>
  )
}

/**
 * Whose server is this? "Check host key" shows the key the server presents; a key seen for the
 * first time is trusted only by an explicit click, and a changed key is a loud warning.
 */
export function HostKeyPanel({ profile, check, onCheck, onProfileChanged }: HostKeyPanelProps) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState<'check' | 'accept' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [confirmingChanged, setConfirmingChanged] = useState(false)

  const runCheck = async () => {
    setBusy('check')
    setError(null)
    try {
      onCheck(await api.checkHostKey({ id: profile.id }))
    } catch (failure) {
      onCheck(null)
      setError(t('training.hostKey.checkFailed', { message: errorMessage(failure) }))
    } finally {
      setBusy(null)
    }
  }

  const accept = async (fingerprint: string) => {
    setBusy('accept')
    setError(null)
    try {
      onProfileChanged(await api.acceptHostKey({ id: profile.id, fingerprint }))
      if (check) onCheck({ ...check, status: 'trusted', expected: null })
    } catch (failure) {
      setError(t('training.hostKey.acceptFailed', { message: errorMessage(failure) }))
    } finally {
      setBusy(null)
      setConfirmingChanged(false)
    }
  }

  const accepted = profile.hostKey
  return (
    <section
      className="training-server-panel"
      aria-label={t('training.hostKey.title')}
      data-testid="host-key-panel"
      data-trusted={accepted ? 'true' : 'false'}
    >
      <div className="training-panel-head">
        <h4 className="training-subheading">{t('training.hostKey.title')}</h4>
        <button
          type="button"
          className="button button-small"
          onClick={() => void runCheck()}
          disabled={busy !== null}
          title={busy ? t('common.working') : t('training.hostKey.checkHint')}
          data-testid="host-key-check"
        >
          {busy === 'check' ? t('training.hostKey.checking') : t('training.hostKey.check')}
        </button>
      </div>
      {accepted ? (
        <p className="small" data-testid="host-key-accepted">
          {t('training.hostKey.acceptedAt', { when: formatDateTime(accepted.acceptedAt) })}{' '}
          <Fingerprint type={accepted.type} fingerprint={accepted.fingerprint} testId="host-key-accepted-fingerprint" />
        </p>
      ) : (
        <p className="small muted" data-testid="host-key-none">
          {t('training.hostKey.noneYet')}
        </p>
      )}
      {error && <ErrorBanner testId="host-key-error">{error}</ErrorBanner>}
      {check?.status === 'trusted' && (
        <div className="banner banner-success" role="status" data-testid="host-key-result" data-status="trusted">
          {t('training.hostKey.trusted')}{' '}
          <Fingerprint type={check.type} fingerprint={check.fingerprint} testId="host-key-fingerprint" />
        </div>
      )}
      {check?.status === 'unknown' && (
        <div
          className="banner banner-warning banner-block"
          role="status"
          data-testid="host-key-result"
          data-status="unknown"
        >
          <strong>{t('training.hostKey.unknownTitle')}</strong>
          <div className="training-fingerprint-row">
            <Fingerprint type={check.type} fingerprint={check.fingerprint} testId="host-key-fingerprint" />
          </div>
          <p className="small">{t('training.hostKey.unknownBody')}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void accept(check.fingerprint)}
            disabled={busy !== null}
            data-testid="host-key-trust"
          >
            {busy === 'accept' ? t('common.working') : t('training.hostKey.trust')}
          </button>
        </div>
      )}
      {check?.status === 'changed' && (
        <div
          className="banner banner-error banner-block training-host-key-changed"
          role="alert"
          data-testid="host-key-result"
          data-status="changed"
        >
          <strong className="training-alarm">{t('training.hostKey.changedTitle')}</strong>
          <p>{t('training.hostKey.changedBody')}</p>
          <SummaryList
            rows={[
              [t('training.hostKey.expected'), check.expected ?? '—', 'mono selectable'],
              [
                t('training.hostKey.presented'),
                `${check.type} ${check.fingerprint}`,
                'mono selectable',
                'host-key-fingerprint',
              ],
            ]}
          />
          <div className="button-row training-changed-actions">
            <button
              type="button"
              className="button button-danger-outline"
              onClick={() => setConfirmingChanged(true)}
              disabled={busy !== null}
              data-testid="host-key-trust-changed"
            >
              {t('training.hostKey.trustChanged')}
            </button>
          </div>
        </div>
      )}
      {confirmingChanged && check && (
        <ConfirmDialog
          title={t('training.hostKey.confirmChangedTitle', { name: profile.name })}
          body={t('training.hostKey.confirmChangedBody', { fingerprint: check.fingerprint })}
          confirmLabel={t('training.hostKey.confirmChanged')}
          danger
          busy={busy === 'accept'}
          onConfirm={() => void accept(check.fingerprint)}
          onCancel={() => setConfirmingChanged(false)}
          testId="host-key-changed-dialog"
        />
      )}
    </section>
  )
}
