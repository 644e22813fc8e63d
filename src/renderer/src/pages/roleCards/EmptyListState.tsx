import { useTranslation } from 'react-i18next'

interface EmptyListStateProps {
  kind: 'empty' | 'noMatch'
  onCreate: () => void
  onImport: () => void
  onClearFilters: () => void
}

export function EmptyListState({ kind, onCreate, onImport, onClearFilters }: EmptyListStateProps) {
  const { t } = useTranslation()
  if (kind === 'noMatch') {
    return (
      <div className="empty-state" data-testid="role-cards-no-match">
        <h3>{t('roleCards.noMatchTitle')}</h3>
        <p>{t('roleCards.noMatchBody')}</p>
        <button type="button" className="button" onClick={onClearFilters}>
          {t('roleCards.clearFilters')}
        </button>
      </div>
    )
  }
  return (
    <div className="empty-state" data-testid="role-cards-empty">
      <h3>{t('roleCards.emptyTitle')}</h3>
      <p>{t('roleCards.emptyBody')}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onCreate} data-testid="empty-new-card">
          {t('roleCards.newCard')}
        </button>
        <button type="button" className="button" onClick={onImport} data-testid="empty-import">
          {t('roleCards.import')}
        </button>
      </div>
    </div>
  )
}
