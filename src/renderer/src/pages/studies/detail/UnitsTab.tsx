import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StudyUnitView, StudyView } from '@shared/study'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { useNavigate } from '../../../components/Navigation'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { useLoaded } from '../../../lib/useLoaded'
import { sourceName } from './StudySettings'

/** Which units the key shows: one rater's, one source's, those given one answer (a result's count), or all. */
export interface UnitFilter {
  rater?: string
  sourceIndex?: number
  /** The answer as stored (a scale point; pairwise −1 / 0 / 1) to an item or aspect, and how the page words it. */
  answer?: { key: string; value: number; label: string }
}

const PAGE = 1000

/** Every unit of a study, or those given an answer (the key is read page by page). */
async function allUnits(studyId: string, answer?: UnitFilter['answer']): Promise<StudyUnitView[]> {
  const units: StudyUnitView[] = []
  const only = answer && { key: answer.key, value: answer.value }
  for (;;) {
    const page = await api.listStudyUnits({ studyId, offset: units.length, limit: PAGE, answer: only })
    units.push(...page.items)
    if (page.items.length === 0 || units.length >= page.total) return units
  }
}

/** The owner's key to the blinded codes: which dialogues each unit holds (opening them) and who rates it. */
export function UnitsTab({
  study,
  filter,
  onFilter,
}: {
  study: StudyView
  filter: UnitFilter
  onFilter: (filter: UnitFilter) => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [code, setCode] = useState('')
  const answerKey = filter.answer ? `${filter.answer.key}\u0000${filter.answer.value}` : ''
  const {
    value: units,
    error,
    reload,
  } = useLoaded(() => allUnits(study.id, filter.answer), [study.id, study.raters, answerKey])
  const pairwise = study.design === 'pairwise'
  const shown = useMemo(() => {
    const needle = code.trim().toLowerCase()
    return (units ?? []).filter(
      (unit) =>
        (filter.rater === undefined || unit.raters.includes(filter.rater)) &&
        (filter.sourceIndex === undefined || unit.dialogues.some((d) => d.sourceIndex === filter.sourceIndex)) &&
        (!needle || unit.code.toLowerCase().includes(needle)),
    )
  }, [units, filter, code])
  const raters = study.progress.map((p) => p.rater)

  return (
    <section className="result-section study-units" aria-labelledby="study-units-title" data-testid="study-units">
      <h3 id="study-units-title">{t('studies.units.title')}</h3>
      <p className="muted small">{pairwise ? t('studies.units.helpPairwise') : t('studies.units.helpRubric')}</p>
      <div className="filter-row study-unit-filters">
        <label className="filter">
          <span className="filter-label">{t('studies.units.code')}</span>
          <input
            type="search"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            placeholder={t('studies.units.codePlaceholder')}
            data-testid="study-units-code"
          />
        </label>
        <label className="filter">
          <span className="filter-label">{t('studies.raters.rater')}</span>
          <select
            value={filter.rater ?? ''}
            onChange={(event) => onFilter({ ...filter, rater: event.target.value || undefined })}
            data-testid="study-units-rater"
          >
            <option value="">{t('studies.units.anyRater')}</option>
            {raters.map((rater) => (
              <option key={rater} value={rater}>
                {rater}
              </option>
            ))}
          </select>
        </label>
        {!pairwise && study.sources.length > 1 && (
          <label className="filter">
            <span className="filter-label">{t('studies.units.source')}</span>
            <select
              value={filter.sourceIndex ?? ''}
              onChange={(event) =>
                onFilter({ ...filter, sourceIndex: event.target.value === '' ? undefined : Number(event.target.value) })
              }
              data-testid="study-units-source"
            >
              <option value="">{t('studies.units.anySource')}</option>
              {study.sources.map((source, index) => (
                <option key={index} value={index}>
                  {sourceName(source, index)}
                </option>
              ))}
            </select>
          </label>
        )}
        {filter.answer && (
          <button
            type="button"
            className="button button-small study-answer-filter"
            onClick={() => onFilter({ ...filter, answer: undefined })}
            title={t('studies.units.answerClear')}
            data-testid="study-units-answer"
          >
            {t('studies.units.answered', { label: filter.answer.label })} ×
          </button>
        )}
        <span className="muted small" data-testid="study-units-count">
          {units
            ? t('studies.units.count', { shown: formatNumber(shown.length), total: formatNumber(units.length) })
            : t('app.loading')}
        </span>
      </div>
      {error != null && (
        <ErrorBanner onRetry={() => void reload()}>
          {t('studies.units.loadFailed', { message: errorMessage(error) })}
        </ErrorBanner>
      )}
      {units && shown.length === 0 && (
        <p className="empty-inline" data-testid="study-units-empty">
          {units.length === 0 ? t('studies.units.none') : t('studies.units.noneMatch')}
        </p>
      )}
      {shown.length > 0 && (
        <DataTable
          columns={[
            { label: t('studies.units.code') },
            { label: pairwise ? t('studies.units.pair') : t('studies.units.dialogue') },
            { label: t('studies.units.raters') },
          ]}
          scrollClassName="result-table-scroll"
          testId="study-units-table"
        >
          {shown.map((unit) => (
            <tr key={unit.id} data-testid="study-unit-row" data-code={unit.code}>
              <th scope="row" className="mono">
                {unit.code}
              </th>
              <td>
                <ul className="study-unit-dialogues">
                  {unit.dialogues.map((d) => {
                    const side = pairwise ? ((d.sourceIndex === 0) !== unit.swapped ? 'A' : 'B') : null
                    return (
                      <li key={d.dialogueId}>
                        {side && <span className="badge badge-neutral">{side}</span>}{' '}
                        <span className="muted small">
                          {sourceName(study.sources[d.sourceIndex] ?? { label: '' }, d.sourceIndex)}
                        </span>{' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => navigate('datasets', { datasetId: d.datasetId, dialogueId: d.dialogueId })}
                          title={t('studies.units.openDialogue')}
                          data-testid="study-unit-dialogue"
                        >
                          {d.title || d.dialogueId}
                        </button>
                      </li>
                    )
                  })}
                </ul>
              </td>
              <td>
                {unit.raters.map((rater) => (
                  <button
                    key={rater}
                    type="button"
                    className="chip study-rater-chip"
                    aria-pressed={filter.rater === rater}
                    onClick={() => onFilter({ ...filter, rater: filter.rater === rater ? undefined : rater })}
                    title={t('studies.units.filterRater', { name: rater })}
                  >
                    {rater}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  )
}
