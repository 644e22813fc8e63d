import { useTranslation } from 'react-i18next'
import type { RunSummary } from '@shared/simulation'
import { StatGrid, type Stat } from '../../components/StatGrid'
import { formatCost, formatDuration, formatNumber } from '../../lib/format'

/** Speed, ETA, tokens, cost and the errors the gateway met (by kind). */
export function RunStats({ run }: { run: RunSummary }) {
  const { t } = useTranslation()
  const { usage, rate } = run
  const eta =
    run.status !== 'running'
      ? t('dashboard.etaNotRunning')
      : rate.etaSeconds === null
        ? t('dashboard.etaUnknown')
        : formatDuration(rate.etaSeconds)
  // Speed and time left only while they mean something.
  const live = run.status === 'running' || run.status === 'paused'
  const currencies = [...new Set([run.effective?.client.currency, run.effective?.counselor.currency])]
  const currency = currencies.length === 1 && currencies[0] ? ` ${currencies[0]}` : ''
  const stats: Stat[] = [
    ...(live
      ? ([
          ['eta', t('dashboard.eta'), eta],
          ['rate', t('dashboard.callsPerMinute'), formatNumber(Math.round(rate.callsPerMinute))],
        ] as Stat[])
      : []),
    ['calls', t('dashboard.calls'), formatNumber(usage.calls)],
    ['prompt-tokens', t('dashboard.promptTokens'), formatNumber(usage.promptTokens)],
    ['completion-tokens', t('dashboard.completionTokens'), formatNumber(usage.completionTokens)],
  ]
  if (usage.cachedTokens) stats.push(['cached-tokens', t('dashboard.cachedTokens'), formatNumber(usage.cachedTokens)])
  if (usage.cost !== null) stats.push(['cost', t('dashboard.cost'), `${formatCost(usage.cost)}${currency}`])
  const errors = Object.entries(usage.errors).sort((a, b) => b[1] - a[1])
  const errorTotal = errors.reduce((sum, [, n]) => sum + n, 0)

  return (
    <section className="run-stats" aria-label={t('dashboard.stats')}>
      <StatGrid stats={stats} testIdPrefix="run-stat" />
      <div className="run-errors" data-testid="run-errors">
        <h3>{t('dashboard.errors', { count: errorTotal, formatted: formatNumber(errorTotal) })}</h3>
        {errors.length === 0 ? (
          <p className="muted small">{t('dashboard.noErrors')}</p>
        ) : (
          <ul className="error-kinds">
            {errors.map(([kind, n]) => (
              <li key={kind} data-testid="run-error-kind" data-kind={kind}>
                <span>{t(`llmErrors.${kind}`, { defaultValue: kind })}</span>
                <strong>{formatNumber(n)}</strong>
              </li>
            ))}
          </ul>
        )}
        {errors.length > 0 && <p className="muted small">{t('dashboard.errorsHint')}</p>}
      </div>
    </section>
  )
}
