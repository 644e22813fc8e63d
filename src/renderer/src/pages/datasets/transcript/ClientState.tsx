import { useTranslation } from 'react-i18next'
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { ClientStateTrace } from '@shared/clients/dynamic'
import type { Message } from '@shared/dialogue'
import { AXIS, GRID, PALETTE, TICK } from '../../evaluation/figure/figureStyle'

export interface ClientStatePoint extends ClientStateTrace {
  /** Counselor turns before this client reply. */
  turn: number
  /** The message's position in the transcript (1-based, as its meta shows it). */
  message: number
}

/** The dynamic client's state at each of its replies, in order; empty for a dialogue without a state trace. */
export function clientStatePoints(messages: Pick<Message, 'speaker' | 'trace' | 'index'>[]): ClientStatePoint[] {
  let turn = 0
  const points: ClientStatePoint[] = []
  for (const m of messages) {
    if (m.speaker === 'counselor') turn++
    const state = m.speaker === 'client' ? m.trace?.clientState : undefined
    if (state) points.push({ ...state, turn, message: m.index + 1 })
  }
  return points
}

/** Brings a transcript message into view (1-based, as its meta shows it). */
function showMessage(position: number) {
  const element = document.querySelector<HTMLElement>(
    `[data-testid="transcript-message"][data-index="${position - 1}"]`,
  )
  element?.scrollIntoView({ block: 'center' })
}

/**
 * A small line chart of trust and emotional intensity across the client's turns, and the values as a table; a click
 * on a turn (in the chart or the table) shows its message.
 */
export function ClientStateChart({ messages }: { messages: Pick<Message, 'speaker' | 'trace' | 'index'>[] }) {
  const { t } = useTranslation()
  const points = clientStatePoints(messages)
  if (points.length === 0) return null
  const trust = t('clients.transcript.trust')
  const emotion = t('clients.transcript.emotion')
  const data = points.map((p) => ({ turn: p.turn, [trust]: p.trust, [emotion]: p.emotion }))
  return (
    <details className="plain-details client-state-box" open data-testid="client-state-chart">
      <summary>{t('clients.transcript.chartTitle')}</summary>
      <p className="muted small">{t('clients.transcript.chartHelp')}</p>
      <div className="client-state-figure" role="img" aria-label={t('clients.transcript.chartTitle')}>
        <LineChart
          width={460}
          height={180}
          data={data}
          margin={{ top: 8, right: 16, bottom: 10, left: 0 }}
          onClick={(state) => {
            const point = points.find((p) => p.turn === Number(state?.activeLabel))
            if (point) showMessage(point.message)
          }}
        >
          <CartesianGrid stroke={GRID} />
          <XAxis
            dataKey="turn"
            tick={TICK}
            stroke={AXIS}
            allowDecimals={false}
            label={{ value: t('clients.transcript.turn'), position: 'insideBottomRight', offset: -2, ...TICK }}
          />
          <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} interval={0} tick={TICK} stroke={AXIS} width={28} />
          <Tooltip labelFormatter={(turn) => t('clients.transcript.turnN', { n: turn })} />
          <Legend />
          <Line type="monotone" dataKey={trust} stroke={PALETTE[0]} strokeWidth={2} isAnimationActive={false} />
          <Line type="monotone" dataKey={emotion} stroke={PALETTE[1]} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </div>
      <details className="plain-details">
        <summary>{t('clients.transcript.tableTitle')}</summary>
        <table className="data-table client-state-table" data-testid="client-state-table">
          <thead>
            <tr>
              <th scope="col">{t('clients.transcript.turn')}</th>
              <th scope="col">{trust}</th>
              <th scope="col">{emotion}</th>
              <th scope="col">{t('clients.transcript.stage')}</th>
              <th scope="col">{t('clients.transcript.resistance')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.message} data-testid="client-state-row">
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => showMessage(p.message)}
                    title={t('clients.transcript.showMessage', { n: p.message })}
                  >
                    {p.turn}
                  </button>
                </td>
                <td>{p.trust}</td>
                <td>{p.emotion}</td>
                <td>{t(`clients.stages.${p.stage}`)}</td>
                <td>{p.resistance ? t(`clients.behaviours.${p.resistance}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </details>
  )
}

/** The state a client reply was spoken from, and the resistance it was asked to show, as tags on the message. */
export function ClientStateTags({ state }: { state: ClientStateTrace }) {
  const { t } = useTranslation()
  return (
    <>
      <span
        className="badge badge-neutral"
        title={`${t(`clients.transcript.how.${state.how}`)}${state.note ? ` — ${t('clients.transcript.ruleFallback')}` : ''}${
          state.disclosed ? ` · ${t('clients.transcript.disclosed', { count: state.disclosed })}` : ''
        }`}
        data-testid="client-state-tag"
      >
        {t('clients.transcript.stateTag', {
          trust: state.trust,
          emotion: state.emotion,
          stage: t(`clients.stages.${state.stage}`),
        })}
      </span>
      {state.resistance && (
        <span className="badge badge-warning" data-testid="client-resistance-tag" data-behaviour={state.resistance}>
          {t('clients.transcript.resistanceTag', { behaviour: t(`clients.behaviours.${state.resistance}`) })}
        </span>
      )}
    </>
  )
}
