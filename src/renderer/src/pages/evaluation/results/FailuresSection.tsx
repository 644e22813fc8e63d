import { useTranslation } from 'react-i18next'
import type { EvaluationSummary } from '@shared/evaluation'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { useNavigate } from '../../../components/Navigation'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { useLoaded } from '../../../lib/useLoaded'
import { useThrottledRefresh } from '../../../lib/useThrottledRefresh'

const LIMIT = 500
/** While a job runs its failure count changes often: the list is fetched again at most this often. */
const REFRESH_MS = 1500

/** Every failed unit with the judge's raw answer and the reason it was not accepted: nothing is dropped silently. */
export function FailuresSection({
  evaluation,
  datasetName,
}: {
  evaluation: EvaluationSummary
  datasetName: (id: string) => string
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const count = evaluation.progress.failures
  const {
    value: failures,
    error,
    reload,
  } = useLoaded(() => api.listEvaluationFailures({ id: evaluation.id, limit: LIMIT }), [evaluation.id])
  useThrottledRefresh(`${count}:${evaluation.status}`, () => void reload(), REFRESH_MS)

  return (
    <section
      className="result-section"
      aria-labelledby="failures-title"
      data-testid="evaluation-failures"
      data-count={count}
    >
      <h3 id="failures-title">{t('results.failuresTitle', { count, formatted: formatNumber(count) })}</h3>
      {error != null && <ErrorBanner>{t('results.failuresLoadFailed', { message: errorMessage(error) })}</ErrorBanner>}
      {failures && failures.length === 0 && <p className="muted small">{t('results.noFailures')}</p>}
      {failures && failures.length > 0 && (
        <>
          <p className="muted small">{t('results.failuresHelp')}</p>
          <DataTable
            columns={[
              { label: t('results.failureDataset') },
              { label: t('results.failureDialogue') },
              { label: t('results.failureRound'), numeric: true },
              { label: t('results.item') },
              { label: t('results.failureAttempts'), numeric: true },
              { label: t('results.failureReason') },
              { label: t('results.failureRaw') },
            ]}
            className="failures-table"
            scrollClassName="failures-scroll"
          >
            {failures.map((f) => (
              <tr key={f.key} data-testid="evaluation-failure">
                <td>{datasetName(f.datasetId)}</td>
                <td>
                  {f.dialogueId ? (
                    <button
                      type="button"
                      className="link-button mono small"
                      onClick={() => navigate('datasets', { datasetId: f.datasetId, dialogueId: f.dialogueId! })}
                      title={t('results.openDialogue')}
                    >
                      {f.dialogueId.slice(0, 8)}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="numeric">{f.round}</td>
                <td>{f.item || '—'}</td>
                <td className="numeric">{f.attempts}</td>
                <td className="failure-reason">{f.error ?? '—'}</td>
                <td className="failure-raw">
                  {f.raw === null ? (
                    <span className="muted">{t('results.noRaw')}</span>
                  ) : (
                    <details>
                      <summary>{f.raw.trim().slice(0, 80) || t('results.emptyRaw')}</summary>
                      <pre className="selectable">{f.raw}</pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          {count > failures.length && (
            <p className="muted small">
              {t('results.failuresTruncated', { shown: formatNumber(failures.length), total: formatNumber(count) })}
            </p>
          )}
        </>
      )}
    </section>
  )
}
