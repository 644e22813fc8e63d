import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { UiLanguage } from '@shared/api'
import { api } from '../api/client'
import { applyUiLanguage, guessUiLanguage } from '../i18n'
import { errorMessage, hasErrorCode } from '../lib/errors'
import { useWorkbenchEvent } from '../lib/useWorkbenchEvent'
import { useToast } from './Toasts'
import i18next from 'i18next'

interface UiLanguageState {
  language: UiLanguage
  setLanguage: (language: UiLanguage) => void
}

const UiLanguageContext = createContext<UiLanguageState>({ language: 'en', setLanguage: () => {} })

export function useUiLanguage(): UiLanguageState {
  return useContext(UiLanguageContext)
}

/** The choice is stored through the API, not localStorage: serve mode changes origin (port) each run. */
export function UiLanguageProvider({ children }: { children: ReactNode }) {
  const toast = useToast()
  const [language, setLanguageState] = useState<UiLanguage>(guessUiLanguage)

  const apply = useCallback((next: UiLanguage) => {
    setLanguageState(next)
    applyUiLanguage(next)
  }, [])

  useEffect(() => {
    api.getPreferences().then(
      (preferences) => preferences.uiLanguage && apply(preferences.uiLanguage),
      (error) => toast({ kind: 'error', message: i18next.t('language.loadFailed', { message: errorMessage(error) }) }),
    )
  }, [apply, toast])

  useWorkbenchEvent('preferences.changed', (preferences) => {
    if (preferences.uiLanguage) apply(preferences.uiLanguage)
  })

  const setLanguage = useCallback(
    (next: UiLanguage) => {
      apply(next)
      api.setPreferences({ uiLanguage: next }).catch((error) => {
        // An annotator's access link may not change the workspace's settings: the choice stays in this page.
        if (hasErrorCode(error, 'unauthorized')) return
        toast({ kind: 'error', message: i18next.t('language.saveFailed', { message: errorMessage(error) }) })
      })
    },
    [apply, toast],
  )

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage])
  return <UiLanguageContext.Provider value={value}>{children}</UiLanguageContext.Provider>
}
