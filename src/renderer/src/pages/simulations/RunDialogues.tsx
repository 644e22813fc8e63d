import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { DialogueSummary } from '@shared/dialogue'
import type { RunSummary } from '@shared/simulation'
import { api } from '../../api/client'
import { DataTable } from '../../components/DataTable'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useNavigate } from '../../components/Navigation'
import { endReasonShort } from '../../lib/dialogueText'
import { errorMessage } from '../../lib/errors'
import { formatNumber } from '../../lib/format'

/** The most dialogues read for the distribution (a larger run is summed up from its first ones, and says so). */
const READ = 10000
const SHOWN = 50

/**
 * A finished run's dialogues: how many turns they took (a bar per turn count) and characters per turn, and the list
 * (fewest turns first: the ones that ended early are the ones to read), each opening its transcript.
 */
export function RunDialogues({ run }: { run: RunSummary }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [dialogues, setDialogues] = useState<{ total: number; items: DialogueSummary[] } | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let live = true
    api
      .listDialogues({ runId: run.id, sort: 'turns', order: 'asc', limit: READ })
      .then((page) => live && setDialogues(page))
      .catch((e: unknown) => live && setError(e))
    return () => {
      live = false
    }
  }, [run.id, run.status])
  if (error != null) return <ErrorBanner>{errorMessage(error)}</ErrorBanner>
  if (!dialogues || dialogues.items.length === 0) return null
  const byTurns = new Map<number, number>()
  for (const d of dialogues.items) byTurns.set(d.turns, (byTurns.get(d.turns) ?? 0) + 1)
  const data = [...byTurns].sort((a, b) => a[0] - b[0]).map(([turns, n]) => ({ turns, n }))
  const perTurn = dialogues.items.filter((d) => d.turns > 0).map((d) => d.chars / d.turns)
  const meanPerTurn = perTurn.reduce((s, x) => s + x, 0) / Math.max(1, perTurn.length)
  return (
    <section className="result-section" aria-labelledby="run-dialogues-title" data-testid="run-dialogues">
      <h3 id="run-dialogues-title">{t('dashboard.dialoguesTitle')}</h3>
      <p className="muted small">
        {t('dashboard.dialoguesSummary', {
          count: dialogues.total,
          formatted: formatNumber(dialogues.total),
          chars: formatNumber(Math.round(meanPerTurn)),
        })}
        {dialogues.total > dialogues.items.length &&
          ` ${t('dashboard.dialoguesFirst', { n: formatNumber(dialogues.items.length) })}`}
      </p>
      <BarChart width={560} height={180} data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e5e7eb" />
        <XAxis
          dataKey="turns"
          tick={{ fontSize: 12 }}
          label={{ value: t('dashboard.turnsAxis'), position: 'insideBottom', offset: -8, fontSize: 12 }}
        />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
        <Tooltip formatter={(value) => [value, t('dashboard.dialoguesAxis')]} />
        <Bar dataKey="n" fill="#0072b2" isAnimationActive={false} />
      </BarChart>
      <DataTable
        columns={[
          { label: t('dashboard.dialogue') },
          { label: t('dashboard.dialogueStatus') },
          { label: t('dashboard.endReason') },
          { label: t('dashboard.turnsAxis'), numeric: true },
          { label: t('dashboard.charsPerTurn'), numeric: true },
        ]}
        testId="run-dialogue-table"
      >
        {dialogues.items.slice(0, SHOWN).map((d) => (
          <tr key={d.id} data-testid="run-dialogue-row" data-status={d.status}>
            <td className="per-dialogue-title">
              <button
                type="button"
                className="link-button"
                onClick={() => navigate('datasets', { datasetId: d.datasetId, dialogueId: d.id })}
              >
                {d.title}
              </button>
              {d.sessionIndex !== null && (
                <span className="badge badge-session"> {t('browser.sessionBadge', { index: d.sessionIndex })}</span>
              )}
              {d.flagged && <span className="badge badge-warning"> {t('dashboard.flagged')}</span>}
            </td>
            <td>{t(`status.${d.status}`)}</td>
            <td>{endReasonShort(d.endReason)}</td>
            <td className="numeric">{d.turns}</td>
            <td className="numeric">{d.turns > 0 ? formatNumber(Math.round(d.chars / d.turns)) : '—'}</td>
          </tr>
        ))}
      </DataTable>
      {dialogues.total > SHOWN && (
        <button
          type="button"
          className="button button-small"
          onClick={() => navigate('datasets', { datasetId: run.datasetId })}
        >
          {t('dashboard.allDialogues', { n: formatNumber(dialogues.total) })}
        </button>
      )}
    </section>
  )
}
