import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from 'recharts'
import { WAI_FACTORS, type Comparison, type WaiResult } from '@shared/evaluation'
import { Figure } from '../figure/Figure'
import { AXIS, AXIS_LABEL, GRID, INK, PALETTE, TICK } from '../figure/figureStyle'
import type { Provenance } from '../figure/provenance'
import { useDrill } from './drill'
import { num, testLine } from './statText'

export const FACTORS = Object.keys(WAI_FACTORS) as (keyof typeof WAI_FACTORS)[]

interface WaiFigureProps {
  datasets: WaiResult[]
  comparison: Record<keyof typeof WAI_FACTORS, Comparison> | null
  datasetName: (id: string) => string
  provenance: Provenance
}

/** Goal, Task and Bond means (1–7) with ±1 SD error bars, one bar per dataset; t-tests per factor under them. */
export function WaiFigure({ datasets, comparison, datasetName, provenance }: WaiFigureProps) {
  const { t } = useTranslation()
  const drill = useDrill()
  const names = datasets.map((d) => datasetName(d.datasetId))
  const data = FACTORS.map((factor) => ({
    factor: t(`results.factors.${factor}`),
    ...Object.fromEntries(
      datasets.flatMap((d, i) => [
        [`m${i}`, d.factors[factor].mean ?? null],
        [`sd${i}`, d.factors[factor].std ?? 0],
      ]),
    ),
  }))

  const notes = [
    ...FACTORS.map((factor) => {
      const groups = datasets
        .map((d, i) =>
          t('results.waiGroup', {
            dataset: names[i],
            mean: num(d.factors[factor].mean, 2),
            sd: num(d.factors[factor].std, 2),
            n: d.factors[factor].perDialogue.length,
          }),
        )
        .join(t('results.separator'))
      const line = comparison ? `${groups} — ${testLine(comparison[factor])}` : groups
      return t('results.prefixed', { prefix: t(`results.factors.${factor}`), line })
    }),
    t('results.waiFailures', {
      list: datasets.map((d, i) => `${names[i]} ${d.failures} / ${d.calls}`).join(t('results.separator')),
    }),
    t('results.waiReading'),
  ]
  const csv = () => ({
    columns: ['dataset', 'measure', 'name', 'mean', 'sd', 'n'],
    rows: datasets.flatMap((d, i) => [
      ...FACTORS.map((factor) => [
        names[i],
        'factor',
        factor,
        d.factors[factor].mean,
        d.factors[factor].std,
        d.factors[factor].perDialogue.length,
      ]),
      ...Object.entries(d.items).map(([item, mean]) => [names[i], 'item', item, mean, null, null]),
    ]),
  })

  return (
    <Figure
      kind="wai"
      slug="wai"
      title={t('results.waiTitle')}
      legend={names.map((name, i) => ({ label: name, color: PALETTE[i] }))}
      notes={notes}
      data={csv}
      provenance={provenance}
    >
      <BarChart
        width={datasets.length > 1 ? 560 : 460}
        height={320}
        data={data}
        margin={{ top: 12, right: 20, bottom: 12, left: 12 }}
        barGap={4}
        barCategoryGap="28%"
      >
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="factor" tick={{ ...TICK, fontSize: 13 }} stroke={AXIS} />
        <YAxis
          domain={[1, 7]}
          ticks={[1, 2, 3, 4, 5, 6, 7]}
          allowDataOverflow
          tick={TICK}
          stroke={AXIS}
          width={48}
          label={{
            value: t('results.waiAxis'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            style: { ...AXIS_LABEL, textAnchor: 'middle' },
          }}
        />
        <Tooltip
          formatter={(value, name) => [num(Number(value), 2), names[Number(String(name).slice(1))] ?? String(name)]}
        />
        {datasets.map((d, i) => (
          <Bar
            key={d.datasetId}
            dataKey={`m${i}`}
            fill={PALETTE[i]}
            isAnimationActive={false}
            cursor={drill ? 'pointer' : undefined}
            onClick={(_, index) => drill?.({ metric: FACTORS[index], datasetId: d.datasetId })}
          >
            <ErrorBar dataKey={`sd${i}`} width={8} strokeWidth={1.5} stroke={INK} direction="y" />
          </Bar>
        ))}
      </BarChart>
    </Figure>
  )
}
