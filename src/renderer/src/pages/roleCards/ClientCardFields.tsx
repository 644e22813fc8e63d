import { useTranslation } from 'react-i18next'
import { RESISTANCE_BEHAVIOURS, TRUST_SCALE, type ResistanceBehaviour } from '@shared/roleCard'
import type { CardForm } from './cardForm'

interface ClientCardFieldsProps {
  form: CardForm
  /** Server errors by field path (indexes dropped: "withheld.threshold"). */
  errors: Record<string, string>
  onChange: (change: (form: CardForm) => CardForm) => void
}

const inRange = (text: string, max: number) => {
  const n = Number(text)
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= max
}

/** What is wrong with the rows as typed (checked as the user types; the server checks again on save). */
export function clientRowProblems(form: CardForm) {
  const facts = form.withheld.map((f) => ({
    text: f.text.trim() === '' ? 'emptyFact' : null,
    threshold: inRange(f.threshold, TRUST_SCALE) ? null : 'thresholdRange',
  }))
  const seen = new Set<string>()
  const behaviours = form.resistanceBehaviours.map((b) => {
    const duplicate = seen.has(b.behaviour)
    seen.add(b.behaviour)
    return { behaviour: duplicate ? 'duplicate' : null, frequency: inRange(b.frequency, 1) ? null : 'frequencyRange' }
  })
  const sum = form.resistanceBehaviours.reduce((s, b) => s + (Number(b.frequency) || 0), 0)
  return { facts, behaviours, sum: behaviours.every((b) => !b.frequency) && sum > 1 + 1e-9 ? sum : null }
}

