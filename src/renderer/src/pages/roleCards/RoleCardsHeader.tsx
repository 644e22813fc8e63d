import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../lib/format'

interface RoleCardsHeaderProps {
  total: number
  workspaceTotal: number
  filtered: boolean
  onCreate: () => void
  onImport: () => void
  onExport: () => void
}

export function RoleCardsHeader({
  total,
  workspaceTotal,
  filtered,
  onCreate,
  onImport,
  onExport,
}: RoleCardsHeaderProps) {
  const { t } = useTranslation()
  const count = filtered
    ? t('roleCards.countFiltered', { count: total, formatted: formatNumber(total), all: formatNumber(workspaceTotal) })
    : t('roleCards.count', { count: total, formatted: formatNumber(total) })
  return (
    <header className="page-header">
      <div className="page-title">
        <h1>{t('roleCards.title')}</h1>
        <span className="muted" data-testid="role-card-count" aria-live="polite">
          {count}
        </span>
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={onImport} data-testid="import-button">
          {t('roleCards.import')}
        </button>
        <button
          type="button"
          className="button"
          onClick={onExport}
          disabled={workspaceTotal === 0}
          title={workspaceTotal === 0 ? t('exportDialog.nothingReason') : undefined}
          data-testid="export-button"
        >
          {t('roleCards.export')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={onCreate}
          title={t('roleCards.newCardHint')}
          data-testid="new-card"
        >
          {t('roleCards.newCard')}
        </button>
      </div>
    </header>
  )
}
