import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StartEvaluationInput } from '@shared/evaluation'
import { api } from '../../../api/client'
import { FormSection } from '../../../components/FormSection'
import { useToast } from '../../../components/Toasts'
import { fileToBase64 } from '../../../lib/base64'
import { downloadFile } from '../../../lib/download'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'

interface BatchFileSectionProps {
  /** The analysis as the form stands (its datasets, endpoint and settings). */
  input: () => StartEvaluationInput
  endpointId: string
  /** Why the buttons cannot act now (no dataset or endpoint chosen, the form busy), or null. */
  blocked: string | null
}

/**
 * A judge's requests as a JSONL batch file to run on a GPU server (`vllm run-batch`), and its output brought back: the
 * answers go to the judge cache, so starting the same analysis afterwards asks nothing again.
 */
export function BatchFileSection({ input, endpointId, blocked }: BatchFileSectionProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const fileInput = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState<'export' | 'import' | null>(null)
  const reason = blocked ?? (busy ? t('common.working') : null)

  const exportFile = async () => {
    setBusy('export')
    try {
      const file = await api.exportEvaluationBatch(input())
      downloadFile(file)
      toast({
        kind: 'success',
        message: t('analysisForm.batchFile.exported', { count: file.count, n: formatNumber(file.count) }),
      })
    } catch (error) {
      toast({ kind: 'error', message: t('analysisForm.batchFile.failed', { message: errorMessage(error) }) })
    } finally {
      setBusy(null)
    }
  }
  const importFile = async (file: File) => {
    setBusy('import')
    try {
      const report = await api.importEvaluationBatch({
        endpointId,
        fileName: file.name,
        contentBase64: await fileToBase64(file),
      })
      toast({
        kind: 'success',
        message: t('analysisForm.batchFile.imported', {
          lines: formatNumber(report.lines),
          stored: formatNumber(report.stored),
          already: formatNumber(report.already),
          failed: formatNumber(report.failed),
        }),
      })
    } catch (error) {
      toast({ kind: 'error', message: t('analysisForm.batchFile.failed', { message: errorMessage(error) }) })
    } finally {
      setBusy(null)
      if (fileInput.current) fileInput.current.value = ''
    }
  }

  return (
    <FormSection title={t('analysisForm.batchFile.title')} testId="analysis-batch-file">
      <p className="muted small">{t('analysisForm.batchFile.intro')}</p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={reason !== null}
          title={reason ?? t('analysisForm.batchFile.exportHint')}
          onClick={() => void exportFile()}
          data-testid="analysis-batch-export"
        >
          {busy === 'export' ? t('common.working') : t('analysisForm.batchFile.export')}
        </button>
        <button
          type="button"
          className="button"
          disabled={reason !== null}
          title={reason ?? t('analysisForm.batchFile.importHint')}
          onClick={() => fileInput.current?.click()}
          data-testid="analysis-batch-import"
        >
          {busy === 'import' ? t('common.working') : t('analysisForm.batchFile.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".jsonl,application/jsonl,application/x-ndjson"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const chosen = event.target.files?.[0]
            if (chosen) void importFile(chosen)
          }}
          data-testid="analysis-batch-import-input"
        />
      </div>
    </FormSection>
  )
}
