import { useCallback, useMemo, useRef, useState } from 'react'
import { LeaveGuardContext, type LeaveGuard, type LeaveGuardRegistry } from './components/LeaveGuard'
import { NavRail } from './components/NavRail'
import { ToastProvider } from './components/Toasts'
import { TopBar } from './components/TopBar'
import { UiLanguageProvider } from './components/UiLanguage'
import { RoleCardsPage } from './pages/roleCards/RoleCardsPage'
import { SettingsPage } from './pages/settings/SettingsPage'

export type PageId = 'roleCards' | 'settings'
const PAGES: PageId[] = ['roleCards', 'settings']

export function App() {
  const [page, setPage] = useState<PageId>('roleCards')
  const guardRef = useRef<LeaveGuard | null>(null)
  const registry = useMemo<LeaveGuardRegistry>(() => ({ set: (guard) => (guardRef.current = guard) }), [])

  const navigate = useCallback(
    async (next: PageId) => {
      if (next === page) return
      if (guardRef.current && !(await guardRef.current())) return
      setPage(next)
    },
    [page],
  )

  return (
    <ToastProvider>
      <UiLanguageProvider>
        <LeaveGuardContext.Provider value={registry}>
          <div className="app-shell">
            <TopBar />
            <NavRail pages={PAGES} current={page} onNavigate={navigate} />
            <main className="page" id="main">
              {page === 'roleCards' && <RoleCardsPage />}
              {page === 'settings' && <SettingsPage />}
            </main>
          </div>
        </LeaveGuardContext.Provider>
      </UiLanguageProvider>
    </ToastProvider>
  )
}
