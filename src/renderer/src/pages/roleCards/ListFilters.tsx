import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, type Language, type RoleCardPage } from '@shared/roleCard'
import { hasActiveFilters, NO_FILTERS, type ListFilters as Filters } from './useRoleCardList'

interface ListFiltersProps {
  filters: Filters
  facets: RoleCardPage['facets']
  searchRef: RefObject<HTMLInputElement | null>
  onChange: (filters: Filters) => void
}

type FacetKey = 'tag' | 'pool' | 'source'

export function ListFilters({ filters, facets, searchRef, onChange }: ListFiltersProps) {
  const { t } = useTranslation()
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch })

  const facetSelect = (key: FacetKey, label: string, values: string[]) => {
    // Keep a chosen value visible even if it disappeared from the workspace.
    const options = filters[key] && !values.includes(filters[key]) ? [filters[key], ...values] : values
    return (
      <label className="filter">
        <span className="filter-label">{label}</span>
        <select
          value={filters[key]}
          onChange={(event) => set({ [key]: event.target.value })}
          data-testid={`filter-${key}`}
          disabled={options.length === 0}
          title={options.length === 0 ? t('roleCards.noFacetValues') : undefined}
        >
          <option value="">{t('common.any')}</option>
          {options.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
    )
  }

  return (
    <div className="list-filters">
      <div className="search">
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" className="search-icon">
          <path
            d="M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        <input
          ref={searchRef}
          type="search"
          value={filters.text}
          onChange={(event) => set({ text: event.target.value })}
          placeholder={t('roleCards.searchPlaceholder')}
          aria-label={t('roleCards.searchLabel')}
          title={t('roleCards.searchHint')}
          data-testid="role-card-search"
        />
        <kbd className="search-kbd" aria-hidden="true">
          /
        </kbd>
      </div>
      <div className="filter-row">
        <label className="filter">
          <span className="filter-label">{t('roleCards.filterLanguage')}</span>
          <select
            value={filters.language}
            onChange={(event) => set({ language: event.target.value as Language | '' })}
            data-testid="filter-language"
          >
            <option value="">{t('common.any')}</option>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`editor.cardLanguages.${language}`)}
              </option>
            ))}
          </select>
        </label>
        {facetSelect('tag', t('roleCards.filterTag'), facets.tags)}
        {facetSelect('pool', t('roleCards.filterPool'), facets.pools)}
        {facetSelect('source', t('roleCards.filterSource'), facets.sources)}
      </div>
      {hasActiveFilters(filters) && (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTERS)} data-testid="clear-filters">
          {t('roleCards.clearFilters')}
        </button>
      )}
    </div>
  )
}
