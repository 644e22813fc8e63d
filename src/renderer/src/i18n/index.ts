import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { UiLanguage } from '@shared/api'
import { en } from './en'
import { zh } from './zh'

/** Used until the saved preference arrives (or when none was saved yet). */
export function guessUiLanguage(): UiLanguage {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

export function applyUiLanguage(language: UiLanguage): void {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en'
  if (i18next.language !== language) void i18next.changeLanguage(language)
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: guessUiLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
})
document.documentElement.lang = guessUiLanguage() === 'zh' ? 'zh-CN' : 'en'

export default i18next
