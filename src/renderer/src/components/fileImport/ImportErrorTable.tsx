import { useTranslation } from 'react-i18next'
import type { RowError } from '@shared/roleCard'
import { localizeMessage } from '../../lib/localizeMessage'
import { useCopyStatus } from '../../lib/useCopyStatus'

function asTsv(errors: RowError[]): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value).replace(/[\t\n]/g, ' '))
  return [
    'file\trow\tfield\tmessage',
    ...errors.map((error) => [error.file, error.row, error.field, error.message].map(cell).join('\t')),
  ].join('\n')
}

/** The per-row problems of a failed import, scrollable, copyable as tab-separated text. */
export function ImportErrorTable({ errors }: { errors: RowError[] }) {
  const { t } = useTranslation()
  const copied = useCopyStatus()

  return (
    <div className="import-errors">
      <div className="import-errors-bar">
        <strong>{t('importDialog.errorsCount', { count: errors.length })}</strong>
        <span className="muted" role="status">
          {copied.status}
        </span>
        <button
          type="button"
          className="button button-small"
          onClick={() => void copied.copy(asTsv(errors))}
          data-testid="import-copy-errors"
        >
          {t('importDialog.copyErrors')}
        </button>
      </div>
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('importDialog.errorsCount', { count: errors.length })}
      >
        <table className="data-table" data-testid="import-error-table">
          <thead>
            <tr>
              <th scope="col">{t('importDialog.errFile')}</th>
              <th scope="col">{t('importDialog.errRow')}</th>
              <th scope="col">{t('importDialog.errField')}</th>
              <th scope="col">{t('importDialog.errMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, index) => (
              <tr key={index}>
                <td>{error.file}</td>
                <td className="numeric">{error.row ?? '—'}</td>
                <td className="mono">{error.field ?? '—'}</td>
                <td>{localizeMessage(error.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
