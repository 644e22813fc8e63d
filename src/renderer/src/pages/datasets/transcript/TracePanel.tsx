import { createContext, useContext } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { MAGNET_SPECIALISTS } from '@shared/counselors/magnet'
import type { TraceStep, TurnTrace } from '@shared/dialogue'
import { formatLatency, formatNumber } from '../../../lib/format'

/** A session's CBT technique and plan, as MAGneT/CACTUS dialogues (and imported MAGneT sessions) keep them in meta. */
export interface SessionPlan {
  technique: string | null
  plan: string | null
}

export function sessionPlanOf(meta: Record<string, unknown>): SessionPlan | null {
  const text = (value: unknown) =>
    value === undefined || value === null || value === ''
      ? null
      : typeof value === 'string'
        ? value
        : JSON.stringify(value, null, 2)
  const technique = text(meta.cbt_technique)
  const plan = text(meta.cbt_plan)
  return technique || plan ? { technique, plan } : null
}

/** What a transcript gives the traces in it: the session's plan, and the call log entry of a step (when found). */
export interface TraceLinks {
  session: SessionPlan | null
  callOf: (step: TraceStep) => number | null
  showCall: (callId: number) => void
}
export const TraceContext = createContext<TraceLinks | null>(null)

const isSpecialist = (agent: string) => (MAGNET_SPECIALISTS as readonly string[]).includes(agent)

/** The session's CBT technique and plan (shown once above a transcript, and in each trace). */
export function SessionPlanView({ plan, testId }: { plan: SessionPlan; testId?: string }) {
  const { t } = useTranslation()
  return (
    <dl className="session-plan" data-testid={testId}>
      {plan.technique && (
        <div>
          <dt>{t('methods.trace.technique')}</dt>
          <dd className="selectable" data-testid="session-plan-technique">
            {plan.technique}
          </dd>
        </div>
      )}
      {plan.plan && (
        <div>
          <dt>{t('methods.trace.plan')}</dt>
          <dd className="selectable session-plan-text" data-testid="session-plan-text">
            {plan.plan}
          </dd>
        </div>
      )}
    </dl>
  )
}

/** A call's model, latency and tokens, with a link to its entry in the call log when the transcript has one. */
function StepMeta({ step }: { step: TraceStep }) {
  const { t } = useTranslation()
  const links = useContext(TraceContext)
  const callId = links?.callOf(step) ?? null
  const meta = [
    step.model,
    step.latencyMs !== null ? formatLatency(step.latencyMs) : null,
    step.promptTokens !== null || step.completionTokens !== null
      ? t('transcript.tokens', {
          prompt: formatNumber(step.promptTokens ?? 0),
          completion: formatNumber(step.completionTokens ?? 0),
        })
      : null,
  ].filter(Boolean)
  return (
    <div className="message-meta trace-meta">
      <span>{meta.join(' · ')}</span>
      {links && callId !== null && (
        <button
          type="button"
          className="link-button"
          onClick={() => links.showCall(callId)}
          title={t('methods.trace.callLogHint')}
          data-testid="trace-call-link"
          data-call-id={callId}
        >
          {t('methods.trace.callLog')}
        </button>
      )}
    </div>
  )
}

const agentName = (t: TFunction, agent: string) => t(`methods.agents.${agent}`, { defaultValue: agent })

/**
 * How a multi-agent reply was made: the session's technique and plan, the specialists' candidates, the selected
 * techniques and the composed reply (or, for other methods, each call in order), each with its cost.
 */
export function TracePanel({ trace, id }: { trace: TurnTrace; id?: string }) {
  const { t } = useTranslation()
  const links = useContext(TraceContext)
  const steps = trace.steps ?? []
  const candidates = steps.filter((s) => isSpecialist(s.agent))
  const others = steps.filter((s) => !isSpecialist(s.agent))
  const firstSpecialist = steps.findIndex((s) => isSpecialist(s.agent))
  const before = others.filter((s) => steps.indexOf(s) < firstSpecialist || firstSpecialist < 0)
  const after = others.filter((s) => firstSpecialist >= 0 && steps.indexOf(s) > firstSpecialist)

  const step = (s: TraceStep, index: number) => {
    const title =
      s.agent === 'technique'
        ? t('methods.trace.selected')
        : s.agent === 'composer'
          ? t('methods.trace.composed')
          : agentName(t, s.agent)
    return (
      <section
        key={`${s.agent}-${index}`}
        className={`trace-step trace-${s.agent}`}
        data-testid="trace-step"
        data-agent={s.agent}
      >
        <h5>{title}</h5>
        {s.parsed && s.parsed.length > 0 && (
          <div className="trace-selected" data-testid="trace-selected">
            {s.parsed.map((name) => (
              <span key={name} className="badge badge-neutral">
                {name}
              </span>
            ))}
          </div>
        )}
        {s.agent === 'technique' && s.parsed?.length ? (
          <details className="plain-details">
            <summary>{agentName(t, s.agent)}</summary>
            <div className="trace-content selectable">{s.content}</div>
          </details>
        ) : (
          <div className="trace-content selectable">{s.content}</div>
        )}
        <StepMeta step={s} />
      </section>
    )
  }

  return (
    <div className="trace-panel" id={id} data-testid="trace-panel" data-method={trace.method ?? ''}>
      {links?.session && (
        <details className="plain-details">
          <summary>{t('methods.trace.session')}</summary>
          <SessionPlanView plan={links.session} />
        </details>
      )}
      {before.map(step)}
      {candidates.length > 0 && (
        <section className="trace-step" aria-label={t('methods.trace.candidates')}>
          <h5>{t('methods.trace.candidates')}</h5>
          <ol className="trace-candidates" data-testid="trace-candidates">
            {candidates.map((s) => (
              <li key={s.agent} className="trace-candidate" data-testid="trace-candidate" data-agent={s.agent}>
                <strong>{agentName(t, s.agent)}</strong>
                <div className="trace-content selectable">{s.content}</div>
                <StepMeta step={s} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {after.map(step)}
    </div>
  )
}

/** A client reply that held the end token: it ended the session, or came before the minimum and was ignored. */
export function EndTokenBadge({ endToken }: { endToken: NonNullable<TurnTrace['endToken']> }) {
  const { t } = useTranslation()
  return (
    <span
      className={`badge ${endToken.counted ? 'badge-success' : 'badge-neutral'}`}
      title={t(endToken.counted ? 'methods.trace.endCountedHint' : 'methods.trace.endIgnoredHint')}
      data-testid="end-token-badge"
      data-counted={String(endToken.counted)}
    >
      {t(endToken.counted ? 'methods.trace.endCounted' : 'methods.trace.endIgnored', { token: endToken.token })}
    </span>
  )
}
