import { useTranslation } from 'react-i18next'
import type { DatasetStatistics } from '@shared/evaluation'
import { DataTable } from '../../../components/DataTable'
import { formatNumber } from '../../../lib/format'
import { isNumber, num } from './statText'

type Row = [key: keyof DatasetStatistics, digits: number | 'int']
const ROWS: Row[] = [
  ['conversations', 'int'],
  ['avgTurns', 1],
  ['clientUtterances', 'int'],
  ['counselorUtterances', 'int'],
  ['avgClientChars', 1],
  ['avgCounselorChars', 1],
  ['avgClientWords', 1],
  ['avgCounselorWords', 1],
]

/** The paper's Table 1: one column per dataset, side by side. */
export function StatsTable({ datasets }: { datasets: DatasetStatistics[] }) {
  const { t } = useTranslation()
  const cell = (value: unknown, digits: number | 'int') =>
    !isNumber(value) ? '—' : digits === 'int' ? formatNumber(value) : num(value, digits)
  return (
    <section className="result-section" aria-labelledby="stats-table-title" data-testid="stats-table">
      <h3 id="stats-table-title">{t('results.statsTitle')}</h3>
      <DataTable
        columns={[{ label: t('results.statistic') }, ...datasets.map((d) => ({ label: d.name, numeric: true }))]}
        scrollClassName="result-table-scroll"
      >
        {ROWS.map(([key, digits]) => (
          <tr key={key} data-testid="stats-row" data-stat={key}>
            <th scope="row">{t(`results.stats.${key}`)}</th>
            {datasets.map((d) => (
              <td key={d.datasetId} className="numeric">
                {cell(d[key], digits)}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p className="muted small">{t('results.statsNote')}</p>
    </section>
  )
}
