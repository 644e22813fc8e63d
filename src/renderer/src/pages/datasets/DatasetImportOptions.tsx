import { useTranslation } from 'react-i18next'
import { DATASET_FORMATS, type DatasetFormat } from '@shared/dialogue'
import { Field } from '../../components/Field'
import { FileChooser, followFileNameGuess } from '../../components/fileImport/FileChooser'
import { CheckField } from '../../components/CheckField'

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

export function DatasetImportOptions({
  value,
  onChange,
}: {
  value: DatasetImportOptionsValue
  onChange: (value: DatasetImportOptionsValue) => void
}) {
  const { t } = useTranslation()
  const set = (patch: Partial<DatasetImportOptionsValue>) => onChange({ ...value, ...patch })
  const chooseFile = (file: File) =>
    set({ file, name: followFileNameGuess(value.name, value.file, file, nameFromFile) })

  return (
    <div className="import-options">
      <FileChooser
        idPrefix="dataset-import"
        file={value.file}
        accept=".json,.jsonl,.ndjson,.gz,.zip,application/json,application/gzip,application/zip"
        hint={t('datasetImport.dropHint')}
        onChoose={chooseFile}
      />
      <div className="form-grid">
        <Field label={t('importDialog.format')} hint={t(`datasetImport.formatHints.${value.format}`)}>
          {(control) => (
            <select
              {...control}
              value={value.format}
              onChange={(event) => set({ format: event.target.value as DatasetImportOptionsValue['format'] })}
              data-testid="dataset-import-format"
            >
              {(['auto', ...DATASET_FORMATS] as const).map((format) => (
                <option key={format} value={format}>
                  {t(`datasetFormats.${format}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('datasetImport.name')} hint={t('datasetImport.nameHint')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={value.name}
              maxLength={200}
              onChange={(event) => set({ name: event.target.value })}
              data-testid="dataset-import-name"
            />
          )}
        </Field>
      </div>
      <CheckField
        label={t('datasetImport.skipInvalid')}
        hint={t('datasetImport.skipInvalidHint')}
        checked={value.skipInvalidRows}
        onChange={(skipInvalidRows) => set({ skipInvalidRows })}
        testId="dataset-import-skip-invalid"
      />
    </div>
  )
}
