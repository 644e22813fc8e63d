import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { FidelityResult } from '@shared/evaluation'
import { Figure } from '../figure/Figure'
import { AXIS, AXIS_LABEL, FIGURE_WIDTH, GRID, INK, PALETTE, TICK } from '../figure/figureStyle'
import { safeFileName, type Provenance } from '../figure/provenance'
import { binRange, useDrill } from './drill'
import { histogram, niceTicks, tickDigits } from './histogram'
import { finite, groupLine, meanOf, testLine } from './statText'

interface FidelityFigureProps {
  kind: 'overlap' | 'embedding'
  /** One figure per dataset: with two, the dataset goes into the file name. */
  several: boolean
  result: FidelityResult
  datasetName: string
  provenance: Provenance
}

/**
 * Per-dialogue values with the own card (mapping) and a deranged card (random), as overlaid histograms with their
 * means.
 */
export function FidelityFigure({ kind, several, result, datasetName, provenance }: FidelityFigureProps) {
  const { t } = useTranslation()
  const drill = useDrill()
  const mapping = useMemo(() => finite(result.mapping), [result.mapping])
  const random = useMemo(() => finite(result.random), [result.random])
  const { lo, hi, rows } = useMemo(() => histogram([mapping, random], 20), [mapping, random])
  const ticks = useMemo(() => niceTicks(lo, hi, 7), [lo, hi])
  const digits = tickDigits(ticks)
  const data = rows.map((row) => ({
    x: row.x,
    from: row.from,
    to: row.to,
    mapping: row.counts[0],
    random: row.counts[1],
  }))
  const labels = { mapping: t('results.mapping'), random: t('results.random') }
  const means = { mapping: meanOf(mapping), random: meanOf(random) }
  const c = result.comparison

  const notes = [
    groupLine(labels.mapping, c.a),
    groupLine(labels.random, c.b),
    testLine(c),
    t('results.skipped', { count: result.skipped }),
    t('results.fidelityReading'),
  ]
  const csv = () => ({
    columns: ['dataset', 'dialogue', 'mapping', 'random'],
    rows: result.mapping.map((value, i) => [datasetName, i + 1, value, result.random[i] ?? null]),
  })

  return (
    <Figure
      kind={kind}
      slug={several ? `${kind}-${safeFileName(datasetName)}` : kind}
      title={t(`results.fidelityTitle.${kind}`, { dataset: datasetName })}
      legend={[
        { label: labels.mapping, color: PALETTE[0] },
        { label: labels.random, color: PALETTE[1] },
        { label: t('results.meanLines'), color: INK, mark: 'dashed' },
      ]}
      notes={notes}
      data={csv}
      provenance={provenance}
    >
      <BarChart
        width={FIGURE_WIDTH}
        height={340}
        data={data}
        margin={{ top: 12, right: 24, bottom: 4, left: 12 }}
        barGap={0}
        barCategoryGap="6%"
      >
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          type="number"
          dataKey="x"
          domain={[lo, hi]}
          ticks={ticks}
          allowDataOverflow
          height={44}
          tick={TICK}
          stroke={AXIS}
          tickFormatter={(v: number) => v.toFixed(digits)}
          label={{ value: t(`results.fidelityAxis.${kind}`), position: 'insideBottom', offset: 0, style: AXIS_LABEL }}
        />
        <YAxis
          allowDecimals={false}
          tick={TICK}
          stroke={AXIS}
          width={48}
          label={{
            value: t('results.dialoguesAxis'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            style: { ...AXIS_LABEL, textAnchor: 'middle' },
          }}
        />
        <Tooltip
          labelFormatter={(_, payload) => {
            const row = payload?.[0]?.payload as { from: number; to: number } | undefined
            return row ? `${row.from.toFixed(3)} – ${row.to.toFixed(3)}` : ''
          }}
          formatter={(value, name) => [value, name === 'mapping' ? labels.mapping : labels.random]}
        />
        {(['mapping', 'random'] as const).map((metric, i) => (
          <Bar
            key={metric}
            dataKey={metric}
            fill={PALETTE[i]}
            fillOpacity={0.85}
            isAnimationActive={false}
            cursor={drill ? 'pointer' : undefined}
            onClick={(_, index) =>
              drill?.({
                metric,
                datasetId: result.datasetId,
                ...binRange(data[index].from, data[index].to, index === data.length - 1),
              })
            }
          />
        ))}
        {Number.isFinite(means.mapping) && (
          <ReferenceLine
            x={means.mapping}
            stroke={PALETTE[0]}
            strokeWidth={2}
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
          />
        )}
        {Number.isFinite(means.random) && (
          <ReferenceLine
            x={means.random}
            stroke={PALETTE[1]}
            strokeWidth={2}
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
          />
        )}
      </BarChart>
    </Figure>
  )
}
