import { useTranslation } from 'react-i18next'
import type { RemoteProvenance } from '@shared/remoteRun'
import { useNavigate } from '../../components/Navigation'
import { formatDateTime } from '../../lib/format'

/** "Ran on user@host (server), pulled …": where a pulled run's dataset was made, leading to its remote run. */
export function RanOn({ ranOn, testId }: { ranOn: RemoteProvenance; testId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <div className="muted small dataset-ran-on" data-testid={testId}>
      <button
        type="button"
        className="link-button"
        onClick={() => navigate('remote', { remoteRunId: ranOn.remoteRunId })}
        title={ranOn.remoteDir}
      >
        {t('remote.ranOn', { target: ranOn.target, profile: ranOn.profileName, when: formatDateTime(ranOn.pulledAt) })}
      </button>
    </div>
  )
}
