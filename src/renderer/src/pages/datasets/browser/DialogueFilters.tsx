import type { ReactNode, RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { DIALOGUE_STATUSES } from '@shared/dialogue'
import { LANGUAGES } from '@shared/roleCard'
import type { EvaluationSummary } from '@shared/evaluation'
import {
  clearedFilters,
  hasBrowserFilters,
  hasScoreFilter,
  turnsInvalid,
  type BrowserFilters,
  type ScoreFilter,
} from './browserFilters'
import { ScoreFilterFields } from './ScoreFilterFields'

const END_REASONS = ['keyword', 'max_turns', 'error', 'cancelled', 'imported', 'test_drive'] as const

interface DialogueFiltersProps {
  filters: BrowserFilters
  searchRef: RefObject<HTMLInputElement | null>
  onChange: (filters: BrowserFilters) => void
  /** The analyses this dataset can be filtered by (null while loading). */
  analyses: EvaluationSummary[] | null
  analysesError: unknown
  onScoreChange: (patch: Partial<ScoreFilter>) => void
}

/** Full-text search, filters (a score among them) and sort for the dialogue list. */
export function DialogueFilters({
  filters,
  searchRef,
  onChange,
  analyses,
  analysesError,
  onScoreChange,
}: DialogueFiltersProps) {
  const { t } = useTranslation()
  const set = (patch: Partial<BrowserFilters>) => onChange({ ...filters, ...patch })
  const scored = hasScoreFilter(filters.score)
  const sorts = scored ? (['created', 'turns', 'chars', 'score'] as const) : (['created', 'turns', 'chars'] as const)

  const select = (
    label: string,
    value: string,
    testId: string,
    options: [string, string][],
    apply: (value: string) => void,
  ): ReactNode => (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <select value={value} onChange={(event) => apply(event.target.value)} data-testid={testId}>
        <option value="">{t('common.any')}</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )

  const turns = (key: 'minTurns' | 'maxTurns', testId: string) => (
    <label className="filter">
      <span className="filter-label">{t(`browser.${key}`)}</span>
      <input
        type="text"
        inputMode="numeric"
        value={filters[key]}
        onChange={(event) => set({ [key]: event.target.value })}
        aria-invalid={turnsInvalid(filters[key]) || undefined}
        title={turnsInvalid(filters[key]) ? t('browser.turnsInvalid') : undefined}
        placeholder="—"
        data-testid={testId}
      />
    </label>
  )

  return (
    <div className="list-filters" data-testid="dialogue-filters">
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
          placeholder={t('browser.searchPlaceholder')}
          aria-label={t('browser.searchLabel')}
          title={t('browser.searchHint')}
          data-testid="dialogue-search"
        />
        <kbd className="search-kbd" aria-hidden="true">
          /
        </kbd>
      </div>
      <div className="filter-row filter-row-3">
        {select(
          t('browser.status'),
          filters.status,
          'filter-status',
          DIALOGUE_STATUSES.map((s) => [s, t(`status.${s}`)]),
          (value) => set({ status: value as BrowserFilters['status'] }),
        )}
        {select(
          t('browser.endReason'),
          filters.endReason,
          'filter-end-reason',
          END_REASONS.map((r) => [r, t(`endReasonKinds.${r}`)]),
          (value) => set({ endReason: value as BrowserFilters['endReason'] }),
        )}
        {select(
          t('roleCards.filterLanguage'),
          filters.language,
          'filter-dialogue-language',
          LANGUAGES.map((l) => [l, t(`editor.cardLanguages.${l}`)]),
          (value) => set({ language: value as BrowserFilters['language'] }),
        )}
        {select(
          t('browser.flagged'),
          filters.flagged,
          'filter-flagged',
          [
            ['yes', t('browser.flaggedYes')],
            ['no', t('browser.flaggedNo')],
          ],
          (value) => set({ flagged: value as BrowserFilters['flagged'] }),
        )}
        {turns('minTurns', 'filter-min-turns')}
        {turns('maxTurns', 'filter-max-turns')}
      </div>
      <div className="filter-row filter-row-sort">
        <label className="filter">
          <span className="filter-label">{t('roleCards.filterTag')}</span>
          <input
            type="text"
            value={filters.tag}
            onChange={(event) => set({ tag: event.target.value })}
            placeholder={t('browser.tagPlaceholder')}
            data-testid="filter-dialogue-tag"
          />
        </label>
        <label className="filter" title={t('browser.sessionFilterHint')}>
          <span className="filter-label">{t('browser.session')}</span>
          <input
            type="text"
            inputMode="numeric"
            value={filters.session}
            onChange={(event) => set({ session: event.target.value })}
            aria-invalid={turnsInvalid(filters.session) || undefined}
            placeholder="—"
            data-testid="filter-session"
          />
        </label>
        <label className="filter">
          <span className="filter-label">{t('browser.sort')}</span>
          <span className="input-with-button">
            <select
              value={!scored && filters.sort === 'score' ? 'created' : filters.sort}
              onChange={(event) => set({ sort: event.target.value as BrowserFilters['sort'] })}
              data-testid="dialogue-sort"
            >
              {sorts.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`browser.sorts.${sort}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button-small order-button"
              onClick={() => set({ order: filters.order === 'asc' ? 'desc' : 'asc' })}
              aria-label={t(`browser.order.${filters.order}`)}
              title={t(`browser.order.${filters.order}`)}
              data-testid="dialogue-order"
              data-order={filters.order}
            >
              {filters.order === 'asc' ? '↑' : '↓'}
            </button>
          </span>
        </label>
      </div>
      {filters.caseId && (
        <button
          type="button"
          className="button button-small"
          onClick={() => set({ caseId: '' })}
          title={t('browser.caseFilterClear')}
          data-testid="filter-case"
        >
          {t('browser.caseFilter', { id: filters.caseId.slice(0, 8) })} ×
        </button>
      )}
      <ScoreFilterFields
        score={filters.score}
        analyses={analyses}
        analysesError={analysesError}
        onChange={onScoreChange}
      />
      {hasBrowserFilters(filters) && (
        <button
          type="button"
          className="link-button"
          onClick={() => onChange(clearedFilters(filters))}
          data-testid="dialogue-clear-filters"
        >
          {t('roleCards.clearFilters')}
        </button>
      )}
    </div>
  )
}
