import { useTranslation } from 'react-i18next'
import { WAI_FACTORS, WAI_REVERSED, type WaiConfig, type WaiResult } from '@shared/evaluation'
import { DataTable } from '../../../components/DataTable'
import { DrillCell } from './DrillCell'
import { num } from './statText'
import { useVocabulary } from './useVocabulary'
import { FACTORS } from './WaiFigure'

const factorOf = (item: number) => FACTORS.find((f) => (WAI_FACTORS[f] as readonly number[]).includes(item))!

/** The twelve items' means (after reverse scoring), by factor, one column per dataset. */
export function WaiItemsTable({
  datasets,
  datasetName,
  itemScoring = 'reverse-scored',
}: {
  datasets: WaiResult[]
  datasetName: (id: string) => string
  itemScoring?: WaiConfig['itemScoring']
}) {
  const { t } = useTranslation()
  const items = FACTORS.flatMap((factor) => [...WAI_FACTORS[factor]])
  const { itemText } = useVocabulary()
  return (
    <section className="result-section" aria-labelledby="wai-items-title" data-testid="wai-items">
      <h3 id="wai-items-title">{t('results.waiItemsTitle')}</h3>
      <DataTable
        columns={[
          { label: t('results.item') },
          { label: t('results.factor') },
          ...datasets.map((d) => ({ label: datasetName(d.datasetId), numeric: true })),
        ]}
        scrollClassName="result-table-scroll"
      >
        {items.map((item) => (
          <tr key={item} data-testid="wai-item-row">
            <th scope="row">
              {t('results.itemNumber', { n: item })}
              {(WAI_REVERSED as readonly number[]).includes(item) && (
                <span className="muted small">
                  {' '}
                  {t(itemScoring === 'as-rated' ? 'results.asRated' : 'results.reversed')}
                </span>
              )}
              {itemText(item) && <div className="muted small">{itemText(item)}</div>}
            </th>
            <td>{t(`results.factors.${factorOf(item)}`)}</td>
            {datasets.map((d) => (
              <td key={d.datasetId} className="numeric">
                <DrillCell target={{ metric: `item ${item}`, datasetId: d.datasetId }}>
                  {num(d.items[item], 2)}
                </DrillCell>
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p className="muted small">{t('results.waiItemsNote')}</p>
    </section>
  )
}
