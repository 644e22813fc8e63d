import { useTranslation } from 'react-i18next'
import { LETTER_REFEREE_MAX_TOKENS, REFEREE_ANSWER_MODES, REFEREE_VARIANTS, type Referee } from '@shared/arena'
import type { EndpointView } from '@shared/endpoint'
import { EndpointSelect } from '../../../components/EndpointSelect'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { CheckField, NumberField } from '../../simulations/newRun/fields'
import type { ArenaBinding } from './arenaFormState'

interface RefereeSectionProps {
  bind: ArenaBinding
  endpoints: EndpointView[]
  onKind: (kind: Referee['kind']) => void
}

/** Who picks the reply each turn: an LLM judging by ethics or counseling skills, or people in the annotation view. */
export function RefereeSection({ bind, endpoints, onKind }: RefereeSectionProps) {
  const { t } = useTranslation()
  const referee = bind.state.config.referee
  return (
    <FormSection
      title={t('arena.form.refereeSection')}
      help={t('arena.form.refereeHelp')}
      testId="arena-section-referee"
    >
      <fieldset className="radio-group referee-kinds">
        <legend className="visually-hidden">{t('arena.form.refereeKind')}</legend>
        {(['llm', 'human'] as const).map((kind) => (
          <label key={kind} className="radio radio-described">
            <input
              type="radio"
              name="arena-referee-kind"
              value={kind}
              checked={referee.kind === kind}
              onChange={() => onKind(kind)}
              data-testid={`arena-referee-${kind}`}
            />
            <span>
              <span className="check-label">{t(`arena.refereeKinds.${kind}`)}</span>
              <span className="field-hint">{t(`arena.form.refereeKindHint.${kind}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {referee.kind === 'llm' ? (
        <>
          <div className="form-grid agent-grid">
            <EndpointSelect
              label={t('arena.form.refereeEndpoint')}
              hint={t('arena.form.refereeEndpointHint')}
              error={bind.errors['config.referee.endpointId']}
              value={referee.endpointId}
              endpoints={endpoints}
              onChange={(id) => bind.set('config.referee.endpointId', id)}
              testId="arena-referee-endpoint"
            />
            <Field
              label={t('arena.form.variant')}
              hint={t(`arena.variantHints.${referee.variant}`)}
              error={bind.errors['config.referee.variant']}
            >
              {(control) => (
                <select
                  {...control}
                  value={referee.variant}
                  onChange={(event) => bind.set('config.referee.variant', event.target.value)}
                  data-testid="arena-referee-variant"
                >
                  {REFEREE_VARIANTS.map((variant) => (
                    <option key={variant} value={variant}>
                      {t(`arena.variants.${variant}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('arena.form.answerMode')}
              hint={t(`arena.form.answerModeHints.${referee.answerMode}`)}
              error={bind.errors['config.referee.answerMode']}
            >
              {(control) => (
                <select
                  {...control}
                  value={referee.answerMode}
                  onChange={(event) => bind.set('config.referee.answerMode', event.target.value)}
                  data-testid="arena-referee-answerMode"
                >
                  {REFEREE_ANSWER_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`arena.form.answerModes.${mode}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="form-grid agent-numbers">
            <NumberField
              bind={bind}
              path="config.referee.temperature"
              label={t('runForm.temperature')}
              hint={t('arena.form.refereeTemperatureHint')}
            />
            <NumberField
              bind={bind}
              path="config.referee.maxTokens"
              label={t('runForm.maxTokens')}
              hint={t('arena.form.refereeMaxTokensHint')}
              nullable
              placeholder={
                referee.answerMode === 'letter' ? String(LETTER_REFEREE_MAX_TOKENS) : t('methods.endpointDefault')
              }
            />
            <NumberField
              bind={bind}
              path="config.referee.parseRetries"
              label={t('arena.form.parseRetries')}
              hint={t('arena.form.parseRetriesHint')}
            />
          </div>
          <CheckField
            bind={bind}
            path="config.referee.positionSwap"
            label={t('arena.form.positionSwap')}
            hint={t('arena.form.positionSwapHint')}
          />
        </>
      ) : (
        <>
          <CheckField
            bind={bind}
            path="config.referee.allowTie"
            label={t('arena.form.allowTie')}
            hint={t('arena.form.allowTieHint')}
          />
          <CheckField
            bind={bind}
            path="config.referee.allowBothBad"
            label={t('arena.form.allowBothBad')}
            hint={t('arena.form.allowBothBadHint')}
          />
          <CheckField
            bind={bind}
            path="config.referee.prefetch"
            label={t('arena.form.prefetch')}
            hint={t('arena.form.prefetchHint', { count: bind.state.config.k - 1 })}
          />
        </>
      )}
    </FormSection>
  )
}
