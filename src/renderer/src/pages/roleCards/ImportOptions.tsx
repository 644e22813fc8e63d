import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLE_CARD_FORMATS, type RoleCardFormat } from '@shared/roleCard'
import { Field } from '../../components/Field'
import { formatBytes } from '../../lib/format'

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
  return [...new Set(text.split(/[,，]/).map((tag) => tag.trim()).filter(Boolean))]
}

interface ImportOptionsProps {
  value: ImportOptionsValue
  pools: string[]
  onChange: (value: ImportOptionsValue) => void
}

export function ImportOptions({ value, pools, onChange }: ImportOptionsProps) {
  const { t } = useTranslation()
  const fileInput = useRef<HTMLInputElement>(null)
  const set = (patch: Partial<ImportOptionsValue>) => onChange({ ...value, ...patch })

  const chooseFile = (file: File | null) => {
    if (!file) return
    const previousGuess = value.file ? poolFromFileName(value.file.name) : ''
    const pool = value.pool === '' || value.pool === previousGuess ? poolFromFileName(file.name) : value.pool
    set({ file, pool })
  }

  return (
    <div className="import-options">
      <div className="field">
        <span className="field-label" id="import-file-label">
          {t('importDialog.file')}
        </span>
        <div className="file-picker">
          <button type="button" className="button" onClick={() => fileInput.current?.click()} aria-describedby="import-file-label import-file-name" data-autofocus data-testid="import-choose-file">
            {t('importDialog.chooseFile')}
          </button>
          <span id="import-file-name" className={value.file ? 'file-name' : 'muted'} data-testid="import-file-name">
            {value.file ? `${value.file.name} (${formatBytes(value.file.size)})` : t('importDialog.noFile')}
          </span>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.jsonl,.ndjson,.csv,.txt,application/json,text/csv"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
            data-testid="import-file-input"
          />
        </div>
        <p className="field-hint">{t('importDialog.dropHint')}</p>
      </div>
      <div className="form-grid">
        <Field label={t('importDialog.format')}>
          {(control) => (
            <select {...control} value={value.format} onChange={(event) => set({ format: event.target.value as ImportOptionsValue['format'] })} data-testid="import-format">
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
            <select {...control} value={value.onConflict} onChange={(event) => set({ onConflict: event.target.value as ConflictPolicy })} data-testid="import-on-conflict">
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
            <input {...control} type="text" value={value.pool} list="import-pool-suggestions" maxLength={50} placeholder={t('editor.placeholders.pool')} onChange={(event) => set({ pool: event.target.value })} data-testid="import-pool" />
          )}
        </Field>
        <Field label={t('importDialog.tags')}>
          {(control) => <input {...control} type="text" value={value.tags} onChange={(event) => set({ tags: event.target.value })} data-testid="import-tags" />}
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
