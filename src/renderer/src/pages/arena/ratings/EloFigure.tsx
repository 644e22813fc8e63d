import { useTranslation } from 'react-i18next'
import { CartesianGrid, ComposedChart, ErrorBar, Line, ReferenceLine, XAxis, YAxis } from 'recharts'
import type { ArenaReport } from '@shared/arena'
import { Figure } from '../../evaluation/figure/Figure'
import { AXIS, AXIS_LABEL, FIGURE_WIDTH, GRID, INK, PALETTE, TICK } from '../../evaluation/figure/figureStyle'
import type { Provenance } from '../../evaluation/figure/provenance'
import { niceTicks, tickDigits } from '../../evaluation/results/histogram'
import { num } from '../../evaluation/results/statText'

const OFFSET = 0.12

/** Round ticks whose range holds [lo, hi] (niceTicks stays inside it, which would clip an interval's end). */
function coveringTicks(lo: number, hi: number): number[] {
  const inside = niceTicks(lo, hi, 6)
  const step = inside.length > 1 ? inside[1] - inside[0] : Math.max(1, hi - lo)
  const first = Math.floor(lo / step) * step
  const count = Math.ceil((hi - first) / step - 1e-9)
  return Array.from({ length: count + 1 }, (_, i) => Number((first + i * step).toFixed(10)))
}

/** Bradley–Terry ratings with their 95% bootstrap intervals as error bars, the online Elo beside them, best first. */
export function EloFigure({ report, provenance }: { report: ArenaReport; provenance: Provenance }) {
  const { t } = useTranslation()
  const rows = [...report.rows].sort((a, b) => b.bt - a.bt)
  // The two estimates side by side around each contestant's position, so neither hides the other.
  const btData = rows.map((row, i) => ({ x: i - OFFSET, bt: row.bt, ci: [row.bt - row.btLow, row.btHigh - row.bt] }))
  const eloData = rows.map((row, i) => ({ x: i + OFFSET, elo: row.elo }))
  const values = rows
    .flatMap((row) => [row.btLow, row.btHigh, row.elo, report.settings.initial])
    .filter(Number.isFinite)
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const pad = Math.max(5, (hi - lo) * 0.08)
  const ticks = coveringTicks(lo - pad, hi + pad)
  const digits = tickDigits(ticks)
  const labels = { bt: t('arena.figure.bt'), elo: t('arena.figure.elo') }
  const s = report.settings

  const notes = [
    ...rows.map((row) =>
      t('arena.figure.rowNote', {
        name: row.contestant,
        bt: num(row.bt, 1),
        low: num(row.btLow, 1),
        high: num(row.btHigh, 1),
        elo: num(row.elo, 1),
      }),
    ),
    t('arena.figure.settingsNote', {
      k: s.k,
      initial: s.initial,
      scale: s.scale,
      rounds: s.bootstrapRounds,
      seed: s.seed,
    }),
    t('arena.figure.battlesNote', { battles: report.battles, ties: report.ties, failures: report.failures }),
    t('arena.figure.reading'),
  ]
  const csv = () => ({
    columns: [
      'contestant',
      'dialogues',
      'selections',
      'selections_per_dialogue',
      'elo',
      'bt',
      'bt_ci_low',
      'bt_ci_high',
    ],
    rows: rows.map((r) => [
      r.contestant,
      r.dialogues,
      r.selections,
      Number(r.selectionsPerDialogue.toFixed(4)),
      Number(r.elo.toFixed(2)),
      Number(r.bt.toFixed(2)),
      Number(r.btLow.toFixed(2)),
      Number(r.btHigh.toFixed(2)),
    ]),
  })

  return (
    <Figure
      kind="arena-ratings"
      slug={`ratings-${report.referee}${report.annotator ? `-${report.annotator}` : ''}`}
      title={t(report.referee === 'human' ? 'arena.figure.titleHuman' : 'arena.figure.titleLlm')}
      legend={[
        { label: labels.bt, color: PALETTE[0] },
        { label: labels.elo, color: PALETTE[1] },
        { label: t('arena.figure.initialLine', { initial: s.initial }), color: INK, mark: 'dashed' },
      ]}
      notes={notes}
      data={csv}
      provenance={provenance}
    >
      <ComposedChart
        width={Math.min(FIGURE_WIDTH, 200 + rows.length * 110)}
        height={340}
        margin={{ top: 12, right: 24, bottom: 8, left: 12 }}
      >
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          type="number"
          dataKey="x"
          domain={[-0.5, rows.length - 0.5]}
          ticks={rows.map((_, i) => i)}
          interval={0}
          tickFormatter={(i: number) => rows[i]?.contestant ?? ''}
          tick={TICK}
          stroke={AXIS}
          height={40}
        />
        <YAxis
          domain={[ticks[0], ticks[ticks.length - 1]]}
          ticks={ticks}
          allowDataOverflow
          tick={TICK}
          stroke={AXIS}
          width={56}
          tickFormatter={(v: number) => v.toFixed(digits)}
          label={{
            value: t('arena.figure.axis'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            style: { ...AXIS_LABEL, textAnchor: 'middle' },
          }}
        />
        <ReferenceLine y={s.initial} stroke={INK} strokeDasharray="6 3" strokeWidth={1} />
        <Line
          data={btData}
          dataKey="bt"
          stroke="none"
          isAnimationActive={false}
          dot={{ r: 5, fill: PALETTE[0], stroke: PALETTE[0] }}
          activeDot={false}
        >
          <ErrorBar dataKey="ci" direction="y" width={10} strokeWidth={1.5} stroke={PALETTE[0]} />
        </Line>
        <Line
          data={eloData}
          dataKey="elo"
          stroke="none"
          isAnimationActive={false}
          dot={{ r: 5, fill: '#ffffff', stroke: PALETTE[1], strokeWidth: 2 }}
          activeDot={false}
        />
      </ComposedChart>
    </Figure>
  )
}
