import { useTranslation } from 'react-i18next'
import { PANAS_FEELINGS, PANAS_POLARITIES, type PanasResult } from '@shared/evaluation'
import { DataTable } from '../../../components/DataTable'
import { num } from './statText'

/** The 20 feelings' means before and after, by polarity, two columns per dataset. */
export function PanasFeelingsTable({
  datasets,
  datasetName,
}: {
  datasets: PanasResult[]
  datasetName: (id: string) => string
}) {
  const { t } = useTranslation()
  return (
    <section className="result-section" aria-labelledby="panas-feelings-title" data-testid="panas-feelings">
      <h3 id="panas-feelings-title">{t('results.panasFeelingsTitle')}</h3>
      <DataTable
        columns={[
          { label: t('results.feeling') },
          { label: t('results.polarity') },
          ...datasets.flatMap((d) => [
            { label: t('results.panasBefore', { dataset: datasetName(d.datasetId) }), numeric: true },
            { label: t('results.panasAfter', { dataset: datasetName(d.datasetId) }), numeric: true },
          ]),
        ]}
        scrollClassName="result-table-scroll"
      >
        {PANAS_POLARITIES.flatMap((p) =>
          PANAS_FEELINGS[p].map((feeling) => (
            <tr key={feeling} data-testid="panas-feeling-row">
              <th scope="row">{t(`results.panasFeelings.${feeling}`)}</th>
              <td>{t(`results.panasPolarities.${p}`)}</td>
              {datasets.flatMap((d) => [
                <td key={`${d.datasetId}-before`} className="numeric">
                  {num(d.feelings[feeling]?.before, 2)}
                </td>,
                <td key={`${d.datasetId}-after`} className="numeric">
                  {num(d.feelings[feeling]?.after, 2)}
                </td>,
              ])}
            </tr>
          )),
        )}
      </DataTable>
      <p className="muted small">{t('results.panasFeelingsNote')}</p>
    </section>
  )
}
