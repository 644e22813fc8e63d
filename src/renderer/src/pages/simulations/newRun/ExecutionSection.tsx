import { useTranslation } from 'react-i18next'
import { FormSection } from '../../../components/FormSection'
import { NumberField } from './fields'
import type { FormBinding } from './runFormState'

/** Reproducibility and scale: seed, dialogues in flight, samples and follow-up sessions per card. */
export function ExecutionSection({ bind }: { bind: FormBinding }) {
  const { t } = useTranslation()
  return (
    <FormSection title={t('runForm.executionSection')} help={t('runForm.executionHelp')} testId="run-section-execution">
      <div className="form-grid">
        <NumberField bind={bind} path="config.seed" label={t('runForm.seed')} hint={t('runForm.seedHint')} />
        <NumberField
          bind={bind}
          path="config.concurrency"
          label={t('runForm.concurrency')}
          hint={t('runForm.concurrencyHint')}
        />
        <NumberField
          bind={bind}
          path="config.samplesPerCard"
          label={t('runForm.samplesPerCard')}
          hint={t('runForm.samplesPerCardHint')}
        />
        <NumberField
          bind={bind}
          path="config.sessionsPerCard"
          label={t('runForm.sessionsPerCard')}
          hint={t('runForm.sessionsPerCardHint')}
        />
      </div>
    </FormSection>
  )
}
