import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../../lib/format'
import { focalIndex, type ArenaFormState } from './arenaFormState'
import { planSummary } from './planSummary'

/** The plan before it starts: combinations × dialogues each, and how often every pair of contestants will meet. */
export function BattlePreview({ state }: { state: ArenaFormState }) {
  const { t } = useTranslation()
  const { contestants } = state.config
  const focal = focalIndex(state)
  const plan = planSummary(state.config, t, focal)
  if (!plan) {
    return (
      <p className="muted small" data-testid="arena-plan">
        {t('arena.form.planIncomplete')}
      </p>
    )
  }
  const { total, shared, sharedWithFocal, decisionsText: decisions } = plan
  const met = (i: number, j: number) =>
    sharedWithFocal !== null && (i === focal || j === focal) ? sharedWithFocal : shared
  const names = contestants.map((c, i) => c.name.trim() || t('arena.form.contestantN', { n: i + 1 }))

  return (
    <div className="arena-plan" data-testid="arena-plan" data-total={total}>
      <p>
        <strong data-testid="arena-plan-total">{plan.totalText}</strong>
        <span className="muted"> = {plan.formulaText}</span>
      </p>
      {decisions && <p className="muted small">{decisions}</p>}
      <div className="table-scroll arena-matrix-scroll">
        <table
          className="data-table arena-matrix"
          aria-label={t('arena.form.matrixLabel')}
          data-testid="arena-plan-matrix"
        >
          <caption className="muted small">
            {sharedWithFocal !== null
              ? t('arena.form.matrixCaptionFocal')
              : t('arena.form.matrixCaption', { count: shared, formatted: formatNumber(shared) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('arena.ratings.contestant')}</span>
              </th>
              {names.map((name, j) => (
                <th key={contestants[j].key} scope="col" className="numeric" title={name}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.map((name, i) => (
              <tr key={contestants[i].key}>
                <th scope="row">{name}</th>
                {names.map((_, j) => (
                  <td key={contestants[j].key} className={`numeric${i === j ? ' arena-matrix-self' : ''}`}>
                    {i === j ? '—' : formatNumber(met(i, j))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
