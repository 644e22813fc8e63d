import { useVocabulary } from './useVocabulary'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { Comparison, TopicResult } from '@shared/evaluation'
import { Figure } from '../figure/Figure'
import { AXIS, AXIS_LABEL, FIGURE_WIDTH, GRID, PALETTE, TICK } from '../figure/figureStyle'
import type { Provenance } from '../figure/provenance'
import { tickDigits, zeroBasedTicks } from './histogram'
import { useDrill } from './drill'
import { num, testLine } from './statText'

interface TopicsFigureProps {
  datasets: TopicResult[]
  comparison: Comparison | null
  datasetName: (id: string) => string
  provenance: Provenance
}

/** Each dataset's labels summed over rounds, and the share of all its classified dialogue-rounds. */
function topicShares(result: TopicResult): { totals: Record<string, number>; classified: number; failures: number } {
  const totals: Record<string, number> = {}
  let failures = 0
  for (const round of result.rounds) {
    failures += round.failures
    for (const [topic, count] of Object.entries(round.counts)) totals[topic] = (totals[topic] ?? 0) + count
  }
  const classified = Object.values(totals).reduce((a, b) => a + b, 0)
  return { totals, classified, failures }
}

/** Topic distribution bars (one or two datasets side by side), sorted by share; entropy and its t-test under them. */
export function TopicsFigure({ datasets, comparison, datasetName, provenance }: TopicsFigureProps) {
  const { t } = useTranslation()
  const drill = useDrill()
  const shares = useMemo(() => datasets.map(topicShares), [datasets])
  const { topicLabel } = useVocabulary()
  const names = datasets.map((d) => datasetName(d.datasetId))
  const rows = useMemo(() => {
    const topics = [...new Set(shares.flatMap((s) => Object.keys(s.totals)))]
    const share = (i: number, topic: string) =>
      shares[i].classified > 0 ? (shares[i].totals[topic] ?? 0) / shares[i].classified : 0
    return topics
      .map(
        (topic) =>
          ({
            topic,
            ...Object.fromEntries(shares.map((s, i) => [`d${i}`, share(i, topic)])),
            total: shares.reduce((n, _, i) => n + share(i, topic), 0),
          }) as { topic: string; total: number } & Record<string, number>,
      )
      .sort((a, b) => b.total - a.total || a.topic.localeCompare(b.topic))
  }, [shares])
  const ticks = useMemo(
    () => zeroBasedTicks(Math.max(0, ...rows.flatMap((row) => shares.map((_, i) => row[`d${i}`]))), 5),
    [rows, shares],
  )
  const percentDigits = Math.max(0, tickDigits(ticks) - 2)
  const rowHeight = datasets.length > 1 ? 26 : 18
  const height = Math.max(180, 70 + rows.length * rowHeight)

  const notes = [
    ...datasets.map((d, i) =>
      t('results.topicDatasetLine', {
        dataset: names[i],
        mean: num(d.entropy.mean),
        sd: num(d.entropy.std),
        rounds: d.rounds.length,
        classified: shares[i].classified,
        topics: Object.keys(shares[i].totals).length,
        failures: shares[i].failures,
      }),
    ),
    ...(comparison ? [testLine(comparison, t('results.entropyComparison', { a: names[0], b: names[1] }))] : []),
    t('results.topicReading'),
  ]
  const csv = () => ({
    columns: ['topic', 'label', ...names.flatMap((name) => [`${name} dialogue-rounds`, `${name} share`])],
    rows: rows.map((row) => [
      row.topic,
      topicLabel(row.topic),
      ...shares.flatMap((s, i) => [s.totals[row.topic] ?? 0, Number(row[`d${i}`].toFixed(6))]),
    ]),
  })

  return (
    <Figure
      kind="topics"
      slug="topics"
      title={t('results.topicsTitle')}
      legend={datasets.length > 1 ? names.map((name, i) => ({ label: name, color: PALETTE[i] })) : []}
      notes={notes}
      data={csv}
      provenance={provenance}
    >
      {rows.length === 0 ? (
        <p className="muted">{t('results.noTopics')}</p>
      ) : (
        <BarChart
          layout="vertical"
          width={FIGURE_WIDTH}
          height={height}
          data={rows}
          margin={{ top: 8, right: 28, bottom: 4, left: 8 }}
          barGap={1}
          barCategoryGap={datasets.length > 1 ? '18%' : '22%'}
        >
          <CartesianGrid horizontal={false} stroke={GRID} />
          <XAxis
            type="number"
            domain={[0, ticks[ticks.length - 1]]}
            ticks={ticks}
            height={44}
            tick={TICK}
            stroke={AXIS}
            tickFormatter={(v: number) => `${(v * 100).toFixed(percentDigits)}%`}
            label={{ value: t('results.topicAxis'), position: 'insideBottom', offset: 0, style: AXIS_LABEL }}
          />
          <YAxis
            type="category"
            dataKey="topic"
            width={210}
            tick={TICK}
            stroke={AXIS}
            interval={0}
            tickFormatter={topicLabel}
          />
          <Tooltip
            formatter={(value, name) => [
              `${(Number(value) * 100).toFixed(1)}%`,
              names[Number(String(name).slice(1))] ?? String(name),
            ]}
          />
          {datasets.map((d, i) => (
            <Bar
              key={d.datasetId}
              dataKey={`d${i}`}
              fill={PALETTE[i]}
              isAnimationActive={false}
              cursor={drill ? 'pointer' : undefined}
              // The dataset's dialogues the judge gave this topic in the first round.
              onClick={(_, index) => drill?.({ metric: 'round 1', label: rows[index].topic, datasetId: d.datasetId })}
            />
          ))}
        </BarChart>
      )}
    </Figure>
  )
}
