import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  COMPARISON_TESTS,
  CORRECTIONS,
  type ComparisonReport,
  type ComparisonTest,
  type ComparisonTestKind,
  type Correction,
} from '@shared/comparison'
import { EVALUATION_KINDS, type EvaluationKind, type EvaluationSummary } from '@shared/evaluation'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { FormHeader } from '../../../components/StartForm'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime } from '../../../lib/format'
import { isNumber, num } from '../results/statText'
import { metricLabel } from '../../../lib/scoreText'
import { TableExport } from '../results/TableExport'

interface ComparePanelProps {
  evaluations: EvaluationSummary[]
  datasetName: (id: string) => string
  onNewAnalysis: () => void
  onClose: () => void
}

interface Choice {
  kind: EvaluationKind | null
  evaluationIds: string[]
  reference: string
  test: ComparisonTestKind
  correction: Correction
}

/** Kept while the app runs, so leaving the panel and coming back keeps the choice. */
let cachedChoice: Choice | null = null

/** Opens the panel next time on one analysis, its first dataset the reference, with a paired t-test and Holm. */
export function preselectComparison(evaluation: Pick<EvaluationSummary, 'id' | 'kind' | 'datasetIds'>) {
  cachedChoice = {
    kind: evaluation.kind,
    evaluationIds: [evaluation.id],
    reference: evaluation.datasetIds[0] ?? '',
    test: 'paired-t',
    correction: 'holm',
  }
}

const pText = (p: number | null | undefined) => (!isNumber(p) ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3))

/**
 * Datasets of completed analyses of one kind side by side (compareAnalyses): pick the analyses, the reference, the test
 * and the correction; the table shows mean ± SD (n) per metric with marks and effect sizes, then how the dialogues
 * paired; exports go through exportComparison.
 */
