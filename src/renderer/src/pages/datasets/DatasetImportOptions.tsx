import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { DATASET_FORMATS, type DatasetFormat } from '@shared/dialogue'
import { Field } from '../../components/Field'
import { formatBytes } from '../../lib/format'

export interface DatasetImportOptionsValue {
  file: File | null
  format: DatasetFormat | 'auto'
  name: string
  skipInvalidRows: boolean
}

/** "sessions.jsonl.gz" → "sessions". */
export function nameFromFile(fileName: string): string {
  return fileName.replace(/(\.(gz|zip))?$/i, '').replace(/\.(jsonl|ndjson|json|txt)$/i, '') || fileName
}

export function DatasetImportOptions({ value, onChange }: { value: DatasetImportOptionsValue; onChange: (value: DatasetImportOptionsValue) => void }) {
  const { t } = useTranslation()
  const fileInput = useRef<HTMLInputElement>(null)
  const set = (patch: Partial<DatasetImportOptionsValue>) => onChange({ ...value, ...patch })

  const chooseFile = (file: File | null) => {
    if (!file) return
    const previousGuess = value.file ? nameFromFile(value.file.name) : ''
    set({ file, name: value.name === '' || value.name === previousGuess ? nameFromFile(file.name) : value.name })
  }

  return (
    <div className="import-options">
      <div className="field">
        <span className="field-label" id="dataset-import-file-label">
          {t('importDialog.file')}
        </span>
        <div className="file-picker">
          <button type="button" className="button" onClick={() => fileInput.current?.click()} aria-describedby="dataset-import-file-label dataset-import-file-name" data-autofocus data-testid="dataset-import-choose-file">
            {t('importDialog.chooseFile')}
          </button>
          <span id="dataset-import-file-name" className={value.file ? 'file-name' : 'muted'} data-testid="dataset-import-file-name">
            {value.file ? `${value.file.name} (${formatBytes(value.file.size)})` : t('importDialog.noFile')}
          </span>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.jsonl,.ndjson,.gz,.zip,application/json,application/gzip,application/zip"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
            data-testid="dataset-import-file-input"
          />
        </div>
        <p className="field-hint">{t('datasetImport.dropHint')}</p>
      </div>
      <div className="form-grid">
        <Field label={t('importDialog.format')} hint={t(`datasetImport.formatHints.${value.format}`)}>
          {(control) => (
            <select {...control} value={value.format} onChange={(event) => set({ format: event.target.value as DatasetImportOptionsValue['format'] })} data-testid="dataset-import-format">
              {(['auto', ...DATASET_FORMATS] as const).map((format) => (
                <option key={format} value={format}>
                  {t(`datasetFormats.${format}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('datasetImport.name')} hint={t('datasetImport.nameHint')}>
          {(control) => <input {...control} type="text" value={value.name} maxLength={200} onChange={(event) => set({ name: event.target.value })} data-testid="dataset-import-name" />}
        </Field>
      </div>
      <label className="check-field">
        <input type="checkbox" checked={value.skipInvalidRows} onChange={(event) => set({ skipInvalidRows: event.target.checked })} data-testid="dataset-import-skip-invalid" />
        <span>
          <span className="check-label">{t('datasetImport.skipInvalid')}</span>
          <span className="field-hint">{t('datasetImport.skipInvalidHint')}</span>
        </span>
      </label>
    </div>
  )
}
