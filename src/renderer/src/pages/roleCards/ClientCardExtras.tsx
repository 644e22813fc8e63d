import { useTranslation } from 'react-i18next'
import type { ResistanceBehaviour } from '@shared/roleCard'

interface ClientCardExtrasProps {
  withheld: { text: string; threshold: string | number }[]
  behaviours: { behaviour: ResistanceBehaviour; frequency: string | number }[]
}

/** What only the dynamic client reads of a card: its withheld facts and resistance behaviours (nothing when none). */
export function ClientCardExtras({ withheld, behaviours }: ClientCardExtrasProps) {
  const { t } = useTranslation()
  if (withheld.length + behaviours.length === 0) return null
  return (
    <div className="preview-extra" data-testid="card-client-extras">
      <p className="muted small">{t('clients.card.previewExtra')}</p>
      <dl className="summary-list">
        {withheld.map((fact, i) => (
          <div key={`fact-${i}`}>
            <dt>{t('clients.card.previewFact', { threshold: fact.threshold })}</dt>
            <dd className="selectable">{fact.text}</dd>
          </div>
        ))}
        {behaviours.length > 0 && (
          <div>
            <dt>{t('clients.card.behaviours')}</dt>
            <dd>{behaviours.map((b) => `${t(`clients.behaviours.${b.behaviour}`)} ${b.frequency}`).join(' · ')}</dd>
          </div>
        )}
      </dl>
    </div>
  )
}
