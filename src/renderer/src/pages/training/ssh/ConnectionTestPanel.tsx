import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HostKeyCheck, SshProfileView } from '@shared/training'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { sshFailureOf } from '../trainingMessages'

/**
 * "Test connection": logs in and lists what the server has (python, llamafactory-cli, GPUs). A result is about one
 * server
 * as trusted then: key the panel by the profile and its accepted key, so another profile or a key accepted since
 * starts afresh.
 */
export function ConnectionTestPanel({
  profile,
  onHostKeyProblem,
}: {
  profile: SshProfileView
  onHostKeyProblem: (check: HostKeyCheck) => void
}) {
  const { t } = useTranslation()
  const [result, setResult] = useState<{ ok: boolean; details: string[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [testing, setTesting] = useState(false)

  const test = async () => {
    setTesting(true)
    setResult(null)
    setError(null)
    try {
      setResult(await api.testSshProfile({ id: profile.id }))
    } catch (failure) {
      setError(t('training.connection.failed', { message: errorMessage(failure) }))
      // An unknown or changed host key: the host key panel above shows it, with the trust step.
      const ssh = sshFailureOf(failure)
      if (ssh?.hostKey) onHostKeyProblem(ssh.hostKey)
    } finally {
      setTesting(false)
    }
  }

  return (
    <section
      className="training-server-panel"
      aria-label={t('training.connection.title')}
      data-testid="connection-panel"
    >
      <div className="training-panel-head">
        <h4 className="training-subheading">{t('training.connection.title')}</h4>
        <button
          type="button"
          className="button button-small"
          onClick={() => void test()}
          disabled={testing}
          title={
            testing
              ? t('common.working')
              : profile.hostKey
                ? t('training.connection.testHint')
                : t('training.connection.testUntrustedHint')
          }
          data-testid="connection-test"
        >
          {testing ? t('training.connection.testing') : t('training.connection.test')}
        </button>
      </div>
      {!result && !error && <p className="small muted">{t('training.connection.intro')}</p>}
      {error && <ErrorBanner testId="connection-error">{error}</ErrorBanner>}
      {result && (
        <div
          className={`banner banner-block ${result.ok ? 'banner-success' : 'banner-error'}`}
          role="status"
          data-testid="connection-result"
          data-ok={result.ok}
        >
          <strong>{result.ok ? t('training.connection.ok') : t('training.connection.notOk')}</strong>
          {result.details.length > 0 && (
            <ul className="training-connection-details mono selectable">
              {result.details.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  )
}
