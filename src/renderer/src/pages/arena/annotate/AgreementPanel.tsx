import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { REFEREE_VARIANTS, type AgreementReport, type ArenaSummary, type RefereeVariant } from '@shared/arena'
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
import { useJobProgress } from '../../../lib/useJobProgress'
import { num } from '../../evaluation/results/statText'

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`)

/**
 * Replays the human-voted turns through an LLM referee: how often it picks what people picked (accuracy, Cohen's κ).
 */
export function AgreementPanel({ arena, endpoints }: { arena: ArenaSummary; endpoints: EndpointView[] }) {
  const { t } = useTranslation()
  const [endpointId, setEndpointId] = useState(endpoints[0]?.id ?? '')
  const [variant, setVariant] = useState<RefereeVariant>('ethics')
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<AgreementReport | null>(null)
  const [error, setError] = useState<unknown>(null)
  const progress = useJobProgress('agreement', busy)
  const chosen = endpoints.some((e) => e.id === endpointId) ? endpointId : (endpoints[0]?.id ?? '')
  const reason =
    endpoints.length === 0 ? t('runForm.noEndpointReason') : busy ? t('common.working') : t('arena.agreement.runHint')

  const run = async () => {
    setBusy(true)
    setError(null)
    try {
      setReport(await api.arenaAgreement({ arenaId: arena.id, referee: { endpointId: chosen, variant } }))
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

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
            onClick={() => void run()}
            disabled={endpoints.length === 0 || busy}
            title={reason}
            data-testid="arena-agreement-run"
          >
            {busy ? t('arena.agreement.running') : t('arena.agreement.run')}
          </button>
        </div>
      </div>
      {busy && (
        <ProgressBar
          label={t('arena.agreement.runningHelp')}
          progress={progress}
          detail={
            progress
              ? t('arena.agreement.progress', {
                  done: formatNumber(progress.done),
                  total: formatNumber(progress.total),
                })
              : undefined
          }
        />
      )}
      {error != null && <ErrorBanner>{t('arena.agreement.failed', { message: errorMessage(error) })}</ErrorBanner>}
      {report && (
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
          <p className="muted small">{t('arena.agreement.paperNote')}</p>
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
      {!report && !busy && <p className="muted small">{t('arena.agreement.paperNote')}</p>}
    </section>
  )
}
