import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import type { EvaluationSummary } from '@shared/evaluation'
import { SummaryList, type SummaryRow } from '../../components/SummaryList'

const show = (value: unknown) =>
  typeof value === 'boolean'
    ? value
      ? '✓'
      : '✗'
    : typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : JSON.stringify(value)

/** What the analysis was run on and with: datasets, the judge's endpoint, every setting (as stored). */
export function EvaluationSettings({
  evaluation,
  datasetName,
  endpoints,
}: {
  evaluation: EvaluationSummary
  datasetName: (id: string) => string
  endpoints: EndpointView[]
}) {
  const { t } = useTranslation()
  const config = Object.entries((evaluation.config ?? {}) as Record<string, unknown>)
  const value = (key: string, raw: unknown) => {
    if (key === 'endpointId') {
      const endpoint = endpoints.find((e) => e.id === raw)
      return endpoint
        ? `${endpoint.name} · ${endpoint.model} (${endpoint.baseURL}) — ${String(raw)}`
        : t('evaluations.endpointGone', { id: String(raw) })
    }
    if (key === 'test' && (raw === 'welch' || raw === 'student')) return t(`results.tests.${raw}`)
    if (key === 'delivery' && (raw === 'live' || raw === 'batch')) return t(`analysisForm.deliveries.${raw}`)
    if (key === 'pooling' && (raw === 'cls' || raw === 'mean')) return t(`analysisForm.poolings.${raw}`)
    return show(raw)
  }
  return (
    <details className="run-config" data-testid="evaluation-settings">
      <summary>
        <h3>{t('evaluations.settingsTitle')}</h3>
      </summary>
      <SummaryList
        rows={[
          [t('evaluations.id'), evaluation.id, 'mono selectable'],
          [t('analysisForm.datasets'), evaluation.datasetIds.map((id) => `${datasetName(id)} (${id})`).join('; ')],
          ...(evaluation.batches?.length
            ? [
                [
                  t('evaluations.batches.label'),
                  evaluation.batches
                    .map(
                      (b) =>
                        `${b.remoteId ?? '—'}: ${t(`evaluations.batches.status.${b.status}`, { defaultValue: b.status })}` +
                        ` ${b.completed}/${b.total}`,
                    )
                    .join('; '),
                ] satisfies SummaryRow,
              ]
            : []),
          ...config.map(([key, raw]): SummaryRow => [
            t(`analysisForm.${key === 'endpointId' ? 'endpoint' : key}`, { defaultValue: key }),
            value(key, raw),
            ['endpointId', 'test', 'pooling', 'delivery'].includes(key) ? undefined : 'mono',
          ]),
        ]}
      />
    </details>
  )
}
