import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AgreementFigures, StudyResults, StudyView } from '@shared/study'
import { formatNumber } from '../../../lib/format'
import { sentenceGap } from '../bilingual'
import { num } from './resultText'
import { markPooled, useKeyName } from './ResultsTab'

const FIGURES = ['alphaInterval', 'alphaOrdinal', 'icc21', 'icc2k'] as const

function FigureCells({ figures, testId }: { figures: AgreementFigures | null; testId: string }) {
  const { t } = useTranslation()
  if (!figures)
    return FIGURES.map((f) => (
      <td key={f} className="numeric muted">
        —
      </td>
    ))
  return FIGURES.map((f) => (
    <td
      key={f}
      className="numeric"
      title={(f === 'icc21' || f === 'icc2k') && figures[f] === null ? t('studies.agreement.iccNone') : undefined}
      data-testid={`${testId}-${f}`}
      data-value={figures[f] ?? ''}
    >
      {num(figures[f], 3)}
      {(f === 'icc21' || f === 'icc2k') && figures[f] !== null && (
        <div className="muted small" title={t('studies.agreement.iccUnitsHint')}>
          n = {formatNumber(figures.iccUnits)}
        </div>
      )}
    </td>
  ))
}

function KappaList({ title, kappas }: { title: string; kappas: AgreementFigures['kappas'] }) {
  const { t } = useTranslation()
  return (
    <div className="study-kappas">
      <h4>{title}</h4>
      {kappas.length === 0 ? (
        <p className="muted small">{t('studies.agreement.noPairs')}</p>
      ) : (
        <table className="data-table result-table">
          <thead>
            <tr>
              <th scope="col">{t('studies.agreement.pair')}</th>
              <th scope="col" className="numeric">
                {t('studies.agreement.shared')}
              </th>
              <th scope="col" className="numeric">
                κ<sub>w</sub>
              </th>
            </tr>
          </thead>
          <tbody>
            {kappas.map((k) => (
              <tr key={`${k.a}|${k.b}`}>
                <th scope="row">
                  {k.a} · {k.b}
                </th>
                <td className="numeric">{formatNumber(k.n)}</td>
                <td className="numeric">{num(k.kappa, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/**
 * Per item (and pooled): Krippendorff's alpha (interval, ordinal) and ICC(2,1)/(2,k) among the human raters, the same
 * with the LLM judge as one more rater beside them, and the quadratic-weighted kappa of each pair on request.
 */
export function AgreementTable({ study, results }: { study: StudyView; results: StudyResults }) {
  const { t } = useTranslation()
  const keyName = useKeyName(study)
  const [open, setOpen] = useState<Set<number>>(new Set())
  const rows = markPooled(results.agreement)
  const judge = results.judge
  const toggle = (index: number) =>
    setOpen((current) => {
      const next = new Set(current)
      if (next.has(index)) next.delete(index)
      else next.add(index)
      return next
    })
  const figureHeads = (group: string) =>
    FIGURES.map((f) => (
      <th key={`${group}-${f}`} scope="col" className="numeric" title={t(`studies.agreement.hints.${f}`)}>
        {t(`studies.agreement.figures.${f}`)}
      </th>
    ))

  return (
    <section className="result-section" aria-labelledby="study-agreement-title">
      <h3 id="study-agreement-title">{t('studies.agreement.title')}</h3>
      <p className="muted small">
        {t('studies.agreement.help')}
        {sentenceGap()}
        {judge ? t('studies.agreement.judgeUsed', { endpoint: judge.endpoint }) : t('studies.agreement.noJudge')}
      </p>
      <div className="table-scroll result-table-scroll">
        <table className="data-table result-table study-agreement" data-testid="study-agreement">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {study.design === 'pairwise' ? t('studies.results.aspect') : t('studies.results.item')}
              </th>
              <th scope="col" rowSpan={2} className="numeric" title={t('studies.agreement.unitsHint')}>
                {t('studies.agreement.units')}
              </th>
              <th scope="colgroup" colSpan={4} className="study-group-head">
                {t('studies.agreement.humans')}
              </th>
              <th scope="colgroup" colSpan={4} className="study-group-head">
                {t('studies.agreement.withJudge')}
              </th>
            </tr>
            <tr>
              {figureHeads('humans')}
              {figureHeads('judge')}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const key = row.key
              const expanded = open.has(index)
              const judgeKappas =
                row.withJudge?.kappas.filter((k) => judge && (k.a === judge.rater || k.b === judge.rater)) ?? []
              return (
                <Fragment key={index}>
                  <tr data-key={key} className={row.pooled ? 'study-overall' : undefined}>
                    <th scope="row">
                      {keyName(key, row.pooled)}
                      <button
                        type="button"
                        className="link-button small study-kappa-toggle"
                        aria-expanded={expanded}
                        onClick={() => toggle(index)}
                        disabled={row.humans.kappas.length === 0 && judgeKappas.length === 0}
                        title={t('studies.agreement.kappasHint')}
                        data-testid={`study-agreement-kappas-${row.pooled ? 'pooled' : key}`}
                      >
                        {expanded ? '▾ ' : '▸ '}
                        {t('studies.agreement.kappaPairs', { count: row.humans.kappas.length + judgeKappas.length })}
                      </button>
                    </th>
                    <td className="numeric" title={t('studies.agreement.ratersHint', { count: row.humans.raters })}>
                      {formatNumber(row.humans.units)}
                    </td>
                    <FigureCells
                      figures={row.humans}
                      testId={`study-agreement-${row.pooled ? 'pooled' : key}-humans`}
                    />
                    <FigureCells
                      figures={row.withJudge}
                      testId={`study-agreement-${row.pooled ? 'pooled' : key}-judge`}
                    />
                  </tr>
                  {expanded && (
                    <tr className="study-kappa-row">
                      <td colSpan={10}>
                        <div className="study-kappa-grid">
                          <KappaList title={t('studies.agreement.humans')} kappas={row.humans.kappas} />
                          {judge && <KappaList title={t('studies.agreement.judgePairs')} kappas={judgeKappas} />}
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('studies.agreement.reading')}</p>
    </section>
  )
}
