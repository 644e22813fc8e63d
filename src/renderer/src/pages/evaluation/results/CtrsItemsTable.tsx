import { useTranslation } from 'react-i18next'
import { CTRS_GROUPS, CTRS_ITEMS, type CtrsEvaluationResult, type CtrsResult } from '@shared/evaluation'
import { DataTable } from '../../../components/DataTable'
import { DrillCell } from './DrillCell'
import { num } from './statText'

/** The six items by group, then the two group means: M (SD) per dataset, and the t-test's p and d with two. */
export function CtrsItemsTable({
  datasets,
  comparison,
  datasetName,
}: {
  datasets: CtrsResult[]
  comparison: CtrsEvaluationResult['comparison']
  datasetName: (id: string) => string
}) {
  const { t } = useTranslation()
  const cell = (s: { mean: number; std: number } | undefined) =>
    t('results.ctrsCell', { mean: num(s?.mean, 2), sd: num(s?.std, 2) })
  const tested = (id: keyof NonNullable<typeof comparison>) =>
    comparison
      ? [
          <td key="p" className="numeric">
            {num(comparison[id].p, 3)}
          </td>,
          <td key="holm" className="numeric">
            {num(comparison[id].pHolm, 3)}
          </td>,
          <td key="d" className="numeric">
            {num(comparison[id].cohensD, 2)}
          </td>,
        ]
      : null
  return (
    <section className="result-section" aria-labelledby="ctrs-items-title" data-testid="ctrs-items">
      <h3 id="ctrs-items-title">{t('results.ctrsItemsTitle')}</h3>
      <DataTable
        columns={[
          { label: t('results.item') },
          { label: t('results.ctrsGroup') },
          ...datasets.map((d) => ({ label: datasetName(d.datasetId), numeric: true })),
          ...(comparison
            ? [
                { label: 'p', numeric: true },
                { label: t('results.pHolm'), numeric: true },
                { label: t('results.cohensD'), numeric: true },
              ]
            : []),
        ]}
        scrollClassName="result-table-scroll"
      >
        {CTRS_ITEMS.map((item) => (
          <tr key={item.id} data-testid="ctrs-item-row">
            <th scope="row">{t(`results.ctrsItems.${item.id}`)}</th>
            <td>{t(`results.ctrsGroups.${item.group}`)}</td>
            {datasets.map((d) => (
              <td key={d.datasetId} className="numeric">
                <DrillCell target={{ metric: item.metric, datasetId: d.datasetId }}>{cell(d.items[item.id])}</DrillCell>
              </td>
            ))}
            {tested(item.id)}
          </tr>
        ))}
        {CTRS_GROUPS.map((group) => (
          <tr key={group.id} data-testid="ctrs-group-row">
            <th scope="row">{t('results.ctrsGroupMean', { group: t(`results.ctrsGroups.${group.id}`) })}</th>
            <td>{t(`results.ctrsGroups.${group.id}`)}</td>
            {datasets.map((d) => (
              <td key={d.datasetId} className="numeric">
                <DrillCell target={{ metric: group.metric, datasetId: d.datasetId }}>
                  {cell(d.groups[group.id])}
                </DrillCell>
              </td>
            ))}
            {tested(group.id)}
          </tr>
        ))}
      </DataTable>
      <p className="muted small">{t('results.ctrsItemsNote')}</p>
      {comparison && <p className="muted small">{t('results.ctrsHolmNote')}</p>}
    </section>
  )
}
