import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { DistinctEvaluationResult } from '@shared/evaluation'
import { DataTable } from '../../../components/DataTable'
import { formatNumber } from '../../../lib/format'
import { Figure } from '../figure/Figure'
import { AXIS, AXIS_LABEL, GRID, PALETTE, TICK } from '../figure/figureStyle'
import type { Provenance } from '../figure/provenance'
import { useDrill } from './drill'
import { num } from './statText'

interface DistinctProps {
  result: DistinctEvaluationResult
  datasetName: (id: string) => string
}

const colorOf = (i: number) => PALETTE[i % PALETTE.length]

/** The chart's rows: one per measure (Distinct-1..n, then EAD), with each dataset's value as d0, d1, ... */
export function distinctChartData(result: DistinctEvaluationResult): ({ measure: string } & Record<string, unknown>)[] {
  const { datasets } = result
  const ns = datasets[0]?.ngrams.map((g) => g.n) ?? []
  const measures = [
    ...ns.map((n) => ({ label: `Distinct-${n}`, value: (i: number) => datasets[i].ngrams[n - 1]?.distinct ?? null })),
    { label: 'EAD', value: (i: number) => datasets[i].ead },
  ]
  return measures.map((m) => ({
    measure: m.label,
    ...Object.fromEntries(datasets.map((_, i) => [`d${i}`, m.value(i)])),
  }))
}

/** Distinct-1..n and EAD, one bar per dataset (up to 8, in the order chosen). */
export function DistinctFigure({ result, datasetName, provenance }: DistinctProps & { provenance: Provenance }) {
  const { t } = useTranslation()
  const drill = useDrill()
  const { datasets, vocabulary } = result
  const names = datasets.map((d) => datasetName(d.datasetId))
  const ns = datasets[0]?.ngrams.map((g) => g.n) ?? []
  const data = distinctChartData(result)
  const top = Math.max(
    1,
    ...data.flatMap((row) => datasets.map((_, i) => (typeof row[`d${i}`] === 'number' ? (row[`d${i}`] as number) : 0))),
  )

  const notes = [
    ...datasets.map((d, i) =>
      t('results.distinctNote', {
        dataset: names[i],
        values: [...d.ngrams.map((g) => `Distinct-${g.n} = ${num(g.distinct, 4)}`), `EAD = ${num(d.ead, 4)}`].join(
          t('results.listSeparator'),
        ),
        tokens: formatNumber(d.tokens),
        count: d.dialogues,
        dialogues: formatNumber(d.dialogues),
      }),
    ),
    t('results.distinctVocabulary', {
      size: formatNumber(vocabulary.size),
      source: t(`results.distinctVocabularySources.${vocabulary.source}`),
    }),
    t('results.distinctReading'),
  ]
  const csv = () => ({
    columns: ['dataset', 'dialogues', 'tokens', ...ns.flatMap((n) => [`distinct-${n}`, `unique ${n}-grams`]), 'ead'],
    rows: datasets.map((d, i) => [
      names[i],
      d.dialogues,
      d.tokens,
      ...d.ngrams.flatMap((g) => [g.distinct, g.unique]),
      d.ead,
    ]),
  })

  return (
    <Figure
      kind="distinct"
      slug="distinct-n"
      title={t('results.distinctTitle')}
      legend={names.map((name, i) => ({ label: name, color: colorOf(i) }))}
      notes={notes}
      data={csv}
      provenance={provenance}
    >
      <BarChart
        width={Math.min(720, 360 + datasets.length * 60)}
        height={320}
        data={data}
        margin={{ top: 12, right: 20, bottom: 12, left: 12 }}
        barGap={2}
        barCategoryGap="20%"
      >
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="measure" tick={{ ...TICK, fontSize: 13 }} stroke={AXIS} />
        <YAxis
          domain={[0, Math.ceil(top * 10) / 10]}
          tick={TICK}
          stroke={AXIS}
          width={48}
          label={{
            value: t('results.distinctAxis'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            style: { ...AXIS_LABEL, textAnchor: 'middle' },
          }}
        />
        <Tooltip
          formatter={(value, name) => [num(Number(value), 4), names[Number(String(name).slice(1))] ?? String(name)]}
        />
        {datasets.map((d, i) => (
          <Bar
            key={d.datasetId}
            dataKey={`d${i}`}
            fill={colorOf(i)}
            isAnimationActive={false}
            cursor={drill ? 'pointer' : undefined}
            // A Distinct-n bar: the dataset's dialogues by their own Distinct-n, most repetitive first (EAD is pooled).
            onClick={(_, index) => {
              const n = /^Distinct-(\d)$/.exec(data[index].measure)?.[1]
              drill?.({ metric: n ? `distinct-${n}` : 'tokens', datasetId: d.datasetId })
            }}
          />
        ))}
      </BarChart>
    </Figure>
  )
}

/** One row per dataset: dialogues, tokens, Distinct-n, different n-grams, EAD. */
export function DistinctTable({ result, datasetName }: DistinctProps) {
  const { t } = useTranslation()
  const ns = result.datasets[0]?.ngrams.map((g) => g.n) ?? []
  return (
    <section className="result-section" aria-labelledby="distinct-table-title" data-testid="distinct-table">
      <h3 id="distinct-table-title">{t('results.distinctTableTitle')}</h3>
      <DataTable
        columns={[
          { label: t('results.failureDataset') },
          { label: t('results.distinctColumns.dialogues'), numeric: true },
          { label: t('results.distinctColumns.tokens'), numeric: true },
          ...ns.map((n) => ({ label: t('results.distinctColumns.distinct', { n }), numeric: true })),
          ...ns.map((n) => ({ label: t('results.distinctColumns.unique', { n }), numeric: true })),
          { label: t('results.distinctColumns.ead'), numeric: true },
        ]}
        scrollClassName="result-table-scroll"
      >
        {result.datasets.map((d) => (
          <tr key={d.datasetId} data-testid="distinct-row">
            <th scope="row">{datasetName(d.datasetId)}</th>
            <td className="numeric">{formatNumber(d.dialogues)}</td>
            <td className="numeric">{formatNumber(d.tokens)}</td>
            {d.ngrams.map((g) => (
              <td key={`d${g.n}`} className="numeric">
                {num(g.distinct, 4)}
              </td>
            ))}
            {d.ngrams.map((g) => (
              <td key={`u${g.n}`} className="numeric">
                {formatNumber(g.unique)}
              </td>
            ))}
            <td className="numeric">{num(d.ead, 4)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
