import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useHashLocation } from 'wouter/use-hash-location'
import { LeaveGuardContext, type LeaveGuard, type LeaveGuardRegistry } from './components/LeaveGuard'
import { NavigationContext, type NavTarget, type PageTarget } from './components/Navigation'
import { NavRail } from './components/NavRail'
import { ToastProvider } from './components/Toasts'
import { TopBar } from './components/TopBar'
import { UiLanguageProvider } from './components/UiLanguage'
import { DatasetsPage } from './pages/datasets/DatasetsPage'
import { EvaluationPage } from './pages/evaluation/EvaluationPage'
import { ArenaPage } from './pages/arena/ArenaPage'
import { formatAddress, goToAddress, parseAddress, type PageId } from './lib/address'
import { StudiesPage } from './pages/studies/StudiesPage'
import { TrainingPage } from './pages/training/TrainingPage'
import { RemoteRunsPage } from './pages/remote/RemoteRunsPage'
import { PromptsPage } from './pages/prompts/PromptsPage'
import { RoleCardsPage } from './pages/roleCards/RoleCardsPage'
import { SettingsPage } from './pages/settings/SettingsPage'
import { SimulationsPage } from './pages/simulations/SimulationsPage'

export type { PageId } from './lib/address'
/**
 * The research pipeline, in order: cards → runs → datasets → evaluation → arena → rating studies → training; runs on
 * GPU servers; then the prompts the runs use, and settings.
 */
const PAGES: PageId[] = [
  'roleCards',
  'simulations',
  'datasets',
  'evaluation',
  'arena',
  'studies',
  'training',
  'remote',
  'prompts',
  'settings',
]

/**
 * Opened from an annotator's or rater's access link (serve mode): only the annotation (or rating) view, no navigation
 * to pages it may not use.
 */
const ANNOTATOR_LINK = new URLSearchParams(window.location.search).get('link') === 'annotator'

/** The address a link to a page lands on: the item it names, or (from the nav rail) where the page was left. */
function addressFor(page: PageId, target: NavTarget | undefined, left: Map<PageId, string>): string {
  if (target?.runId) return formatAddress(page, target.runId)
  if (target?.remoteRunId) return formatAddress(page, target.remoteRunId)
  if (target?.newRun) return formatAddress(page, 'new')
  if (target?.evaluationId) return formatAddress(page, target.evaluationId)
  if (target?.datasetId) return formatAddress(page, target.datasetId, target.dialogueId)
  return left.get(page) ?? formatAddress(page)
}

export function App() {
  // The page shown follows the address (#/runs/<id>, …); an annotation link (#/annotate/<arenaId>) opens Arena.
  const [path] = useHashLocation()
  const [shownPath, setShownPath] = useState(path)
  const pageOf = (at: string): PageId =>
    at.startsWith('/rate/')
      ? 'studies'
      : ANNOTATOR_LINK || at.startsWith('/annotate/')
        ? 'arena'
        : (parseAddress(at)?.page ?? 'roleCards')
  const page = pageOf(shownPath)
  const [target, setTarget] = useState<(PageTarget & { page: PageId }) | null>(null)
  const seq = useRef(0)
  const guardRef = useRef<LeaveGuard | null>(null)
  const registry = useMemo<LeaveGuardRegistry>(() => ({ set: (guard) => (guardRef.current = guard) }), [])
  /** Where each page was left, so the nav rail brings it back as it was. */
  const left = useRef(new Map<PageId, string>())

  // Back / Forward, a typed or pasted address: leaving a page asks its guard first (the page stays mounted while it
  // asks), and the address goes back if it says no. Moves within a page, and the app's own moves, follow at once.
  const [asking, setAsking] = useState<string | null>(null)
  if (path !== shownPath && asking !== path) {
    const guarded = pageOf(path) !== pageOf(shownPath) && guardRef.current !== null
    if (guarded) setAsking(path)
    else setShownPath(path)
  }
  useEffect(() => {
    if (asking === null || !guardRef.current) return
    let cancelled = false
    void guardRef.current().then((leave) => {
      if (cancelled) return
      if (leave) setShownPath(asking)
      else goToAddress(shownPath, { replace: true })
      setAsking(null)
    })
    return () => {
      cancelled = true
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the question is asked once per address
  }, [asking])
  useEffect(() => {
    if (parseAddress(shownPath)) left.current.set(pageOf(shownPath), shownPath)
  }, [shownPath])

  const navigate = useCallback(
    async (next: PageId, nextTarget?: NavTarget) => {
      if (next !== page && guardRef.current && !(await guardRef.current())) return
      // The nav rail leaves the annotation view too (also for Arena itself): the new address is the arena's list.
      setTarget(nextTarget ? { ...nextTarget, page: next, seq: ++seq.current } : null)
      const to = addressFor(next, nextTarget, left.current)
      setShownPath(to) // asked already: the address follows without asking again
      goToAddress(to)
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
                {page === 'evaluation' && <EvaluationPage />}
                {page === 'arena' && <ArenaPage />}
                {page === 'studies' && <StudiesPage />}
                {page === 'training' && <TrainingPage />}
                {page === 'remote' && <RemoteRunsPage />}
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
