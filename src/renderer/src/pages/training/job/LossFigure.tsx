import { useTranslation } from 'react-i18next'
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { TrainingJobView } from '@shared/training'
import { Figure } from '../../evaluation/figure/Figure'
import { AXIS, AXIS_LABEL, FIGURE_WIDTH, GRID, PALETTE, TICK } from '../../evaluation/figure/figureStyle'
import type { Provenance } from '../../evaluation/figure/provenance'
import { zeroBasedTicks } from '../../evaluation/results/histogram'
import { formatLearningRate, formatLoss, lastPoint, lastValue } from './jobMetrics'

/**
 * Training loss and evaluation loss against the step, live while the job runs; exportable like the evaluation figures.
 */
export function LossFigure({ job, provenance }: { job: TrainingJobView; provenance: Provenance }) {
  const { t } = useTranslation()
  const points = job.points.filter((p) => p.loss !== null || p.evalLoss !== null)
  if (points.length === 0) {
    return (
      <section className="result-section" data-testid="training-loss-empty">
        <h3>{t('training.chart.title')}</h3>
        <p className="muted small">{t('training.chart.empty', { steps: job.config.logging_steps })}</p>
      </section>
    )
  }
  const hasEval = points.some((p) => p.evalLoss !== null)
  // The whole run on the x axis (0 to the total steps), so the curve also shows how far training is.
  const last = lastPoint(job)
  const ticks = zeroBasedTicks(Math.max(last?.totalSteps ?? 0, last?.step ?? 1), 8)
  const roundTicks = ticks.every(Number.isInteger) ? ticks : undefined
  const labels = { loss: t('training.chart.loss'), evalLoss: t('training.chart.evalLoss') }
  const notes = [
    t('training.chart.finalLoss', {
      loss: formatLoss(lastValue(job, 'loss')),
      eval: formatLoss(lastValue(job, 'evalLoss')),
    }),
    t('training.chart.settings', {
      model: job.config.model_name_or_path,
      lr: formatLearningRate(job.config.learning_rate),
      epochs: job.config.num_train_epochs,
      scheduler: job.config.lr_scheduler_type,
    }),
    t('training.chart.points', { count: points.length, every: job.config.logging_steps }),
  ]
  const csv = () => ({
    columns: ['step', 'total_steps', 'epoch', 'loss', 'eval_loss', 'learning_rate', 'elapsed_seconds'],
    rows: job.points.map((p) => [p.step, p.totalSteps, p.epoch, p.loss, p.evalLoss, p.learningRate, p.elapsedSeconds]),
  })
  return (
    <Figure
      kind="training-loss"
      slug="loss"
      title={t('training.chart.figureTitle', { name: job.name })}
      legend={[
        { label: labels.loss, color: PALETTE[0] },
        ...(hasEval ? [{ label: labels.evalLoss, color: PALETTE[1], mark: 'dashed' as const }] : []),
      ]}
      notes={notes}
      data={csv}
      provenance={provenance}
    >
      <LineChart width={FIGURE_WIDTH} height={320} data={points} margin={{ top: 12, right: 24, bottom: 4, left: 12 }}>
        <CartesianGrid stroke={GRID} />
        <XAxis
          type="number"
          dataKey="step"
          domain={roundTicks ? [0, roundTicks[roundTicks.length - 1]] : [0, 'dataMax']}
          ticks={roundTicks}
          allowDecimals={false}
          height={44}
          tick={TICK}
          stroke={AXIS}
          label={{ value: t('training.chart.stepAxis'), position: 'insideBottom', offset: 0, style: AXIS_LABEL }}
        />
        <YAxis
          tick={TICK}
          stroke={AXIS}
          width={56}
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => v.toFixed(2)}
          label={{
            value: t('training.chart.lossAxis'),
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            style: { ...AXIS_LABEL, textAnchor: 'middle' },
          }}
        />
        <Tooltip
          labelFormatter={(step) => t('training.chart.tooltipStep', { step })}
          formatter={(value, name) => [formatLoss(Number(value)), name === 'evalLoss' ? labels.evalLoss : labels.loss]}
        />
        <Line
          type="linear"
          dataKey="loss"
          stroke={PALETTE[0]}
          strokeWidth={2}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        {hasEval && (
          <Line
            type="linear"
            dataKey="evalLoss"
            stroke={PALETTE[1]}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={{ r: 3, fill: PALETTE[1] }}
            connectNulls
            isAnimationActive={false}
          />
        )}
      </LineChart>
    </Figure>
  )
}
