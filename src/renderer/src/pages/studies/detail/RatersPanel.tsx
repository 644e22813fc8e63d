import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RaterProgress, StudyView } from '@shared/study'
import { sentenceGap } from '../bilingual'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { Field } from '../../../components/Field'
import { StackedTrack } from '../../../components/StackedProgress'
import { copyText } from '../../../lib/clipboard'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { useAppInfo } from '../../../lib/useAppInfo'
import type { UnitFilter } from './UnitsTab'

interface RatersPanelProps {
  study: StudyView
  onChange: (study: StudyView) => void
  onRate: (studyId: string, rater?: string) => void
  onShowUnits: (filter: UnitFilter) => void
}

/** Per rater: how far they are (their units one click away), their access link, and rating as them here. */
export function RatersPanel({ study, onChange, onRate, onShowUnits }: RatersPanelProps) {
  const { t } = useTranslation()
  const { info } = useAppInfo()
  const serve = info?.mode === 'serve'
  const [links, setLinks] = useState<Record<string, { url?: string; status: string }>>({})
  const unitWord = study.design === 'pairwise' ? 'pairs' : 'dialogues'

  const copyLink = async (rater: string) => {
    setLinks((current) => ({ ...current, [rater]: { ...current[rater], status: t('common.working') } }))
    try {
      const created = await api.createRaterLink({ studyId: study.id, rater })
      const url = `${window.location.origin}${created.path}`
      let status = t('studies.raters.linkCopied')
      try {
        await copyText(url)
      } catch {
        status = t('studies.raters.linkNotCopied')
      }
      setLinks((current) => ({ ...current, [rater]: { url, status } }))
    } catch (failure) {
      setLinks((current) => ({
        ...current,
        [rater]: { status: t('studies.raters.linkFailed', { message: errorMessage(failure) }) },
      }))
    }
  }

  const totals = study.progress.reduce((sum, p) => ({ done: sum.done + p.done, assigned: sum.assigned + p.assigned }), {
    done: 0,
    assigned: 0,
  })

  return (
    <section className="result-section study-raters" aria-labelledby="study-raters-title" data-testid="study-raters">
      <div className="section-title-row">
        <h3 id="study-raters-title">{t('studies.raters.title')}</h3>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => onShowUnits({})} data-testid="study-show-units">
          {t('studies.raters.allUnits', { count: study.units, formatted: formatNumber(study.units) })}
        </button>
      </div>
      <p className="muted small">
        {t(`studies.raters.help.${unitWord}`, { r: study.config.ratersPerDialogue })}
        {sentenceGap()}
        {serve ? t('studies.raters.linkHelp') : t('studies.raters.linkServeOnly')}
      </p>
      {study.progress.length === 0 ? (
        <p className="empty-inline">{t('studies.raters.none')}</p>
      ) : (
        <DataTable
          columns={[
            { label: t('studies.raters.rater') },
            { label: t('studies.raters.progress') },
            { label: t(`studies.raters.done.${unitWord}`), numeric: true },
            { label: t('studies.raters.lastAnswer') },
            { label: <span className="visually-hidden">{t('studies.raters.actions')}</span> },
          ]}
          footer={
            <tr>
              <th scope="row">{t('studies.raters.total')}</th>
              <td />
              <td className="numeric" data-testid="study-raters-total">
                {formatNumber(totals.done)} / {formatNumber(totals.assigned)}
              </td>
              <td colSpan={2} />
            </tr>
          }
          testId="study-raters-table"
        >
          {study.progress.map((row) => (
            <RaterRow
              key={row.rater}
              row={row}
              serve={serve}
              link={links[row.rater]}
              onCopy={() => void copyLink(row.rater)}
              onRate={() => onRate(study.id, row.rater)}
              onUnits={() => onShowUnits({ rater: row.rater })}
            />
          ))}
        </DataTable>
      )}
      <AddRaterForm study={study} onChange={onChange} />
    </section>
  )
}

