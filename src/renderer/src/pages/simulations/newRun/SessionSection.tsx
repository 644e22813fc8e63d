import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { useToast } from '../../../components/Toasts'
import { NumberField } from './fields'
import { hasSeedSession, withSeedSession } from './methodForm'
import { testIdFor, type FormBinding } from './runFormState'

/** Who opens, the client's end token and the minimum of turns; one button for the CACTUS/MAGneT releases' session. */
export function SessionSection({ bind }: { bind: FormBinding }) {
  const { t } = useTranslation()
  const toast = useToast()
  const { config } = bind.state
  const preset = hasSeedSession(config)
  return (
    <FormSection title={t('methods.sessionSection')} help={t('methods.sessionHelp')} testId="run-section-session">
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            bind.set('config', withSeedSession(config))
            toast({ message: t('methods.seedPresetDone') })
          }}
          disabled={preset}
          title={preset ? t('methods.seedPresetApplied') : t('methods.seedPresetHint')}
          data-testid="run-seed-preset"
        >
          {t('methods.seedPreset')}
        </button>
        <span className="muted small">{t('methods.seedPresetHint')}</span>
      </div>
      <div className="form-grid">
        <Field label={t('methods.opening')} hint={t('methods.openingHint')} error={bind.errors['config.opening']}>
          {(control) => (
            <select
              {...control}
              value={config.opening}
              onChange={(event) => bind.set('config.opening', event.target.value)}
              data-testid={testIdFor('config.opening')}
            >
              {(['greeting', 'seed'] as const).map((opening) => (
                <option key={opening} value={opening}>
                  {t(`methods.openings.${opening}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('methods.endToken')} hint={t('methods.endTokenHint')} error={bind.errors['config.endToken']}>
          {(control) => (
            <input
              {...control}
              type="text"
              spellCheck={false}
              value={config.endToken ?? ''}
              placeholder={t('methods.endTokenPlaceholder')}
              onChange={(event) => bind.set('config.endToken', event.target.value === '' ? null : event.target.value)}
              data-testid={testIdFor('config.endToken')}
            />
          )}
        </Field>
        <NumberField
          bind={bind}
          path="config.minTurns"
          label={t('methods.minTurns')}
          hint={t('methods.minTurnsHint')}
        />
      </div>
    </FormSection>
  )
}
