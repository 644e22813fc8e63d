import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../lib/format'

interface FileChooserProps {
  /** Prefix of the element ids and test ids: `${idPrefix}-choose-file`, `-file-name`, `-file-input`. */
  idPrefix: string
  file: File | null
  /** The file input's accept list. */
  accept: string
  hint: string
  onChoose: (file: File) => void
}

/** A button that opens the file picker, the chosen file's name and size, and a hint. */
export function FileChooser({ idPrefix, file, accept, hint, onChoose }: FileChooserProps) {
  const { t } = useTranslation()
  const fileInput = useRef<HTMLInputElement>(null)
  const labelId = `${idPrefix}-file-label`
  const nameId = `${idPrefix}-file-name`

  return (
    <div className="field">
      <span className="field-label" id={labelId}>
        {t('importDialog.file')}
      </span>
      <div className="file-picker">
        <button
          type="button"
          className="button"
          onClick={() => fileInput.current?.click()}
          aria-describedby={`${labelId} ${nameId}`}
          data-autofocus
          data-testid={`${idPrefix}-choose-file`}
        >
          {t('importDialog.chooseFile')}
        </button>
        <span id={nameId} className={file ? 'file-name' : 'muted'} data-testid={nameId}>
          {file ? `${file.name} (${formatBytes(file.size)})` : t('importDialog.noFile')}
        </span>
        <input
          ref={fileInput}
          type="file"
          accept={accept}
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const chosen = event.target.files?.[0]
            if (chosen) onChoose(chosen)
          }}
          data-testid={`${idPrefix}-file-input`}
        />
      </div>
      <p className="field-hint">{hint}</p>
    </div>
  )
}

/**
 * The value a field should take when another file is chosen: the guess from the new file's name,
 * unless the user has typed something other than the guess from the previous file.
 */
export function followFileNameGuess(
  current: string,
  previousFile: File | null,
  nextFile: File,
  guess: (fileName: string) => string,
): string {
  const previousGuess = previousFile ? guess(previousFile.name) : ''
  return current === '' || current === previousGuess ? guess(nextFile.name) : current
}
