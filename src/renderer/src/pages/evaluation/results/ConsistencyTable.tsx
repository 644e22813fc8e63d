import { useTranslation } from 'react-i18next'
import type { Comparison, ConsistencyResult } from '@shared/evaluation'
import { DataTable } from '../../../components/DataTable'
import { DrillCell } from './DrillCell'
import { int, num, testLine } from './statText'

/** Client consistency: one row per dataset (contradiction rate, shares, counts) and the test of two datasets. */
export function ConsistencyTable({
  datasets,
  comparison,
  datasetName,
}: {
  datasets: ConsistencyResult[]
  comparison: Comparison | null
  datasetName: (id: string) => string
}) {
  const { t } = useTranslation()
  const c = (key: string) => t(`results.consistencyColumns.${key}`)
  return (
    <section className="result-section" aria-labelledby="consistency-title" data-testid="consistency-table">
      <h3 id="consistency-title">{t('results.consistencyTitle')}</h3>
      <DataTable
        columns={[
          { label: t('results.failureDataset') },
          ...['rate', 'sd', 'any', 'fast', 'n', 'skipped', 'failures'].map((k) => ({ label: c(k), numeric: true })),
        ]}
        scrollClassName="result-table-scroll"
      >
        {datasets.map((d) => (
          <tr key={d.datasetId} data-testid="consistency-row">
            <th scope="row">{datasetName(d.datasetId)}</th>
            <td className="numeric">
              <DrillCell target={{ metric: 'contradiction rate', datasetId: d.datasetId }}>
                {num(d.contradictionRate.mean)}
              </DrillCell>
            </td>
            <td className="numeric">{num(d.contradictionRate.std)}</td>
            <td className="numeric">
              <DrillCell target={{ metric: 'contradictions', datasetId: d.datasetId }}>
                {num(d.anyContradiction)}
              </DrillCell>
            </td>
            <td className="numeric">
              <DrillCell target={{ metric: 'fast recovery', datasetId: d.datasetId }}>{num(d.fastRecovery)}</DrillCell>
            </td>
            <td className="numeric">{int(d.n)}</td>
            <td className="numeric">{int(d.skipped)}</td>
            <td className="numeric">{int(d.failures)}</td>
          </tr>
        ))}
      </DataTable>
      {comparison && <p className="small">{t('results.consistencyTest', { test: testLine(comparison) })}</p>}
      <p className="muted small">{t('results.consistencyNote')}</p>
    </section>
  )
}
