import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import { formatNumber } from '../../../lib/format'

interface BrowserHeaderProps {
  dataset: Dataset
  total: number | null
  /** `total` is the matches found so far: the exact count is on its way. */
  counting?: boolean
  filtered: boolean
  deleteBlocked: string | null
  onBack: () => void
  onRename: () => void
  onExport: () => void
  onDelete: () => void
  /** Shown while a filter is on: copy the matching dialogues into a new dataset. */
  onSaveSelection: (() => void) | null
}

/** Back to all datasets, the dataset's name and count, and its actions. */
export function BrowserHeader({
  dataset,
  total,
  counting = false,
  filtered,
  deleteBlocked,
  onBack,
  onRename,
  onExport,
  onDelete,
  onSaveSelection,
}: BrowserHeaderProps) {
  const { t } = useTranslation()
  const all = dataset.dialogueCount
  const count =
    total === null
      ? t('app.loading')
      : counting
        ? t('browser.countCounting', { formatted: formatNumber(total), all: formatNumber(all) })
        : filtered
          ? t('browser.countFiltered', { count: total, formatted: formatNumber(total), all: formatNumber(all) })
          : t('browser.count', { count: total, formatted: formatNumber(total) })
  return (
    <header className="page-header">
      <div className="page-title">
        <button type="button" className="button button-small" onClick={onBack} data-testid="browser-back">
          ← {t('datasets.title')}
        </button>
        <h1 className="browser-title" data-testid="browser-title">
          {dataset.name}
        </h1>
        <span className={`badge ${dataset.kind === 'run' ? 'badge-running' : 'badge-neutral'}`}>
          {t(`datasets.kinds.${dataset.kind}`)}
        </span>
        <span
          className="muted"
          data-testid="dialogue-count"
          data-counting={counting || undefined}
          aria-live="polite"
          title={counting ? t('browser.countCountingHint') : undefined}
        >
          {count}
        </span>
      </div>
      <div className="button-row">
        {onSaveSelection && (
          <button
            type="button"
            className="button"
            onClick={onSaveSelection}
            disabled={total === 0}
            title={total === 0 ? t('browser.saveSelectionEmptyReason') : t('browser.saveSelectionHint')}
            data-testid="browser-save-selection"
          >
            {t('browser.saveSelection')}
          </button>
        )}
        <button type="button" className="button" onClick={onRename} data-testid="browser-rename">
          {t('datasets.rename')}
        </button>
        <button
          type="button"
          className="button"
          onClick={onExport}
          disabled={all === 0}
          title={all === 0 ? t('datasets.emptyExportReason') : undefined}
          data-testid="browser-export"
        >
          {t('datasets.export')}
        </button>
        <button
          type="button"
          className="button button-danger-outline"
          onClick={onDelete}
          disabled={deleteBlocked !== null}
          title={deleteBlocked ?? undefined}
          data-testid="browser-delete"
        >
          {t('common.delete')}
        </button>
      </div>
    </header>
  )
}
