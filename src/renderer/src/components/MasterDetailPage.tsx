import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from './ErrorBanner'

interface MasterDetailPageProps<T> {
  className: string
  testId: string
  title: string
  /** "3 runs", beside the title once the list is loaded. */
  count: string | null
  countTestId: string
  newButton: { label: string; testId: string; pressed: boolean; onClick: () => void }
  /** Buttons before "New" (a page's own panels, e.g. Compare on the evaluation page). */
  actions?: ReactNode
  /** The worded load failure, with a retry; null when nothing failed. */
  loadError: string | null
  onRetry: () => void
  listLabel: string
  items: T[] | null
  /** The list, when there are items. */
  renderList: (items: T[]) => ReactNode
  /** What the list pane says when there are none. */
  noneText: string
  noneTestId?: string
  /** The right-hand side: an item, the "new" form or the empty state. */
  children: ReactNode
}

/**
 * A list page (runs, evaluations, arenas, training jobs): title, count and "New" on top, the list on the left, the
 * detail on the right.
 */
export function MasterDetailPage<T>({
  className,
  testId,
  title,
  count,
  countTestId,
  newButton,
  actions,
  loadError,
  onRetry,
  listLabel,
  items,
  renderList,
  noneText,
  noneTestId,
  children,
}: MasterDetailPageProps<T>) {
  const { t } = useTranslation()
  return (
    <div className={className} data-testid={testId}>
      <header className="page-header">
        <div className="page-title">
          <h1>{title}</h1>
          {count !== null && (
            <span className="muted" data-testid={countTestId}>
              {count}
            </span>
          )}
        </div>
        {actions ? (
          <div className="button-row">
            {actions}
            {newButtonOf(newButton)}
          </div>
        ) : (
          newButtonOf(newButton)
        )}
      </header>
      {loadError !== null && <ErrorBanner onRetry={onRetry}>{loadError}</ErrorBanner>}
      <div className="split">
        <section className="list-pane" aria-label={listLabel}>
          {items && items.length > 0 ? (
            renderList(items)
          ) : (
            <p className="empty-inline list-empty" data-testid={noneTestId}>
              {items ? noneText : t('app.loading')}
            </p>
          )}
        </section>
        <div className="detail-pane">{children}</div>
      </div>
    </div>
  )
}

const newButtonOf = (newButton: MasterDetailPageProps<unknown>['newButton']) => (
  <button
    type="button"
    className="button button-primary"
    onClick={newButton.onClick}
    aria-pressed={newButton.pressed}
    data-testid={newButton.testId}
  >
    {newButton.label}
  </button>
)
