import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { useNavigate } from '../../../components/Navigation'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import type { CardMatches } from '../../roleCards/useCardMatches'
import { NumberField, TextField } from '../../simulations/newRun/fields'
import { focalIndex, type ArenaBinding } from './arenaFormState'
import { BattlePreview } from './BattlePreview'

const K_OPTIONS = [2, 3, 4]

interface ArenaSetupSectionProps {
  bind: ArenaBinding
  cards: CardMatches
  /** Applies the Interactive Agents (2024) arena. */
  onPreset: () => void
}

/** The arena's name, the role cards its client plays, how many candidates answer each turn, and the dialogue plan. */
export function ArenaSetupSection({ bind, cards, onPreset }: ArenaSetupSectionProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { pool, config } = bind.state
  const { count: cardCount, error: cardError } = cards
  const focal = focalIndex(bind.state)
  const poolOptions = [...new Set([...(pool ? [pool] : []), ...(cards.facets?.pools ?? [])])]

  return (
    <FormSection title={t('arena.form.setupSection')} help={t('arena.form.setupHelp')} testId="arena-section-setup">
      <div className="rule-box arena-preset" data-testid="arena-preset">
        <div className="button-row">
          <button type="button" className="button" onClick={onPreset} data-testid="arena-preset-interactive-agents">
            {t('arena.form.presetInteractiveAgents')}
          </button>
        </div>
        <p className="muted small">{t('arena.form.presetInteractiveAgentsHint')}</p>
        <p className="muted small">{t('arena.form.presetDifferences')}</p>
      </div>
      <TextField
        bind={bind}
        path="name"
        label={t('arena.form.name')}
        hint={t('arena.form.nameHint')}
        className="field-wide"
      />
      <div className="form-grid arena-plan-grid">
        <Field label={t('arena.form.pool')} hint={t('arena.form.poolHint')} error={bind.errors.cards}>
          {(control) => (
            <select
              {...control}
              value={pool}
              onChange={(event) => bind.set('pool', event.target.value)}
              data-testid="arena-pool"
            >
              <option value="">{t('arena.form.everyCard')}</option>
              {poolOptions.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('arena.form.k')} hint={t('arena.form.kHint')} error={bind.errors['config.k']}>
          {(control) => (
            <select
              {...control}
              value={config.k}
              onChange={(event) => bind.set('config.k', Number(event.target.value))}
              data-testid="arena-k"
            >
              {K_OPTIONS.map((k) => (
                <option key={k} value={k} disabled={k > config.contestants.length}>
                  {k > config.contestants.length ? t('arena.form.kNeeds', { k }) : String(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('arena.form.focal')} hint={t('arena.form.focalHint')} error={bind.errors['config.focal']}>
          {(control) => (
            <select
              {...control}
              value={focal === null ? '' : config.contestants[focal].key}
              onChange={(event) => bind.set('focalKey', event.target.value || null)}
              data-testid="arena-focal"
            >
              <option value="">{t('arena.form.focalNone')}</option>
              {config.contestants.map((c, i) => (
                <option key={c.key} value={c.key}>
                  {t('arena.form.focalOption', { name: c.name.trim() || t('arena.form.contestantN', { n: i + 1 }) })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <NumberField
          bind={bind}
          path="config.dialoguesPerCombination"
          label={t('arena.form.perCombination')}
          hint={t('arena.form.perCombinationHint')}
        />
        <NumberField
          bind={bind}
          path="cardSample"
          label={t('arena.form.cardSample')}
          hint={t('arena.form.cardSampleHint')}
          nullable
        />
        {bind.state.cardSample !== null && (
          <NumberField
            bind={bind}
            path="cardSampleSeed"
            label={t('runForm.sampleSeed')}
            hint={t('runForm.sampleSeedHint')}
          />
        )}
      </div>
      <p
        className={`cards-match${bind.errors.cards ? ' cards-match-error' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="arena-cards-count"
        data-count={cardCount ?? undefined}
      >
        {cardError != null ? (
          t('runForm.cardsCountFailed', { message: errorMessage(cardError) })
        ) : cardCount === null ? (
          t('runForm.counting')
        ) : cardCount === 0 ? (
          <>
            {t('arena.form.noCardsMatch')}.{' '}
            <button type="button" className="link-button" onClick={() => navigate('roleCards')}>
              {t('runForm.openRoleCards')}
            </button>
          </>
        ) : bind.state.cardSample !== null ? (
          t('arena.form.sampleOfPool', {
            count: cardCount,
            formatted: formatNumber(cardCount),
            used: formatNumber(Math.min(bind.state.cardSample, cardCount)),
          })
        ) : (
          t('arena.form.cardsInPool', { count: cardCount, formatted: formatNumber(cardCount) })
        )}
      </p>
      <BattlePreview state={bind.state} />
    </FormSection>
  )
}
