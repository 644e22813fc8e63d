import { useTranslation } from 'react-i18next'
import { ROLE_CARD_FORMATS, type RoleCardFormat } from '@shared/roleCard'
import { Field } from '../../components/Field'
import { FileChooser, followFileNameGuess } from '../../components/fileImport/FileChooser'

export type ConflictPolicy = 'error' | 'skip' | 'replace'

export interface ImportOptionsValue {
  file: File | null
  format: RoleCardFormat | 'auto'
  onConflict: ConflictPolicy
  pool: string
  tags: string
}

/** 'train' or 'test' when the file name says so, so split files land in the right pool. */
export function poolFromFileName(name: string): string {
  const lower = name.toLowerCase()
  if (/(^|[^a-z])train/.test(lower)) return 'train'
  if (/(^|[^a-z])test/.test(lower)) return 'test'
  return ''
}

export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ]
}

interface ImportOptionsProps {
  value: ImportOptionsValue
  pools: string[]
  onChange: (value: ImportOptionsValue) => void
}

export function ImportOptions({ value, pools, onChange }: ImportOptionsProps) {
  const { t } = useTranslation()
  const set = (patch: Partial<ImportOptionsValue>) => onChange({ ...value, ...patch })
  const chooseFile = (file: File) =>
    set({ file, pool: followFileNameGuess(value.pool, value.file, file, poolFromFileName) })

  return (
    <div className="import-options">
      <FileChooser
        idPrefix="import"
        file={value.file}
        accept=".json,.jsonl,.ndjson,.csv,.txt,application/json,text/csv"
        hint={t('importDialog.dropHint')}
        onChoose={chooseFile}
      />
      <div className="form-grid">
        <Field label={t('importDialog.format')}>
          {(control) => (
            <select
              {...control}
              value={value.format}
              onChange={(event) => set({ format: event.target.value as ImportOptionsValue['format'] })}
              data-testid="import-format"
            >
              {(['auto', ...ROLE_CARD_FORMATS] as const).map((format) => (
                <option key={format} value={format}>
                  {t(`importDialog.formats.${format}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('importDialog.onConflict')}>
          {(control) => (
            <select
              {...control}
              value={value.onConflict}
              onChange={(event) => set({ onConflict: event.target.value as ConflictPolicy })}
              data-testid="import-on-conflict"
            >
              {(['error', 'skip', 'replace'] as const).map((policy) => (
                <option key={policy} value={policy}>
                  {t(`importDialog.conflict.${policy}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('importDialog.pool')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={value.pool}
              list="import-pool-suggestions"
              maxLength={50}
              placeholder={t('editor.placeholders.pool')}
              onChange={(event) => set({ pool: event.target.value })}
              data-testid="import-pool"
            />
          )}
        </Field>
        <Field label={t('importDialog.tags')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={value.tags}
              onChange={(event) => set({ tags: event.target.value })}
              data-testid="import-tags"
            />
          )}
        </Field>
      </div>
      <datalist id="import-pool-suggestions">
        {[...new Set(['train', 'test', ...pools])].map((pool) => (
          <option key={pool} value={pool} />
        ))}
      </datalist>
    </div>
  )
}
