import { useTranslation } from 'react-i18next'
import { UI_LANGUAGES } from '@shared/api'
import { useUiLanguage } from './UiLanguage'

/** A two-button segmented control; each label is in its own language so anyone can find theirs. */
export function LanguageSwitch({ testId = 'language-switch' }: { testId?: string }) {
  const { t } = useTranslation()
  const { language, setLanguage } = useUiLanguage()
  return (
    <div className="segmented" role="group" aria-label={t('language.label')} data-testid={testId}>
      {UI_LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          className="segmented-option"
          aria-pressed={language === option}
          lang={option === 'zh' ? 'zh-CN' : 'en'}
          onClick={() => setLanguage(option)}
          data-testid={`${testId}-${option}`}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  )
}
