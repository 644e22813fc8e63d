import i18next from 'i18next'
import { en } from '../../src/renderer/src/i18n/en'
import { zh } from '../../src/renderer/src/i18n/zh'

/**
 * The renderer's strings on the i18next instance its modules use, as src/renderer/src/i18n/index.ts sets
 * them up (that file also touches `document`, so the unit tests start i18next themselves).
 */
export async function useUiStrings(language: 'en' | 'zh' = 'en'): Promise<void> {
  if (!i18next.isInitialized) {
    await i18next.init({
      resources: { en: { translation: en }, zh: { translation: zh } },
      lng: language,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    })
  }
  await i18next.changeLanguage(language)
}

export { en, zh }
