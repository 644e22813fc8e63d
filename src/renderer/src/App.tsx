import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { LeaveGuardContext, type LeaveGuard, type LeaveGuardRegistry } from './components/LeaveGuard'
import { NavigationContext, type NavTarget, type PageTarget } from './components/Navigation'
import { NavRail } from './components/NavRail'
import { ToastProvider } from './components/Toasts'
import { TopBar } from './components/TopBar'
import { UiLanguageProvider } from './components/UiLanguage'
import { DatasetsPage } from './pages/datasets/DatasetsPage'
import { EvaluationPage } from './pages/evaluation/EvaluationPage'
import { ArenaPage } from './pages/arena/ArenaPage'
import { inAnnotationRoute, leaveAnnotationRoute } from './pages/arena/annotationRoute'
import { TrainingPage } from './pages/training/TrainingPage'
import { PromptsPage } from './pages/prompts/PromptsPage'
import { RoleCardsPage } from './pages/roleCards/RoleCardsPage'
import { SettingsPage } from './pages/settings/SettingsPage'
import { SimulationsPage } from './pages/simulations/SimulationsPage'

export type PageId =
  'roleCards' | 'simulations' | 'datasets' | 'evaluation' | 'arena' | 'training' | 'prompts' | 'settings'
/**
 * The research pipeline, in order: cards → runs → datasets → evaluation → arena → training; then the prompts the runs
 * use, and settings.
 */
const PAGES: PageId[] = [
  'roleCards',
  'simulations',
  'datasets',
  'evaluation',
  'arena',
  'training',
  'prompts',
  'settings',
]

/**
 * Opened from an annotator's access link (serve mode): only the annotation view, no navigation to pages it may not use.
 */
const ANNOTATOR_LINK = new URLSearchParams(window.location.search).get('link') === 'annotator'

export function App() {
  // An annotation link (#/annotate/<arenaId>) opens the Arena page, which shows its annotation view.
  const [page, setPage] = useState<PageId>(() => (ANNOTATOR_LINK || inAnnotationRoute() ? 'arena' : 'roleCards'))
  // Back/Forward onto an annotation link shows the annotation view, whichever page is open.
  useEffect(() => {
    const follow = () => inAnnotationRoute() && setPage('arena')
    window.addEventListener('hashchange', follow)
    return () => window.removeEventListener('hashchange', follow)
  }, [])
  const [target, setTarget] = useState<(PageTarget & { page: PageId }) | null>(null)
  const seq = useRef(0)
  const guardRef = useRef<LeaveGuard | null>(null)
  const registry = useMemo<LeaveGuardRegistry>(() => ({ set: (guard) => (guardRef.current = guard) }), [])

  const navigate = useCallback(
    async (next: PageId, nextTarget?: NavTarget) => {
      if (next !== page && guardRef.current && !(await guardRef.current())) return
      // The nav rail leaves the annotation view (also for Arena itself); an annotator's link has no nav rail.
      if (!ANNOTATOR_LINK) leaveAnnotationRoute()
      setTarget(nextTarget ? { ...nextTarget, page: next, seq: ++seq.current } : null)
      setPage(next)
    },
    [page],
  )
  const navigateSync = useCallback(
    (next: PageId, nextTarget?: NavTarget) => void navigate(next, nextTarget),
    [navigate],
  )
  const targetFor = (id: PageId): PageTarget | null => (target?.page === id ? target : null)

  return (
    <ToastProvider>
      <UiLanguageProvider>
        <LeaveGuardContext.Provider value={registry}>
          <NavigationContext.Provider value={navigateSync}>
            <div className={ANNOTATOR_LINK ? 'app-shell app-shell-annotator' : 'app-shell'}>
              <TopBar />
              {!ANNOTATOR_LINK && <NavRail pages={PAGES} current={page} onNavigate={navigateSync} />}
              <main className="page" id="main">
                {page === 'roleCards' && <RoleCardsPage />}
                {page === 'simulations' && <SimulationsPage target={targetFor('simulations')} />}
                {page === 'datasets' && <DatasetsPage target={targetFor('datasets')} />}
                {page === 'evaluation' && <EvaluationPage target={targetFor('evaluation')} />}
                {page === 'arena' && <ArenaPage />}
                {page === 'training' && <TrainingPage />}
                {page === 'prompts' && <PromptsPage />}
                {page === 'settings' && <SettingsPage />}
              </main>
            </div>
          </NavigationContext.Provider>
        </LeaveGuardContext.Provider>
      </UiLanguageProvider>
    </ToastProvider>
  )
}
