import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobProgress } from '@shared/api'
import {
  REFEREE_VARIANTS,
  type AgreementReport,
  type ArenaAgreementView,
  type ArenaSummary,
  type RefereeVariant,
} from '@shared/arena'
import type { EndpointView } from '@shared/endpoint'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { EndpointSelect } from '../../../components/EndpointSelect'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { Field } from '../../../components/Field'
import { ProgressBar } from '../../../components/ProgressBar'
import { StatGrid } from '../../../components/StatGrid'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { useWorkbenchEvent } from '../../../lib/useWorkbenchEvent'
import { num } from '../../evaluation/results/statText'

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`)

/** A check's progress as the progress bar reads it. */
const barProgress = (check: ArenaAgreementView): JobProgress => ({
  jobId: check.id,
  kind: 'agreement',
  label: check.refereeEndpoint,
  done: check.progress.done,
  total: check.progress.total,
  state: check.status === 'completed' ? 'done' : check.status,
})

/**
 * Puts the human-voted turns to an LLM referee (a job: progress, cancel, resume; the latest check and its result are
 * kept): how often it picks what people picked (accuracy, Cohen's κ).
 */
export function AgreementPanel({ arena, endpoints }: { arena: ArenaSummary; endpoints: EndpointView[] }) {
  const { t } = useTranslation()
  const [endpointId, setEndpointId] = useState(endpoints[0]?.id ?? '')
  const [variant, setVariant] = useState<RefereeVariant>('ethics')
  const [busy, setBusy] = useState(false)
  const [check, setCheck] = useState<ArenaAgreementView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const chosen = endpoints.some((e) => e.id === endpointId) ? endpointId : (endpoints[0]?.id ?? '')
  const running = check?.status === 'running'
  const report: AgreementReport | null = check?.status === 'completed' ? check.result : null
  const reason =
    endpoints.length === 0
      ? t('runForm.noEndpointReason')
      : busy || running
        ? t('common.working')
        : t('arena.agreement.runHint')

  // The arena's latest check (one left running, or its stored result).
  useEffect(() => {
    let live = true
    api
      .listArenaAgreements({ arenaId: arena.id })
      .then((checks) => live && setCheck(checks[0] ?? null))
      .catch((failure) => live && setError(failure))
    return () => {
      live = false
    }
  }, [arena.id])
  useWorkbenchEvent('agreement.progress', (view) => {
    if (view.arenaId === arena.id && (check === null || view.id === check.id || view.createdAt > check.createdAt))
      setCheck(view)
  })

  const act = async (what: () => Promise<ArenaAgreementView>) => {
    setBusy(true)
    setError(null)
    try {
      setCheck(await what())
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  const start = () =>
    act(() => api.startArenaAgreement({ arenaId: arena.id, referee: { endpointId: chosen, variant } }))

  return (
    <section
      className="result-section arena-agreement"
      aria-labelledby="arena-agreement-title"
      data-testid="arena-agreement"
    >
      <h3 id="arena-agreement-title">{t('arena.agreement.title')}</h3>
      <p className="muted small">{t('arena.agreement.help')}</p>
      <div className="form-grid arena-agreement-grid">
        <EndpointSelect
          label={t('arena.form.refereeEndpoint')}
          value={chosen}
          endpoints={endpoints}
          onChange={setEndpointId}
          testId="arena-agreement-endpoint"
        />
        <Field label={t('arena.form.variant')} hint={t(`arena.variantHints.${variant}`)}>
          {(control) => (
            <select
              {...control}
              value={variant}
              onChange={(event) => setVariant(event.target.value as RefereeVariant)}
              data-testid="arena-agreement-variant"
            >
              {REFEREE_VARIANTS.map((option) => (
                <option key={option} value={option}>
                  {t(`arena.variants.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="arena-agreement-run">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void start()}
            disabled={endpoints.length === 0 || busy || running}
            title={reason}
            data-testid="arena-agreement-run"
          >
            {running ? t('arena.agreement.running') : t('arena.agreement.run')}
          </button>
        </div>
      </div>
      {check && check.status !== 'completed' && (
        <div className="arena-agreement-job" data-testid="arena-agreement-job" data-status={check.status}>
          {running ? (
            <ProgressBar
              label={t('arena.agreement.runningHelp')}
              progress={barProgress(check)}
              detail={t('arena.agreement.progress', {
                done: formatNumber(check.progress.done),
                total: formatNumber(check.progress.total),
              })}
            />
          ) : (
            <p className="muted small">
              {t(`arena.agreement.stopped.${check.status}`, {
                done: formatNumber(check.progress.done),
                total: formatNumber(check.progress.total),
                message: check.error ?? '',
              })}
            </p>
          )}
          <div className="button-row">
            {running ? (
              <button
                type="button"
                className="button"
                onClick={() => void act(() => api.cancelArenaAgreement({ id: check.id }))}
                disabled={busy}
                title={t('arena.agreement.cancelHint')}
                data-testid="arena-agreement-cancel"
              >
                {t('arena.agreement.cancel')}
              </button>
            ) : (
              <button
                type="button"
                className="button"
                onClick={() => void act(() => api.resumeArenaAgreement({ id: check.id }))}
                disabled={busy}
                title={t('arena.agreement.resumeHint')}
                data-testid="arena-agreement-resume"
              >
                {t('arena.agreement.resume')}
              </button>
            )}
          </div>
        </div>
      )}
      {error != null && <ErrorBanner>{t('arena.agreement.failed', { message: errorMessage(error) })}</ErrorBanner>}
      {report && check && (
        <div
          className="arena-agreement-result"
          data-testid="arena-agreement-result"
          data-accuracy={report.accuracy ?? ''}
          data-kappa={report.kappa ?? ''}
        >
          <StatGrid
            stats={[
              ['accuracy', t('arena.agreement.accuracy'), percent(report.accuracy)],
              ['kappa', t('arena.agreement.kappa'), num(report.kappa, 3)],
              [
                'compared',
                t('arena.agreement.compared'),
                t('arena.agreement.comparedValue', {
                  compared: formatNumber(report.compared),
                  turns: formatNumber(report.turns),
                }),
              ],
              ['failures', t('arena.agreement.failures'), formatNumber(report.failures)],
            ]}
          />
          <p className="muted small">
            {t('arena.agreement.computed', {
              referee: check.refereeEndpoint,
              variant: t(`arena.variants.${check.referee.variant}`),
              date: new Date(check.finishedAt ?? check.createdAt).toLocaleString(),
            })}{' '}
            {t('arena.agreement.paperNote')}
          </p>
          {report.perAnnotator.length > 0 && (
            <DataTable
              columns={[
                { label: t('arena.people.annotator') },
                ...(['compared', 'accuracy', 'kappa'] as const).map((key) => ({
                  label: t(`arena.agreement.${key}`),
                  numeric: true,
                })),
              ]}
              testId="arena-agreement-annotators"
            >
              {report.perAnnotator.map((row) => (
                <tr key={row.annotator}>
                  <th scope="row">{row.annotator}</th>
                  <td className="numeric">{formatNumber(row.compared)}</td>
                  <td className="numeric">{percent(row.accuracy)}</td>
                  <td className="numeric">{num(row.kappa, 3)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </div>
      )}
      {!report && !running && <p className="muted small">{t('arena.agreement.paperNote')}</p>}
    </section>
  )
}