export function ComparePanel({ evaluations, datasetName, onNewAnalysis, onClose }: ComparePanelProps) {
  const { t } = useTranslation()
  const completed = useMemo(() => evaluations.filter((e) => e.status === 'completed'), [evaluations])
  const kinds = EVALUATION_KINDS.filter((k) => completed.some((e) => e.kind === k))
  const [choice, setChoice] = useState<Choice>(
    () =>
      cachedChoice ?? {
        kind: null,
        evaluationIds: [],
        reference: '',
        test: 'paired-t',
        correction: 'holm',
      },
  )
  const [report, setReport] = useState<ComparisonReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const kind = choice.kind && kinds.includes(choice.kind) ? choice.kind : (kinds[0] ?? null)
  const candidates = completed.filter((e) => e.kind === kind)
  // Oldest analysis first, whatever order they were ticked in: the table's columns follow it.
  const chosen = candidates
    .filter((e) => choice.evaluationIds.includes(e.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((e) => e.id)
  const datasetIds = [...new Set(chosen.flatMap((id) => candidates.find((e) => e.id === id)!.datasetIds))]
  const reference = datasetIds.includes(choice.reference) ? choice.reference : (datasetIds[0] ?? '')
  const blocked =
    chosen.length === 0 ? t('compare.needAnalysis') : datasetIds.length < 2 ? t('compare.needTwoDatasets') : null

  useEffect(() => {
    cachedChoice = choice
  }, [choice])
  const update = (patch: Partial<Choice>) => {
    setChoice((current) => ({ ...current, ...patch }))
    setReport(null)
    setError(null)
  }
  const input = { evaluationIds: chosen, reference, test: choice.test, correction: choice.correction }

  const run = async () => {
    if (blocked) return
    setBusy(true)
    setError(null)
    try {
      setReport(await api.compareAnalyses(input))
    } catch (e) {
      setReport(null)
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (completed.length === 0)
    return (
      <div className="detail-body">
        <div className="empty-state" data-testid="compare-empty">
          <h3>{t('compare.emptyTitle')}</h3>
          <p>{t('compare.emptyBody')}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={onNewAnalysis} data-testid="compare-new">
              {t('compare.emptyAction')}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t('compare.close')}
            </button>
          </div>
        </div>
      </div>
    )

  return (
    <form
      className="run-form compare-panel"
      aria-label={t('compare.title')}
      data-testid="compare-panel"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void run()
      }}
    >
      <FormHeader title={t('compare.title')} intro={t('compare.intro')}>
        <button type="button" className="button" onClick={onClose} data-testid="compare-close">
          {t('compare.close')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={blocked !== null || busy}
          title={blocked ?? undefined}
          data-testid="compare-run"
        >
          {busy ? t('compare.running') : t('compare.run')}
        </button>
      </FormHeader>
      <div className="detail-body">
        <div className="card-form">
          <FormSection title={t('compare.analyses')} help={t('compare.analysesHint')} testId="compare-choice">
            <Field label={t('compare.kind')} hint={t('compare.kindHint')}>
              {(control) => (
                <select
                  {...control}
                  value={kind ?? ''}
                  onChange={(event) => update({ kind: event.target.value as EvaluationKind, evaluationIds: [] })}
                  data-testid="compare-kind"
                >
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`evaluations.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <fieldset className="radio-group dataset-picker" data-testid="compare-analyses">
              <legend>{t('compare.analyses')}</legend>
              <ul className="dataset-choices">
                {candidates.map((e) => {
                  const checked = chosen.includes(e.id)
                  return (
                    <li key={e.id}>
                      <label className={`dataset-choice${checked ? ' dataset-choice-checked' : ''}`}>
                        <input
                          type="checkbox"
                          checked={checked}
                          onChange={(event) =>
                            update({
                              evaluationIds: event.target.checked
                                ? [...chosen, e.id]
                                : chosen.filter((id) => id !== e.id),
                            })
                          }
                          data-testid="compare-analysis"
                          data-evaluation-id={e.id}
                        />
                        <span className="dataset-choice-name">{e.name}</span>
                        <span className="muted small">
                          {t('compare.analysisMeta', {
                            datasets: e.datasetIds.map(datasetName).join(', '),
                            when: e.finishedAt ? formatDateTime(e.finishedAt) : '—',
                          })}
                        </span>
                      </label>
                    </li>
                  )
                })}
              </ul>
            </fieldset>
            <Field label={t('compare.reference')} hint={t('compare.referenceHint')}>
              {(control) => (
                <select
                  {...control}
                  value={reference}
                  disabled={datasetIds.length === 0}
                  onChange={(event) => update({ reference: event.target.value })}
                  data-testid="compare-reference"
                >
                  {datasetIds.map((id) => (
                    <option key={id} value={id}>
                      {datasetName(id)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('compare.test')} hint={t(`compare.testHint.${choice.test}`)}>
              {(control) => (
                <select
                  {...control}
                  value={choice.test}
                  onChange={(event) => update({ test: event.target.value as ComparisonTestKind })}
                  data-testid="compare-test"
                >
                  {COMPARISON_TESTS.map((test) => (
                    <option key={test} value={test}>
                      {t(`compare.tests.${test}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('compare.correction')} hint={t('compare.correctionHint')}>
              {(control) => (
                <select
                  {...control}
                  value={choice.correction}
                  onChange={(event) => update({ correction: event.target.value as Correction })}
                  data-testid="compare-correction"
                >
                  {CORRECTIONS.map((c) => (
                    <option key={c} value={c}>
                      {t(`compare.corrections.${c}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </FormSection>
        </div>
        {error && <ErrorBanner testId="compare-error">{t('compare.failed', { message: error })}</ErrorBanner>}
        {report && (
          <ComparisonView
            report={report}
            datasetName={datasetName}
            exportTable={(format) => api.exportComparison({ ...input, format })}
          />
        )}
      </div>
    </form>
  )
}

function ComparisonView({
  report,
  datasetName,
  exportTable,
}: {
  report: ComparisonReport
  datasetName: (id: string) => string
  exportTable: Parameters<typeof TableExport>[0]['exportTable']
}) {
  const { t } = useTranslation()
  const referenceName = datasetName(report.referenceId)
  const family = report.tests.flat().filter((x) => x !== null && isNumber(x.p)).length
  const holm = report.correction === 'holm'
  const details = (x: ComparisonTest) =>
    t('compare.testDetails', {
      test: t(`compare.tests.${x.test}`),
      statistic:
        x.test === 'wilcoxon'
          ? `W = ${num(x.statistic, 1)}${x.wilcoxon?.z != null ? `, z = ${num(x.wilcoxon.z, 2)}` : ''} (${x.wilcoxon?.method})`
          : `t(${num(x.df, x.test === 'welch' ? 1 : 0)}) = ${num(x.statistic, 2)}`,
      p: holm ? `p = ${pText(x.p)}, p (Holm) = ${pText(x.pAdjusted)}` : `p = ${pText(x.p)}`,
      n: x.n,
      difference: num(x.meanDifference, 3),
      effect:
        `${x.effect.name} = ${num(x.effect.value, 2)}` +
        (x.rankBiserial !== null ? `, r_rb = ${num(x.rankBiserial, 2)}` : ''),
    })
  return (
    <section className="result-section" aria-labelledby="compare-table-title" data-testid="compare-result">
      {report.warnings.length > 0 && (
        <div className="banner banner-warning" role="status" data-testid="compare-warnings">
          <div className="banner-text">
            <strong>{t('compare.warnings')}</strong>
            <ul>
              {report.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <h3 id="compare-table-title">
        {t('compare.tableTitle', {
          kind: t(`evaluations.kinds.${report.kind}`),
          count: report.datasets.length,
          reference: referenceName,
        })}
      </h3>
      <DataTable
        columns={[
          { label: t('compare.metric') },
          ...report.datasets.map((d) => ({
            label: d.id === report.referenceId ? t('compare.referenceColumn', { name: d.name }) : d.name,
            numeric: true,
          })),
        ]}
        scrollClassName="result-table-scroll"
        testId="compare-table"
      >
        {report.metrics.map((metric, mi) => (
          <tr key={metric} data-testid="compare-row">
            <th scope="row">{metricLabel(t, metric)}</th>
            {report.cells[mi].map((c, di) => {
              const x = report.tests[mi][di]
              const reason = report.untested[mi][di]
              return (
                <td key={report.datasets[di].id} className="numeric" title={x ? details(x) : undefined}>
                  {c.n > 0 ? t('compare.cell', { mean: num(c.mean, 2), sd: num(c.sd, 2), n: c.n }) : '—'}
                  {x?.mark && <sup data-testid="compare-mark">{x.mark}</sup>}
                  {x && (
                    <div className="muted small">
                      {`${x.effect.name} = ${num(x.effect.value, 2)}; `}
                      {holm ? t('compare.pAdjusted', { p: pText(x.pAdjusted) }) : t('compare.pRaw', { p: pText(x.p) })}
                    </div>
                  )}
                  {reason && <div className="muted small">{t('compare.notTested', { reason })}</div>}
                </td>
              )
            })}
          </tr>
        ))}
      </DataTable>
      <p className="muted small" data-testid="compare-footnote">
        {t('compare.marks', {
          reference: referenceName,
          how: holm ? t('compare.marksHolm', { count: family }) : t('compare.marksNone', { count: family }),
        })}{' '}
        {report.datasets
          .filter((d) => d.id !== report.referenceId)
          .map((d) => {
            const used = [...new Set(report.tests.map((row) => row[report.datasets.indexOf(d)]?.test).filter(Boolean))]
            return `${d.name}: ${used.map((u) => t(`compare.tests.${u}`)).join(' / ') || '—'}.`
          })
          .join(' ')}
      </p>
      <h4>{t('compare.pairingTitle')}</h4>
      <ul className="muted small" data-testid="compare-pairing">
        {report.pairings.map((p) => {
          const name = datasetName(p.datasetId)
          return (
            <li key={p.datasetId}>
              {p.pairs === 0
                ? t('compare.noPairs', { name, reference: referenceName })
                : t('compare.pairing', {
                    name,
                    reference: referenceName,
                    cards: t('compare.pairingCards', { count: p.pairs }),
                    byCard: p.byCard,
                    bySeed: p.bySeed,
                    dialogues: t('compare.pairingDialogues', { count: p.unpairedReference }),
                    unpairedDataset: p.unpairedDataset,
                  })}
              {p.maxSamplesPerUnit > 1 && ` ${t('compare.pairingSamples', { count: p.maxSamplesPerUnit })}`}
            </li>
          )
        })}
      </ul>
      <TableExport exportTable={exportTable} />
      <p className="muted small">{t('compare.exportNote')}</p>
    </section>
  )
}
