import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from 'recharts'
import {
  CTRS_GROUPS,
  CTRS_ITEMS,
  CTRS_SCALE,
  type CtrsEvaluationResult,
  type CtrsGroupId,
  type CtrsItemId,
  type CtrsResult,
} from '@shared/evaluation'
import { Figure } from '../figure/Figure'
import { AXIS, AXIS_LABEL, FIGURE_WIDTH, GRID, INK, PALETTE, TICK } from '../figure/figureStyle'
import type { Provenance } from '../figure/provenance'
import { useDrill } from './drill'
import { num, testLine } from './statText'

interface CtrsFigureProps {
  datasets: CtrsResult[]
  comparison: CtrsEvaluationResult['comparison']
  datasetName: (id: string) => string
  provenance: Provenance
}

type Measure = { kind: 'item'; id: CtrsItemId } | { kind: 'group'; id: CtrsGroupId }
/** The bars, top to bottom: the six items, then the two group means. */
export const CTRS_MEASURES: Measure[] = [
  ...CTRS_ITEMS.map((i) => ({ kind: 'item' as const, id: i.id })),
  ...CTRS_GROUPS.map((g) => ({ kind: 'group' as const, id: g.id })),
]
const statOf = (d: CtrsResult, m: Measure) => (m.kind === 'item' ? d.items[m.id] : d.groups[m.id])

/** The six items' and two groups' means (0–6) with ±1 SD error bars, one bar per dataset; t-tests under them. */
export function CtrsFigure({ datasets, comparison, datasetName, provenance }: CtrsFigureProps) {
  const { t } = useTranslation()
  const drill = useDrill()
  const names = datasets.map((d) => datasetName(d.datasetId))
  const metricOf = (m: Measure) =>
    m.kind === 'item' ? CTRS_ITEMS.find((i) => i.id === m.id)!.metric : CTRS_GROUPS.find((g) => g.id === m.id)!.metric
  const label = (m: Measure) =>
    m.kind === 'item'
      ? t(`results.ctrsItems.${m.id}`)
      : t('results.ctrsGroupMean', { group: t(`results.ctrsGroups.${m.id}`) })
  const data = CTRS_MEASURES.map((m) => ({
    measure: label(m),
    ...Object.fromEntries(
      datasets.flatMap((d, i) => [
        [`m${i}`, statOf(d, m)?.mean ?? null],
        [`sd${i}`, statOf(d, m)?.std ?? 0],
      ]),
    ),
  }))

  const notes = [
    ...CTRS_MEASURES.map((m) => {
      const groups = datasets
        .map((d, i) =>
          t('results.waiGroup', {
            dataset: names[i],
            mean: num(statOf(d, m)?.mean, 2),
            sd: num(statOf(d, m)?.std, 2),
            n: statOf(d, m)?.n ?? 0,
          }),
        )
        .join(t('results.separator'))
      const line = comparison ? `${groups} — ${testLine(comparison[m.id])}` : groups
      return t('results.prefixed', { prefix: label(m), line })
    }),
    t('results.waiFailures', {
      list: datasets.map((d, i) => `${names[i]} ${d.failures} / ${d.calls}`).join(t('results.separator')),
    }),
    t('results.ctrsReading'),
  ]
  const csv = () => ({
    columns: ['dataset', 'measure', 'name', 'mean', 'sd', 'n'],
    rows: datasets.flatMap((d, i) =>
      CTRS_MEASURES.map((m) => [
        names[i],
        m.kind,
        m.kind === 'item'
          ? CTRS_ITEMS.find((x) => x.id === m.id)!.metric
          : CTRS_GROUPS.find((x) => x.id === m.id)!.metric,
        statOf(d, m)?.mean ?? null,
        statOf(d, m)?.std ?? null,
        statOf(d, m)?.n ?? 0,
      ]),
    ),
  })
  const ticks = Array.from({ length: CTRS_SCALE.max - CTRS_SCALE.min + 1 }, (_, i) => CTRS_SCALE.min + i)

  return (
    <Figure
      kind="ctrs"
      slug="ctrs"
      title={t('results.ctrsTitle')}
      legend={names.map((name, i) => ({ label: name, color: PALETTE[i] }))}
      notes={notes}
      data={csv}
      provenance={provenance}
    >
      <BarChart
        layout="vertical"
        width={FIGURE_WIDTH}
        height={CTRS_MEASURES.length * (datasets.length > 1 ? 46 : 34) + 64}
        data={data}
        margin={{ top: 8, right: 28, bottom: 4, left: 8 }}
        barGap={2}
        barCategoryGap="22%"
      >
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis
          type="number"
          domain={[CTRS_SCALE.min, CTRS_SCALE.max]}
          ticks={ticks}
          allowDataOverflow
          height={44}
          tick={TICK}
          stroke={AXIS}
          label={{ value: t('results.ctrsAxis'), position: 'insideBottom', offset: 0, style: AXIS_LABEL }}
        />
        <YAxis type="category" dataKey="measure" width={250} tick={TICK} stroke={AXIS} interval={0} />
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
            onClick={(_, index) => drill?.({ metric: metricOf(CTRS_MEASURES[index]), datasetId: d.datasetId })}
          >
            <ErrorBar dataKey={`sd${i}`} width={6} strokeWidth={1.5} stroke={INK} direction="x" />
          </Bar>
        ))}
      </BarChart>
    </Figure>
  )
}
