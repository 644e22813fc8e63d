import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionGroups } from '@shared/sessionGroups'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { DrillCell } from './DrillCell'
import { num } from './statText'

/**
 * The per-dialogue results grouped by session index, for analyses of follow-up sessions (WAI, PANAS, consistency… over
 * sessions 1..S): each session's mean ± SD (n) per metric and, from session 2 on, its change against session 1
 * (paired by case, t-test); a click lists that session's dialogues below. Shown only when the analysed dialogues are
 * sessions of cases.
 */
export function SessionGroupsSection({
  evaluationId,
  metricLabel,
}: {
  evaluationId: string
  metricLabel: (metric: string) => string
}) {
  const { t } = useTranslation()
  const [grouped, setGrouped] = useState<SessionGroups | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let live = true
    api
      .evaluationSessionGroups({ id: evaluationId })
      .then((g) => live && (setGrouped(g), setError(null)))
      .catch((e: unknown) => live && setError(e))
    return () => {
      live = false
    }
  }, [evaluationId])

  if (error != null) return <ErrorBanner>{errorMessage(error)}</ErrorBanner>
  if (!grouped || !grouped.groups.some((g) => g.sessionIndex !== null)) return null
  // Metrics with numbers (a label-only metric, such as a round's topic, has no mean).
  const metrics = grouped.metrics.filter((m) => grouped.groups.some((g) => g.stats[m]?.n > 0))
  return (
    <section className="result-section" aria-labelledby="by-session-title" data-testid="by-session">
      <h3 id="by-session-title">{t('results.bySession.title')}</h3>
      <p className="muted small">{t('results.bySession.help')}</p>
      <DataTable
        columns={[
          { label: t('results.bySession.session') },
          { label: t('results.bySession.dialogues'), numeric: true },
          ...metrics.map((m) => ({ label: metricLabel(m), numeric: true })),
        ]}
        className="result-table"
        testId="by-session-table"
      >
        {grouped.groups.map((g) => (
          <tr key={g.sessionIndex ?? 'none'} data-testid="by-session-row" data-session={g.sessionIndex ?? ''}>
            <th scope="row">
              {g.sessionIndex === null
                ? t('results.bySession.noCase')
                : t('results.bySession.sessionN', { index: g.sessionIndex })}
            </th>
            <td className="numeric">{g.dialogues}</td>
            {metrics.map((m) => {
              const s = g.stats[m]
              const text = s.n === 0 ? '—' : `${num(s.mean, 2)} ± ${num(s.sd, 2)} (${s.n})`
              const change = s.change
              return (
                <td key={m} className="numeric">
                  {g.sessionIndex === null || s.n === 0 ? (
                    text
                  ) : (
                    <DrillCell target={{ metric: m, sessionIndex: g.sessionIndex }}>{text}</DrillCell>
                  )}
                  {change && (
                    <div className="muted small" data-testid="by-session-change">
                      {t('results.bySession.change', {
                        diff: `${change.meanDifference > 0 ? '+' : ''}${num(change.meanDifference, 2)}`,
                        p: change.p === null ? '—' : change.p < 0.001 ? '< 0.001' : `= ${change.p.toFixed(3)}`,
                        count: change.n,
                      })}
                    </div>
                  )}
                </td>
              )
            })}
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
