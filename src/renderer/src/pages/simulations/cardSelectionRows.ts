import type { TFunction } from 'i18next'
import type { CardSelectionRecord } from '@shared/roleCard'
import { formatNumber } from '../../lib/format'

/** A SummaryRow (components/SummaryList) of text; declared here so unit tests can import this without JSX. */
type TextRow = readonly [label: string, value: string, valueClassName?: string, valueTestId?: string]

/**
 * How a run's (or an arena's) cards were chosen, as read-only rows: how many of how many, the filters, the sample
 * ("20 of 450 matching cards", "a sample of 20, seed 7"). None for runs from before it was recorded.
 */
export function cardSelectionRows(record: CardSelectionRecord | null, t: TFunction): TextRow[] {
  if (!record) return []
  const { query, sample, matched, selected } = record
  if (!query)
    return [[t('runConfig.cards'), t('runForm.selectedCards', { count: selected, formatted: formatNumber(selected) })]]
  const filters = [
    query.text && `“${query.text}”`,
    query.language && t(`editor.cardLanguages.${query.language}`),
    query.pool !== undefined && `${t('roleCards.filterPool')}: ${query.pool || '—'}`,
    query.tag !== undefined && `${t('roleCards.filterTag')}: ${query.tag}`,
    query.source !== undefined && `${t('roleCards.filterSource')}: ${query.source || '—'}`,
  ].filter(Boolean)
  return [
    [
      t('runConfig.cards'),
      sample
        ? t('runForm.sampleOfMatching', {
            count: matched,
            formatted: formatNumber(matched),
            used: formatNumber(selected),
          })
        : t('runForm.cardsMatch', { count: matched, formatted: formatNumber(matched) }),
      undefined,
      'run-config-cards',
    ],
    [t('runConfig.cardFilters'), filters.length ? filters.join(' · ') : t('common.any')],
    [
      t('runConfig.cardSample'),
      sample
        ? sample.size !== undefined
          ? t('runConfig.sampleSize', { size: formatNumber(sample.size), seed: sample.seed })
          : t('runConfig.sampleFraction', { fraction: sample.fraction, seed: sample.seed })
        : t('runConfig.noSample'),
    ],
  ]
}
