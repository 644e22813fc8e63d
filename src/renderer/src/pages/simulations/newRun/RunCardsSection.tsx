import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '@shared/roleCard'
import { CheckField } from '../../../components/CheckField'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { useNavigate } from '../../../components/Navigation'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import type { CardMatches } from '../../roleCards/useCardMatches'
import { NumberField, TextField } from './fields'
import { selectedCount, type FormBinding } from './runFormState'

/**
 * The run's name and which role cards it simulates: by the Role cards page's filters (optionally a seeded sample of
 * the matching cards), with a live count, or exactly the cards chosen there ("Simulate selected").
 */
export function RunCardsSection({ bind, cards }: { bind: FormBinding; cards: CardMatches }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const filters = bind.state.cards
  const { count, facets, error } = cards
  // Every sample of a card is a case of this many sessions, each its own dialogue.
  const samples = bind.state.config.samplesPerCard * (bind.state.config.sessionsPerCard ?? 1)
  const sample = filters.sample
  const used = selectedCount(filters, count)
  const facetSelect = (key: 'pool' | 'tag' | 'source', label: string, values: string[]) => (
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

  const total = (n: number) =>
    n > 0 && (
      <span>
        {' '}
        · {t('runForm.dialoguesTotal', { count: n * samples, formatted: formatNumber(n * samples), samples })}
      </span>
    )

  if (filters.ids) {
    const n = filters.ids.length
    return (
      <FormSection title={t('runForm.runSection')} help={t('runForm.runHelpSelected')} testId="run-section-cards">
        <TextField
          bind={bind}
          path="name"
          label={t('runForm.name')}
          hint={t('runForm.nameHint')}
          className="field-wide"
        />
        <div
          className={`cards-match${bind.errors.cards ? ' cards-match-error' : ''}`}
          role="status"
          data-testid="run-cards-count"
          data-count={n}
        >
          <strong>{t('runForm.selectedCards', { count: n, formatted: formatNumber(n) })}</strong>
          {total(n)}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => bind.set('cards.ids', null)}
            data-testid="run-cards-clear-selection"
          >
            {t('runForm.useFilters')}
          </button>
        </div>
      </FormSection>
    )
  }

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
        {facetSelect('source', t('roleCards.filterSource'), facets?.sources ?? [])}
      </div>
      <CheckField
        label={t('runForm.sampleOn')}
        hint={t('runForm.sampleOnHint')}
        checked={sample.enabled}
        onChange={(checked) => bind.set('cards.sample.enabled', checked)}
        testId="run-cards-sample-enabled"
      />
      {sample.enabled && (
        <div className="form-grid run-card-sample">
          <Field label={t('runForm.sampleBy')}>
            {(control) => (
              <select
                {...control}
                value={sample.by}
                onChange={(event) => bind.set('cards.sample.by', event.target.value)}
                data-testid="run-cards-sample-by"
              >
                <option value="size">{t('runForm.sampleBySize')}</option>
                <option value="fraction">{t('runForm.sampleByFraction')}</option>
              </select>
            )}
          </Field>
          {sample.by === 'size' ? (
            <NumberField bind={bind} path="cards.sample.size" label={t('runForm.sampleSize')} />
          ) : (
            <NumberField
              bind={bind}
              path="cards.sample.fraction"
              label={t('runForm.sampleFraction')}
              hint={t('runForm.sampleFractionHint')}
            />
          )}
          <NumberField
            bind={bind}
            path="cards.sample.seed"
            label={t('runForm.sampleSeed')}
            hint={t('runForm.sampleSeedHint')}
          />
        </div>
      )}
      <div
        className={`cards-match${bind.errors.cards ? ' cards-match-error' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="run-cards-count"
        data-count={used ?? undefined}
      >
        {error != null ? (
          t('runForm.cardsCountFailed', { message: errorMessage(error) })
        ) : count === null || used === null ? (
          t('runForm.counting')
        ) : (
          <>
            <strong>
              {sample.enabled && count > 0
                ? t('runForm.sampleOfMatching', {
                    count,
                    formatted: formatNumber(count),
                    used: formatNumber(used),
                  })
                : t('runForm.cardsMatch', { count, formatted: formatNumber(count) })}
            </strong>
            {total(used)}
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
