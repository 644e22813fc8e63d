import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StudyView } from '@shared/study'
import { api } from '../../../api/client'
import { useToast } from '../../../components/Toasts'
import { downloadFile } from '../../../lib/download'
import { errorMessage } from '../../../lib/errors'

const FORMATS = ['csv', 'markdown', 'latex'] as const
type What = 'ratings' | 'means' | 'agreement'
type Format = (typeof FORMATS)[number]

/** Every answer as CSV; the means (or preferences) and agreement tables as CSV, Markdown or LaTeX with provenance. */
export function StudyExports({ study }: { study: StudyView }) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, setBusy] = useState<string | null>(null)
  const empty = study.answered === 0
  const run = async (what: What, format: Format) => {
    setBusy(`${what}-${format}`)
    try {
      downloadFile(await api.exportStudy({ id: study.id, what, format }))
    } catch (error) {
      toast({ kind: 'error', message: t('studies.exports.failed', { message: errorMessage(error) }) })
    } finally {
      setBusy(null)
    }
  }
  const button = (what: What, format: Format, label: string) => (
    <button
      key={format}
      type="button"
      className="button button-small"
      onClick={() => void run(what, format)}
      disabled={busy !== null || empty}
      title={
        empty ? t('studies.exports.nothingYet') : busy ? t('common.working') : t(`results.tableFormats.${format}Hint`)
      }
      data-testid={`study-export-${what}-${format}`}
    >
      {label}
    </button>
  )
  const tableRow = (what: 'means' | 'agreement', label: string) => (
    <div className="study-export-row" role="group" aria-label={label}>
      <span className="study-export-label">{label}</span>
      <div className="button-row">
        {FORMATS.map((format) => button(what, format, t(`results.tableFormats.${format}`)))}
      </div>
    </div>
  )
  return (
    <section className="result-section study-exports" aria-labelledby="study-exports-title" data-testid="study-exports">
      <h3 id="study-exports-title">{t('studies.exports.title')}</h3>
      <p className="muted small">{empty ? t('studies.exports.nothingYet') : t('studies.exports.help')}</p>
      <div className="study-export-row" role="group" aria-label={t('studies.exports.ratings')}>
        <span className="study-export-label">{t('studies.exports.ratings')}</span>
        <div className="button-row">{button('ratings', 'csv', t('studies.exports.ratingsCsv'))}</div>
      </div>
      {tableRow('means', study.design === 'pairwise' ? t('studies.exports.preferences') : t('studies.exports.means'))}
      {tableRow('agreement', t('studies.exports.agreement'))}
    </section>
  )
}
