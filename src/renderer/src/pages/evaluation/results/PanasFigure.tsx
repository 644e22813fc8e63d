import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import {
  PANAS_ATTITUDES,
  PANAS_POLARITIES,
  type Comparison,
  type PanasAttitude,
  type PanasGroup,
  type PanasPolarity,
  type PanasResult,
} from '@shared/evaluation'
import { Figure } from '../figure/Figure'
import { AXIS, AXIS_LABEL, GRID, INK, PALETTE, TICK } from '../figure/figureStyle'
import type { Provenance } from '../figure/provenance'
import { useDrill } from './drill'
import { num, testLine } from './statText'

type GroupId = 'all' | PanasAttitude

interface PanasFigureProps {
  datasets: PanasResult[]
  comparison: Record<PanasPolarity, Comparison> | null
  datasetName: (id: string) => string
  provenance: Provenance
}

const groupOf = (d: PanasResult, g: GroupId, p: PanasPolarity): PanasGroup | undefined =>
  g === 'all' ? d.polarities[p] : d.attitudes[g]?.[p]

/**
 * Mean change (after − before) of positive and negative affect, for all dialogues and per attitude group of the cards,
 * one bar per dataset and polarity with ±1 SD error bars; each polarity's t-test under the chart.
 */
export function PanasFigure({ datasets, comparison, datasetName, provenance }: PanasFigureProps) {
  const { t } = useTranslation()
  const drill = useDrill()
  const names = datasets.map((d) => datasetName(d.datasetId))
  const groups: GroupId[] = ['all', ...PANAS_ATTITUDES.filter((a) => datasets.some((d) => d.attitudes[a]))]
  const series = datasets.flatMap((d, i) =>
    PANAS_POLARITIES.map((p, j) => ({
      key: `${i}_${p}`,
      dataset: i,
      polarity: p,
      color: PALETTE[(i * PANAS_POLARITIES.length + j) % PALETTE.length],
      label:
        datasets.length > 1
          ? t('results.panasSeries', { dataset: names[i], polarity: t(`results.panasPolarities.${p}`) })
          : t(`results.panasPolarities.${p}`),
    })),
  )
  const data = groups.map((g) => ({
    group: t(`results.panasGroups.${g}`),
    ...Object.fromEntries(
      series.flatMap((s) => {
        const group = groupOf(datasets[s.dataset], g, s.polarity)
        return [
          [`m${s.key}`, group?.change.mean ?? null],
          [`sd${s.key}`, group?.change.std ?? 0],
        ]
      }),
    ),
  }))

  const notes = [
    ...groups.flatMap((g) =>
      PANAS_POLARITIES.map((p) => {
        const lines = datasets
          .map((d, i) => {
            const group = groupOf(d, g, p)
            return t('results.panasGroup', {
              dataset: names[i],
              before: num(group?.before, 2),
              after: num(group?.after, 2),
              mean: num(group?.change.mean, 2),
              sd: num(group?.change.std, 2),
              n: group?.n ?? 0,
            })
          })
          .join(t('results.separator'))
        const line = comparison && g === 'all' ? `${lines} — ${testLine(comparison[p])}` : lines
        return t('results.prefixed', {
          prefix: t('results.panasNote', {
            group: t(`results.panasGroups.${g}`),
            polarity: t(`results.panasPolarities.${p}`),
          }),
          line,
        })
      }),
    ),
    ...datasets.map((d, i) =>
      t('results.panasCounts', {
        dataset: names[i],
        dialogues: d.dialogues,
        skipped: d.skipped,
        failures: d.failures,
        calls: d.calls,
      }),
    ),
    t('results.panasReading'),
  ]
  const csv = () => ({
    columns: ['dataset', 'attitude', 'polarity', 'before', 'after', 'change', 'change_sd', 'n'],
    rows: datasets.flatMap((d, i) =>
      groups.flatMap((g) =>
        PANAS_POLARITIES.map((p) => {
          const group = groupOf(d, g, p)
          return [
            names[i],
            g,
            p,
            group?.before ?? null,
            group?.after ?? null,
            group?.change.mean ?? null,
            group?.change.std ?? null,
            group?.n ?? 0,
          ]
        }),
      ),
    ),
  })

  return (
    <Figure
      kind="panas"
      slug="panas"
      title={t('results.panasTitle')}
      legend={series.map((s) => ({ label: s.label, color: s.color }))}
      notes={notes}
      data={csv}
      provenance={provenance}
    >
      <BarChart
        width={Math.min(720, 200 + groups.length * series.length * 36)}
        height={320}
        data={data}
        margin={{ top: 12, right: 20, bottom: 12, left: 12 }}
        barGap={2}
        barCategoryGap="24%"
      >
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="group" tick={{ ...TICK, fontSize: 13 }} stroke={AXIS} />
        <YAxis
          domain={[(min: number) => Math.min(-1, Math.floor(min)), (max: number) => Math.max(1, Math.ceil(max))]}
          allowDecimals
          tick={TICK}
          stroke={AXIS}
          width={56}
          label={{
            value: t('results.panasAxis'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            style: { ...AXIS_LABEL, textAnchor: 'middle' },
          }}
        />
        <ReferenceLine y={0} stroke={INK} />
        <Tooltip
          formatter={(value, name) => [
            num(Number(value), 2),
            series.find((s) => `m${s.key}` === String(name))?.label ?? String(name),
          ]}
        />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={`m${s.key}`}
            fill={s.color}
            isAnimationActive={false}
            cursor={drill ? 'pointer' : undefined}
            // The dialogues of the dataset by this polarity's change, least improved first.
            onClick={() =>
              drill?.({
                metric: `${s.polarity} change`,
                datasetId: datasets[s.dataset].datasetId,
                order: s.polarity === 'negative' ? 'desc' : 'asc',
              })
            }
          >
            <ErrorBar dataKey={`sd${s.key}`} width={6} strokeWidth={1.5} stroke={INK} direction="y" />
          </Bar>
        ))}
      </BarChart>
    </Figure>
  )
}
