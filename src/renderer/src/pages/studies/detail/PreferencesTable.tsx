import { useTranslation } from 'react-i18next'
import type { StudyResults, StudyView } from '@shared/study'
import { formatNumber } from '../../../lib/format'
import { pValue, percentInterval } from './resultText'
import { markPooled, useKeyName } from './ResultsTab'
import { sourceName } from './StudySettings'
import type { UnitFilter } from './UnitsTab'

/**
 * Pairwise: per aspect (and all pooled), how often the first source was preferred over the second when not tied, with
 * its 95% Wilson interval, the ties, and a two-sided sign test.
 */
export function PreferencesTable({
  study,
  results,
  onShowUnits,
}: {
  study: StudyView
  results: StudyResults
  onShowUnits: (filter: UnitFilter) => void
}) {
  const { t } = useTranslation()
  const keyName = useKeyName(study)
  const rows = markPooled(results.preferences)
  const name = (index: number) =>
    sourceName({ label: results.sources[index]?.label ?? '', datasetName: study.sources[index]?.datasetName }, index)
  const [first, second] = [name(0), name(1)]

  return (
    <section className="result-section" aria-labelledby="study-preferences-title">
      <h3 id="study-preferences-title">{t('studies.results.preferencesTitle')}</h3>
      <p className="muted small">{t('studies.results.preferencesHelp', { first, second })}</p>
      <div className="table-scroll result-table-scroll">
        <table className="data-table result-table" data-testid="study-preferences">
          <thead>
            <tr>
              <th scope="col">{t('studies.results.aspect')}</th>
              <th scope="col" className="numeric">
                {t('studies.results.prefers', { name: first })}
              </th>
              <th scope="col" className="numeric">
                {t('studies.results.prefers', { name: second })}
              </th>
              <th scope="col" className="numeric">
                {t('studies.results.ties')}
              </th>
              <th scope="col" className="numeric">
                {t('studies.results.rate', { name: first })}
              </th>
              <th scope="col" className="numeric">
                {t('studies.results.signTest')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, pooled, stat }, index) => {
              const decided = stat.first + stat.second
              return (
                <tr key={index} data-key={key} className={pooled ? 'study-overall' : undefined}>
                  <th scope="row">
                    {keyName(key, pooled)}
                    {!pooled && <span className="mono muted small study-key"> {key}</span>}
                  </th>
                  {(
                    [
                      [stat.first, -1, t('studies.results.prefers', { name: first })],
                      [stat.second, 1, t('studies.results.prefers', { name: second })],
                      [stat.ties, 0, t('studies.results.ties')],
                    ] as const
                  ).map(([count, value, answer]) => {
                    const label = `${keyName(key, pooled)}: ${answer}`
                    return (
                      <td key={value} className="numeric">
                        {count > 0 ? (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => onShowUnits({ answer: { key, value, label } })}
                            title={t('studies.results.countHint', { label })}
                            data-testid={`study-preference-count-${pooled ? 'pooled' : key}-${value}`}
                          >
                            {formatNumber(count)}
                          </button>
                        ) : (
                          formatNumber(count)
                        )}
                      </td>
                    )
                  })}
                  <td className="numeric study-rate-cell">
                    <span className="study-rate">
                      <span
                        className="study-rate-bar"
                        aria-hidden
                        style={
                          { '--rate': stat.rate ?? 0.5, '--low': stat.low ?? 0, '--high': stat.high ?? 1 } as never
                        }
                      />
                      {percentInterval(stat.rate, stat.low, stat.high)}
                    </span>
                    <div className="muted small">{t('studies.results.decided', { count: decided })}</div>
                  </td>
                  <td className="numeric">{pValue(stat.p)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
