import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorMessage } from '../../lib/errors'
import { useAppInfo } from '../../lib/useAppInfo'

export function AboutSection() {
  const { t } = useTranslation()
  const { info, error } = useAppInfo()
  const rows: [string, string][] = info
    ? [
        [t('about.version'), `${info.name} ${info.version}`],
        [t('about.mode'), t(`about.modes.${info.mode}`)],
        [t('about.dataDir'), info.dataDir],
        [t('about.workspaceFile'), info.workspaceFile],
        [t('about.schemaVersion'), String(info.schemaVersion)],
        [t('about.secretStorage'), info.secretStorage],
      ]
    : []
  return (
    <section className="settings-section" aria-labelledby="settings-about" data-testid="settings-about">
      <h2 id="settings-about">{t('settings.aboutSection')}</h2>
      {error != null && <ErrorBanner>{t('about.loadFailed', { message: errorMessage(error) })}</ErrorBanner>}
      {!info && error == null && <p className="muted">{t('app.loading')}</p>}
      {info && (
        <dl className="summary-list about-list">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="selectable">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  )
}
