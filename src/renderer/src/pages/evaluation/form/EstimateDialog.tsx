import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import { EXACT_CACHE_LIMIT, type JudgeEstimate } from '@shared/evaluation'
import { Modal } from '../../../components/Modal'
import { SummaryList } from '../../../components/SummaryList'
import { formatCost, formatNumber } from '../../../lib/format'

interface EstimateDialogProps {
  estimate: JudgeEstimate
  /** Sent as one provider batch (the batch price applies). */
  batch: boolean
  endpoint: EndpointView | undefined
  kindLabel: string
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** What a judged analysis will cost, before it starts: it starts only on confirm. */
export function EstimateDialog({
  estimate,
  batch,
  endpoint,
  kindLabel,
  busy,
  onConfirm,
  onCancel,
}: EstimateDialogProps) {
  const { t } = useTranslation()
  const n = formatNumber
  return (
    <Modal
      title={t('analysisForm.estimateTitle', { kind: kindLabel })}
      onClose={onCancel}
      size="small"
      alert
      testId="analysis-estimate-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} data-testid="analysis-estimate-cancel">
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={onConfirm}
            disabled={busy}
            title={busy ? t('common.working') : undefined}
            data-autofocus
            data-testid="analysis-estimate-confirm"
          >
            {busy ? t('analysisForm.starting') : t('analysisForm.confirmStart')}
          </button>
        </>
      }
    >
      <p data-testid="analysis-estimate-summary" data-calls={estimate.calls} data-cached={estimate.cached ?? ''}>
        {estimate.cached === null
          ? t('analysisForm.estimateCallsUncounted', {
              calls: n(estimate.calls),
              limit: n(EXACT_CACHE_LIMIT),
              count: estimate.calls,
            })
          : t('analysisForm.estimateCalls', {
              calls: n(estimate.calls),
              cached: n(estimate.cached),
              count: estimate.calls,
            })}
      </p>
      <SummaryList
        rows={[
          [t('analysisForm.estimateEndpoint'), endpoint ? `${endpoint.name} · ${endpoint.model}` : '—'],
          [
            t('analysisForm.estimateTokens'),
            t('analysisForm.estimateTokensValue', {
              prompt: n(estimate.promptTokens),
              completion: n(estimate.completionTokens),
            }),
            undefined,
            'analysis-estimate-tokens',
          ],
          [
            t(batch ? 'analysisForm.estimateCostLive' : 'analysisForm.estimateCost'),
            estimate.cost === null ? t('analysisForm.estimateNoPrices') : `≈ ${formatCost(estimate.cost)}`,
            undefined,
            'analysis-estimate-cost',
          ],
          [
            t(batch ? 'analysisForm.estimateCost' : 'analysisForm.estimateCostBatch'),
            estimate.batchCost == null
              ? t('analysisForm.estimateNoPrices')
              : `≈ ${formatCost(estimate.batchCost)}${batch ? '' : ` · ${t('analysisForm.estimateBatchOff')}`}`,
            undefined,
            'analysis-estimate-batch-cost',
          ],
        ]}
      />
      <p className="muted small">{t('analysisForm.estimateNote')}</p>
      {batch && <p className="muted small">{t('analysisForm.estimateBatchNote')}</p>}
    </Modal>
  )
}