/** The dynamic client's part of a card: withheld facts with trust thresholds, resistance behaviours with chances. */
export function ClientCardFields({ form, errors, onChange }: ClientCardFieldsProps) {
  const { t } = useTranslation()
  const problems = clientRowProblems(form)
  const filled = form.withheld.length + form.resistanceBehaviours.length > 0
  const anyError = Object.keys(errors).some((k) => k.startsWith('withheld') || k.startsWith('resistanceBehaviours'))
  const setFact = (i: number, patch: Partial<CardForm['withheld'][number]>) =>
    onChange((c) => ({ ...c, withheld: c.withheld.map((f, j) => (j === i ? { ...f, ...patch } : f)) }))
  const setBehaviour = (i: number, patch: Partial<CardForm['resistanceBehaviours'][number]>) =>
    onChange((c) => ({
      ...c,
      resistanceBehaviours: c.resistanceBehaviours.map((b, j) => (j === i ? { ...b, ...patch } : b)),
    }))
  const unused = RESISTANCE_BEHAVIOURS.filter((b) => !form.resistanceBehaviours.some((x) => x.behaviour === b))
  const serverError = (head: string) =>
    [
      errors[head],
      errors[`${head}.text`],
      errors[`${head}.threshold`],
      errors[`${head}.behaviour`],
      errors[`${head}.frequency`],
    ]
      .filter(Boolean)
      .join(' ')

  return (
    <details className="plain-details card-extra" open={filled || anyError} data-testid="editor-client-box">
      <summary>
        {t('clients.card.section')}{' '}
        <span className="muted small">
          {filled
            ? t('clients.card.summary', { facts: form.withheld.length, behaviours: form.resistanceBehaviours.length })
            : t('methods.card.empty')}
        </span>
      </summary>
      <p className="muted small">{t('clients.card.help')}</p>

      <h4 className="client-card-heading">{t('clients.card.withheld')}</h4>
      <p className="muted small">{t('clients.card.withheldHelp')}</p>
      {form.withheld.length === 0 && <p className="muted small">{t('clients.card.noFacts')}</p>}
      {form.withheld.map((fact, i) => {
        const p = problems.facts[i]
        return (
          <div className="client-card-row" key={i} data-testid="editor-withheld-row">
            <label className="client-card-text">
              <span className="visually-hidden">
                {t('clients.card.row', { n: i + 1 })} · {t('clients.card.factText')}
              </span>
              <input
                type="text"
                value={fact.text}
                placeholder={t('clients.card.factPlaceholder')}
                aria-invalid={p.text ? true : undefined}
                onChange={(e) => setFact(i, { text: e.target.value })}
                data-testid={`editor-withheld-text-${i}`}
              />
            </label>
            <label className="client-card-number">
              <span className="small">{t('clients.card.threshold')}</span>
              <input
                type="number"
                min={0}
                max={TRUST_SCALE}
                step={0.5}
                value={fact.threshold}
                aria-invalid={p.threshold ? true : undefined}
                onChange={(e) => setFact(i, { threshold: e.target.value })}
                data-testid={`editor-withheld-threshold-${i}`}
              />
            </label>
            <button
              type="button"
              className="button button-small"
              aria-label={t('clients.card.removeRow', { n: i + 1 })}
              onClick={() => onChange((c) => ({ ...c, withheld: c.withheld.filter((_, j) => j !== i) }))}
            >
              {t('clients.card.remove')}
            </button>
            {(p.text || p.threshold) && (
              <p className="field-error client-card-error">
                {[p.text, p.threshold]
                  .filter(Boolean)
                  .map((k) => t(`clients.card.${k}`))
                  .join(' ')}
              </p>
            )}
          </div>
        )
      })}
      {serverError('withheld') && <p className="field-error">{serverError('withheld')}</p>}
      <button
        type="button"
        className="button button-small"
        disabled={form.withheld.length >= 20}
        onClick={() => onChange((c) => ({ ...c, withheld: [...c.withheld, { text: '', threshold: '6' }] }))}
        data-testid="editor-add-withheld"
      >
        {t('clients.card.addFact')}
      </button>

      <h4 className="client-card-heading">{t('clients.card.behaviours')}</h4>
      <p className="muted small">{t('clients.card.behavioursHelp')}</p>
      {form.resistanceBehaviours.length === 0 && <p className="muted small">{t('clients.card.noBehaviours')}</p>}
      {form.resistanceBehaviours.map((entry, i) => {
        const p = problems.behaviours[i]
        return (
          <div className="client-card-row" key={i} data-testid="editor-behaviour-row">
            <label className="client-card-text">
              <span className="visually-hidden">
                {t('clients.card.row', { n: i + 1 })} · {t('clients.card.behaviour')}
              </span>
              <select
                value={entry.behaviour}
                aria-invalid={p.behaviour ? true : undefined}
                onChange={(e) => setBehaviour(i, { behaviour: e.target.value as ResistanceBehaviour })}
                data-testid={`editor-behaviour-${i}`}
              >
                {RESISTANCE_BEHAVIOURS.map((b) => (
                  <option key={b} value={b}>
                    {t(`clients.behaviours.${b}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="client-card-number">
              <span className="small">{t('clients.card.frequency')}</span>
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={entry.frequency}
                aria-invalid={p.frequency || problems.sum !== null ? true : undefined}
                onChange={(e) => setBehaviour(i, { frequency: e.target.value })}
                data-testid={`editor-behaviour-frequency-${i}`}
              />
            </label>
            <button
              type="button"
              className="button button-small"
              aria-label={t('clients.card.removeRow', { n: i + 1 })}
              onClick={() =>
                onChange((c) => ({ ...c, resistanceBehaviours: c.resistanceBehaviours.filter((_, j) => j !== i) }))
              }
            >
              {t('clients.card.remove')}
            </button>
            {(p.behaviour || p.frequency) && (
              <p className="field-error client-card-error">
                {[p.behaviour, p.frequency]
                  .filter(Boolean)
                  .map((k) => t(`clients.card.${k}`))
                  .join(' ')}
              </p>
            )}
          </div>
        )
      })}
      {problems.sum !== null && (
        <p className="field-error" data-testid="editor-behaviour-sum">
          {t('clients.card.sumTooHigh', { sum: Math.round(problems.sum * 100) / 100 })}
        </p>
      )}
      {serverError('resistanceBehaviours') && <p className="field-error">{serverError('resistanceBehaviours')}</p>}
      <button
        type="button"
        className="button button-small"
        disabled={unused.length === 0}
        onClick={() =>
          onChange((c) => ({
            ...c,
            resistanceBehaviours: [...c.resistanceBehaviours, { behaviour: unused[0], frequency: '0.1' }],
          }))
        }
        data-testid="editor-add-behaviour"
      >
        {t('clients.card.addBehaviour')}
      </button>
    </details>
  )
}
