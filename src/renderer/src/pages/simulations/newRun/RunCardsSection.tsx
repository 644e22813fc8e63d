import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '@shared/roleCard'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { useNavigate } from '../../../components/Navigation'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import type { CardMatches } from '../../roleCards/useCardMatches'
import { TextField } from './fields'
import type { FormBinding } from './runFormState'

/** The run's name and which role cards it simulates (by the Role cards page's filters), with a live count. */
export function RunCardsSection({ bind, cards }: { bind: FormBinding; cards: CardMatches }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const filters = bind.state.cards
  const { count, facets, error } = cards
  const samples = bind.state.config.samplesPerCard
  const facetSelect = (key: 'pool' | 'tag', label: string, values: string[]) => (
    <Field label={label}>
      {(control) => (
        <select
          {...control}
          value={filters[key]}
          onChange={(event) => bind.set(`cards.${key}`, event.target.value)}
          disabled={values.length === 0 && !filters[key]}
          title={values.length === 0 ? t('roleCards.noFacetValues') : undefined}
          data-testid={`run-cards-${key}`}
        >
          <option value="">{t('common.any')}</option>
          {[...new Set([...(filters[key] ? [filters[key]] : []), ...values])].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      )}
    </Field>
  )

  return (
    <FormSection title={t('runForm.runSection')} help={t('runForm.runHelp')} testId="run-section-cards">
      <TextField
        bind={bind}
        path="name"
        label={t('runForm.name')}
        hint={t('runForm.nameHint')}
        className="field-wide"
      />
      <div className="form-grid run-card-filters">
        <Field label={t('runForm.cardsText')} hint={t('runForm.cardsTextHint')}>
          {(control) => (
            <input
              {...control}
              type="search"
              value={filters.text}
              onChange={(event) => bind.set('cards.text', event.target.value)}
              data-testid="run-cards-text"
            />
          )}
        </Field>
        <Field label={t('roleCards.filterLanguage')}>
          {(control) => (
            <select
              {...control}
              value={filters.language}
              onChange={(event) => bind.set('cards.language', event.target.value)}
              data-testid="run-cards-language"
            >
              <option value="">{t('common.any')}</option>
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t(`editor.cardLanguages.${language}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {facetSelect('pool', t('roleCards.filterPool'), facets?.pools ?? [])}
        {facetSelect('tag', t('roleCards.filterTag'), facets?.tags ?? [])}
      </div>
      <div
        className={`cards-match${bind.errors.cards ? ' cards-match-error' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="run-cards-count"
        data-count={count ?? undefined}
      >
        {error != null ? (
          t('runForm.cardsCountFailed', { message: errorMessage(error) })
        ) : count === null ? (
          t('runForm.counting')
        ) : (
          <>
            <strong>{t('runForm.cardsMatch', { count, formatted: formatNumber(count) })}</strong>
            {count > 0 && (
              <span>
                {' '}
                ·{' '}
                {t('runForm.dialoguesTotal', {
                  count: count * samples,
                  formatted: formatNumber(count * samples),
                  samples,
                })}
              </span>
            )}
            {count === 0 && (
              <>
                {' '}
                {t('runForm.noCardsMatchHelp')}{' '}
                <button type="button" className="link-button" onClick={() => navigate('roleCards')}>
                  {t('runForm.openRoleCards')}
                </button>
              </>
            )}
          </>
        )}
      </div>
    </FormSection>
  )
}
