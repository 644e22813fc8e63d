import { useTranslation } from 'react-i18next'
import type { DialogueDetail } from '@shared/dialogue'
import { StatusBadge } from '../../../components/StatusBadge'

interface CaseSessionsProps {
  detail: DialogueDetail
  /** Opens another session of the case (`delta`: how many sessions away). */
  onOpenSession: (id: string, delta: number) => void
  /** Filters the list to this case's sessions. */
  onShowCase: ((caseId: string) => void) | null
}

/**
 * A session of a case: which of its sessions this is, links to the others in order (previous, next), the summary its
 * prompts carried (made after the session before), and the summary made after it.
 */
export function CaseSessions({ detail, onOpenSession, onShowCase }: CaseSessionsProps) {
  const { t } = useTranslation()
  const { sessions, sessionIndex, caseId } = detail
  if (!caseId || sessionIndex === null || sessions.length === 0) return null
  const at = sessions.findIndex((s) => s.id === detail.id)
  const open = (i: number) => onOpenSession(sessions[i].id, i - at)
  // What this session's prompts carried: the summary made after the session before it.
  const carried = at > 0 ? sessions[at - 1] : null
  return (
    <>
      <nav className="case-bar" aria-label={t('transcript.case.label')} data-testid="case-sessions">
        <span className="muted small" title={caseId}>
          {t('transcript.case.position', { index: sessionIndex, count: sessions.length, id: caseId.slice(0, 8) })}
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={at <= 0}
          title={at <= 0 ? t('transcript.case.firstSession') : t('transcript.case.prevHint')}
          onClick={() => open(at - 1)}
          data-testid="case-prev-session"
        >
          ← {t('transcript.case.prev')}
        </button>
        {sessions.map((s, i) => (
          <button
            key={s.id}
            type="button"
            className={`link-button${i === at ? ' case-session-current' : ''}`}
            aria-current={i === at ? 'page' : undefined}
            onClick={() => i !== at && open(i)}
            title={t('transcript.case.sessionHint', { index: s.sessionIndex, count: s.turns })}
            data-testid="case-session-link"
          >
            {t('transcript.case.session', { index: s.sessionIndex })}
            {s.status !== 'completed' && <StatusBadge status={s.status} />}
          </button>
        ))}
        <button
          type="button"
          className="button button-small"
          disabled={at >= sessions.length - 1}
          title={at >= sessions.length - 1 ? t('transcript.case.lastSession') : t('transcript.case.nextHint')}
          onClick={() => open(at + 1)}
          data-testid="case-next-session"
        >
          {t('transcript.case.next')} →
        </button>
        {onShowCase && (
          <button
            type="button"
            className="link-button"
            onClick={() => onShowCase(caseId)}
            title={t('transcript.case.showCaseHint')}
            data-testid="case-show-only"
          >
            {t('transcript.case.showCase')}
          </button>
        )}
      </nav>
      {carried?.summary && (
        <details className="plain-details case-summary" data-testid="case-carried">
          <summary>{t('transcript.case.carried', { index: carried.sessionIndex })}</summary>
          <p>{carried.summary}</p>
        </details>
      )}
      {detail.sessionSummary && (
        <details className="plain-details case-summary" data-testid="case-summary">
          <summary>{t('transcript.case.summary', { index: sessionIndex })}</summary>
          <p>{detail.sessionSummary}</p>
        </details>
      )}
    </>
  )
}
