import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { AboutSection } from './AboutSection'
import { EndpointsSection } from './EndpointsSection'

export function SettingsPage() {
  const { t } = useTranslation()
  return (
    <div className="settings-page" data-testid="settings-page">
      <header className="page-header">
        <div className="page-title">
          <h1>{t('settings.title')}</h1>
        </div>
      </header>
      <div className="settings-body">
        <section className="settings-section" aria-labelledby="settings-language">
          <h2 id="settings-language">{t('settings.languageSection')}</h2>
          <p className="muted">{t('settings.languageHelp')}</p>
          <LanguageSwitch testId="settings-language" />
        </section>
        <EndpointsSection />
        <AboutSection />
      </div>
    </div>
  )
}