function RaterRow({
  row,
  serve,
  link,
  onCopy,
  onRate,
  onUnits,
}: {
  row: RaterProgress
  serve: boolean
  link: { url?: string; status: string } | undefined
  onCopy: () => void
  onRate: () => void
  onUnits: () => void
}) {
  const { t } = useTranslation()
  const percent = row.assigned > 0 ? Math.round((row.done / row.assigned) * 100) : 0
  return (
    <>
      <tr data-testid={`study-rater-${row.rater}`} data-done={row.done} data-assigned={row.assigned}>
        <th scope="row">{row.rater}</th>
        <td className="study-rater-bar">
          <StackedTrack
            className="stacked-track"
            segments={[['stacked-completed', row.done]]}
            total={row.assigned}
            progress={{ label: t('studies.raters.progressOf', { name: row.rater }), done: row.done }}
          />
        </td>
        <td className="numeric">
          <button
            type="button"
            className="link-button"
            onClick={onUnits}
            title={t('studies.raters.unitsHint', { name: row.rater })}
            data-testid={`study-rater-units-${row.rater}`}
          >
            {formatNumber(row.done)} / {formatNumber(row.assigned)} ({percent}%)
          </button>
        </td>
        <td className="muted small">
          {row.lastAnswerAt ? formatDateTime(row.lastAnswerAt) : t('studies.raters.notYet')}
        </td>
        <td>
          <div className="button-row study-rater-actions">
            <button
              type="button"
              className="button button-small"
              onClick={onCopy}
              disabled={!serve}
              title={serve ? t('studies.raters.copyLinkHint', { name: row.rater }) : t('studies.raters.linkServeOnly')}
              data-testid={`study-rater-copy-link-${row.rater}`}
            >
              {t('studies.raters.copyLink')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={onRate}
              title={t('studies.raters.rateAsHint', { name: row.rater })}
              data-testid={`study-rater-rate-${row.rater}`}
            >
              {t('studies.raters.rateAs', { name: row.rater })}
            </button>
          </div>
        </td>
      </tr>
      {link && (
        <tr className="study-link-row">
          <td colSpan={5}>
            <div className="input-with-button">
              {link.url && (
                <input
                  type="text"
                  readOnly
                  className="mono"
                  value={link.url}
                  aria-label={t('studies.raters.linkFor', { name: row.rater })}
                  onFocus={(event) => event.target.select()}
                  data-testid={`study-rater-link-${row.rater}`}
                />
              )}
              <span className="muted small" role="status">
                {link.status}
              </span>
            </div>
          </td>
        </tr>
      )}
    </>
  )
}

function AddRaterForm({ study, onChange }: { study: StudyView; onChange: (study: StudyView) => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const trimmed = name.trim()
  const taken = study.progress.some((p) => p.rater.toLowerCase() === trimmed.toLowerCase())
  const reason = !trimmed
    ? t('studies.raters.addNameFirst')
    : taken
      ? t('studies.raters.addTaken', { name: trimmed })
      : t('studies.raters.addHint')
  const add = async () => {
    setBusy(true)
    setError(null)
    try {
      onChange(await api.addStudyRater({ studyId: study.id, rater: trimmed }))
      setName('')
    } catch (failure) {
      setError(t('studies.raters.addFailed', { message: errorMessage(failure) }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form
      className="input-with-button study-add-rater"
      onSubmit={(event) => {
        event.preventDefault()
        if (trimmed && !taken && !busy) void add()
      }}
      data-testid="study-add-rater"
    >
      <Field
        label={t('studies.raters.addLabel')}
        error={error ?? (taken ? reason : undefined)}
        hint={t('studies.raters.addHelp')}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            data-testid="study-add-rater-name"
          />
        )}
      </Field>
      <button
        type="submit"
        className="button"
        disabled={!trimmed || taken || busy}
        title={reason}
        data-testid="study-add-rater-submit"
      >
        {busy ? t('common.working') : t('studies.raters.add')}
      </button>
    </form>
  )
}
