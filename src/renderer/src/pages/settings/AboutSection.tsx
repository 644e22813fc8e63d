import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../components/ErrorBanner'
import { SummaryList, type SummaryRow } from '../../components/SummaryList'
import { errorMessage } from '../../lib/errors'
import { useAppInfo } from '../../lib/useAppInfo'
import { CompactWorkspace } from './CompactWorkspace'

export function AboutSection() {
  const { t } = useTranslation()
  const { info, error } = useAppInfo()
  const rows: SummaryRow[] = info
    ? [
        [t('about.version'), `${info.name} ${info.version}`, 'selectable'],
        [t('about.mode'), t(`about.modes.${info.mode}`), 'selectable'],
        [t('about.dataDir'), info.dataDir, 'selectable'],
        [t('about.workspaceFile'), info.workspaceFile, 'selectable'],
        [t('about.schemaVersion'), String(info.schemaVersion), 'selectable'],
        [t('about.secretStorage'), info.secretStorage, 'selectable'],
      ]
    : []
  return (
    <section className="settings-section" aria-labelledby="settings-about" data-testid="settings-about">
      <h2 id="settings-about">{t('settings.aboutSection')}</h2>
      {error != null && <ErrorBanner>{t('about.loadFailed', { message: errorMessage(error) })}</ErrorBanner>}
      {!info && error == null && <p className="muted">{t('app.loading')}</p>}
      {info && <SummaryList className="about-list" rows={rows} />}
      {info && <CompactWorkspace />}
    </section>
  )
}
