import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DATASET_FORMATS, type Dataset, type DatasetFormat } from '@shared/dialogue'
import { api, downloadById } from '../../api/client'
import { DialogFooter } from '../../components/dialog/DialogFooter'
import { useDialogSubmit } from '../../components/dialog/useDialogSubmit'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { Modal } from '../../components/Modal'
import { useToast } from '../../components/Toasts'
import { downloadFile } from '../../lib/download'
import { formatNumber } from '../../lib/format'
import { CheckField } from '../../components/CheckField'

/** Formats that carry a counselor system prompt. */
const WITH_SYSTEM_PROMPT: DatasetFormat[] = ['openai', 'sharegpt']

/** Exports a dataset in one of the corpus formats; zip files arrive base64-encoded and are decoded by downloadFile. */
export function DatasetExportDialog({ dataset, onClose }: { dataset: Dataset; onClose: () => void }) {
  const { t } = useTranslation()
  const toast = useToast()
  const [format, setFormat] = useState<DatasetFormat>('jsonl')
  const [completeOnly, setCompleteOnly] = useState(true)
  const [systemPrompt, setSystemPrompt] = useState('')
  const { busy, error, submit, fail } = useDialogSubmit()

  const run = () =>
    submit(async () => {
      const file = await api.exportDataset({
        id: dataset.id,
        format,
        completeOnly,
        systemPrompt: WITH_SYSTEM_PROMPT.includes(format) && systemPrompt.trim() ? systemPrompt : null,
        // Serve mode: written aside and fetched as a file (a 200 MB export is never one string in the server or here).
        delivery: downloadById ? 'download' : 'inline',
      })
      if (file.count === 0) return fail(t('datasetExport.nothingExported'))
      if (file.downloadId && downloadById) downloadById(file.downloadId)
      else downloadFile(file)
      toast({
        kind: 'success',
        message: t('datasetExport.doneToast', {
          count: file.count,
          formatted: formatNumber(file.count),
          file: file.fileName,
        }),
      })
      onClose()
    })

  return (
    <Modal
      title={t('datasetExport.title', { name: dataset.name })}
      onClose={onClose}
      size="medium"
      testId="dataset-export-dialog"
      footer={
        <DialogFooter
          onCancel={onClose}
          confirmLabel={busy ? t('exportDialog.exporting') : t('exportDialog.export')}
          onConfirm={() => void run()}
          confirmDisabled={busy}
          confirmTitle={busy ? t('exportDialog.exporting') : undefined}
          confirmTestId="dataset-export-confirm"
        />
      }
    >
      {error && <ErrorBanner testId="dataset-export-error">{error}</ErrorBanner>}
      <fieldset className="radio-group">
        <legend>{t('exportDialog.format')}</legend>
        {DATASET_FORMATS.map((option, index) => (
          <label key={option} className="radio radio-described">
            <input
              type="radio"
              name="dataset-export-format"
              value={option}
              checked={format === option}
              onChange={() => setFormat(option)}
              data-autofocus={index === 0 ? true : undefined}
              data-testid={`dataset-export-format-${option}`}
            />
            <span>
              {t(`datasetFormats.${option}`)}
              <span className="field-hint">{t(`datasetExport.formatHints.${option}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <CheckField
        label={t('datasetExport.completeOnly')}
        hint={t('datasetExport.completeOnlyHint')}
        checked={completeOnly}
        onChange={setCompleteOnly}
        testId="dataset-export-complete-only"
      />
      {WITH_SYSTEM_PROMPT.includes(format) && (
        <Field label={t('datasetExport.systemPrompt')} hint={t('datasetExport.systemPromptHint')}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={systemPrompt}
              onChange={(event) => setSystemPrompt(event.target.value)}
              data-testid="dataset-export-system-prompt"
            />
          )}
        </Field>
      )}
    </Modal>
  )
}
