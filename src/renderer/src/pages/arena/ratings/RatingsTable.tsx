import { useTranslation } from 'react-i18next'
import type { ArenaReport } from '@shared/arena'
import { DataTable } from '../../../components/DataTable'
import { formatNumber } from '../../../lib/format'
import { num } from '../../evaluation/results/statText'

/**
 * The paper's leaderboard: dialogues, total selections, selections per dialogue, Elo, and Bradley–Terry with its 95%
 * CI.
 */
export function RatingsTable({ report }: { report: ArenaReport }) {
  const { t } = useTranslation()
  const columns = [
    { label: t('arena.ratings.rank') },
    { label: t('arena.ratings.contestant') },
    ...(['dialogues', 'selections', 'perDialogue', 'elo', 'bt', 'ci'] as const).map((key) => ({
      label: t(`arena.ratings.${key}`),
      numeric: true,
    })),
  ]
  return (
    <DataTable columns={columns} scrollClassName="result-table-scroll" testId="arena-ratings-table">
      {report.rows.map((row, index) => (
        <tr
          key={row.contestant}
          data-testid="arena-rating-row"
          data-contestant={row.contestant}
          data-selections={row.selections}
          data-dialogues={row.dialogues}
        >
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
    </DataTable>
  )
}
