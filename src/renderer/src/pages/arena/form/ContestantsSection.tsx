import { useTranslation } from 'react-i18next'
import type { PromptTemplateView } from '@shared/promptApi'
import type { EndpointView } from '@shared/endpoint'
import { FormSection } from '../../../components/FormSection'
import { MAX_CONTESTANTS, newContestant, type ArenaBinding } from './arenaFormState'
import { ContestantRow } from './ContestantRow'

interface ContestantsSectionProps {
  bind: ArenaBinding
  endpoints: EndpointView[]
  templates: PromptTemplateView[]
}

/** The counselors that answer side by side: two at least, twelve at most. */
export function ContestantsSection({ bind, endpoints, templates }: ContestantsSectionProps) {
  const { t } = useTranslation()
  const { contestants } = bind.state.config
  const counselorTemplates = templates.filter((template) => template.kind === 'counselor')
  const full = contestants.length >= MAX_CONTESTANTS
  const add = () => {
    const last = contestants[contestants.length - 1]
    bind.set('config.contestants', [
      ...contestants,
      newContestant(contestants.length + 1, last?.endpointId ?? endpoints[0]?.id ?? '', templates),
    ])
  }
  const remove = (index: number) =>
    bind.set(
      'config.contestants',
      contestants.filter((_, i) => i !== index),
    )

  return (
    <FormSection
      title={t('arena.form.contestantsSection')}
      help={t('arena.form.contestantsHelp')}
      testId="arena-section-contestants"
    >
      {bind.errors['config.contestants'] && (
        <p className="field-error" role="alert">
          {bind.errors['config.contestants']}
        </p>
      )}
      {contestants.map((contestant, index) => (
        <ContestantRow
          key={contestant.key}
          bind={bind}
          index={index}
          contestant={contestant}
          endpoints={endpoints}
          counselorTemplates={counselorTemplates}
          onRemove={contestants.length > 2 ? () => remove(index) : null}
        />
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={add}
          disabled={full}
          title={
            full ? t('arena.form.maxContestantsReason', { max: MAX_CONTESTANTS }) : t('arena.form.addContestantHint')
          }
          data-testid="arena-add-contestant"
        >
          {t('arena.form.addContestant')}
        </button>
      </div>
    </FormSection>
  )
}
