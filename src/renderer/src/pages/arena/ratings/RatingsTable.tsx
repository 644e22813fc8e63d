import { useTranslation } from 'react-i18next'
import type { ArenaReport } from '@shared/arena'
import { formatNumber } from '../../../lib/format'
import { num } from '../../evaluation/results/statText'

/** The paper's leaderboard: dialogues, total selections, selections per dialogue, Elo, and Bradley–Terry with its 95% CI. */
export function RatingsTable({ report }: { report: ArenaReport }) {
  const { t } = useTranslation()
  return (
    <div className="table-scroll result-table-scroll">
      <table className="data-table result-table" data-testid="arena-ratings-table">
        <thead>
          <tr>
            <th scope="col">{t('arena.ratings.rank')}</th>
            <th scope="col">{t('arena.ratings.contestant')}</th>
            <th scope="col" className="numeric">
              {t('arena.ratings.dialogues')}
            </th>
            <th scope="col" className="numeric">
              {t('arena.ratings.selections')}
            </th>
            <th scope="col" className="numeric">
              {t('arena.ratings.perDialogue')}
            </th>
            <th scope="col" className="numeric">
              {t('arena.ratings.elo')}
            </th>
            <th scope="col" className="numeric">
              {t('arena.ratings.bt')}
            </th>
            <th scope="col" className="numeric">
              {t('arena.ratings.ci')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row, index) => (
            <tr key={row.contestant} data-testid="arena-rating-row" data-contestant={row.contestant} data-selections={row.selections} data-dialogues={row.dialogues}>
              <td>{index + 1}</td>
              <th scope="row">{row.contestant}</th>
              <td className="numeric">{formatNumber(row.dialogues)}</td>
              <td className="numeric">{formatNumber(row.selections)}</td>
              <td className="numeric">{num(row.selectionsPerDialogue, 2)}</td>
              <td className="numeric">{num(row.elo, 1)}</td>
              <td className="numeric">{num(row.bt, 1)}</td>
              <td className="numeric">
                [{num(row.btLow, 1)}, {num(row.btHigh, 1)}]
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
