import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RatingSettingsSchema, type ArenaSummary, type RatingSettings } from '@shared/arena'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { localizeMessage } from '../../../lib/localizeMessage'
import { useSoftwareName } from '../../../lib/useAppInfo'
import { useDebouncedValue } from '../../../lib/useDebouncedValue'
import { TableExport } from '../../evaluation/results/TableExport'
import { progressSignal } from '../ArenaList'
import { useAnnotators } from '../annotate/useAnnotators'
import { EloFigure } from './EloFigure'
import { countTint, PairMatrix, winRateTint } from './PairMatrix'
import { RatingControls } from './RatingControls'
import { RatingSettingsFields, pick } from './RatingSettingsFields'
import { PreferenceExport } from './PreferenceExport'
import { RatingsTable } from './RatingsTable'
import { reportProvenance } from './reportProvenance'
import { DEFAULT_RATING_SETTINGS, RATING_FIELDS, type RatingField, type ReportRequest } from './reportRequest'
import { useArenaReport } from './useArenaReport'

const sameContestants = (a: ArenaSummary, b: ArenaSummary) =>
  a.contestants.length === b.contestants.length &&
  [...a.contestants].sort().join('\n') === [...b.contestants].sort().join('\n')

/** Settings typed in the tab are kept while the app runs (they are the researcher's choice, not the arena's). */
let lastDraft = pick(DEFAULT_RATING_SETTINGS)

/** The leaderboard of one arena (or several pooled), its pair matrices and the rating figure, all exportable. */
export function RatingsTab({ arena, arenas }: { arena: ArenaSummary; arenas: ArenaSummary[] }) {
  const { t } = useTranslation()
  const software = useSoftwareName()
  const [referee, setReferee] = useState<'llm' | 'human'>(arena.referee)
  const [annotator, setAnnotator] = useState<string | null>(null)
  const [pooled, setPooled] = useState<string[]>([])
  const [draft, setDraftState] = useState(lastDraft)
  const setDraft = (next: Record<RatingField, number>) => {
    lastDraft = next
    setDraftState(next)
  }

  const checked = useMemo(() => RatingSettingsSchema.safeParse(draft), [draft])
  const settingsErrors = useMemo(() => {
    const errors: Partial<Record<RatingField, string>> = {}
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = issue.path[0] as RatingField
        if (RATING_FIELDS.includes(field))
          errors[field] ??= Number.isNaN(draft[field]) ? t('validation.number') : localizeMessage(issue.message)
      }
    }
    return errors
  }, [checked, draft, t])
  const [settings, setSettings] = useState<RatingSettings>(checked.success ? checked.data : DEFAULT_RATING_SETTINGS)
  const debounced = useDebouncedValue(checked, 400)
  useEffect(() => {
    if (debounced.success) setSettings(debounced.data)
  }, [debounced])

  const annotators = useAnnotators(arena, referee === 'human').value?.map((entry) => entry.annotator) ?? []

  const poolable = arenas.filter((other) => other.id !== arena.id && sameContestants(other, arena))
  const request: ReportRequest = {
    arenaIds: [arena.id, ...pooled.filter((id) => poolable.some((other) => other.id === id))],
    referee,
    annotator: referee === 'human' ? annotator : null,
    settings,
  }
  const signal = progressSignal(arena)
  const { report, error, loading, reload } = useArenaReport(request, signal)
  const provenance = useMemo(
    () => (report ? reportProvenance(report, arenas, software) : null),
    [report, arenas, software],
  )
  const maxBattles = report ? Math.max(0, ...report.battleCounts.flat()) : 0

  return (
    <section
      className="result-view arena-ratings"
      aria-label={t('arena.detail.tabs.ratings')}
      data-testid="arena-ratings"
      data-loading={loading || undefined}
    >
      <RatingControls
        referee={referee}
        onReferee={setReferee}
        annotator={annotator}
        annotators={annotators}
        onAnnotator={setAnnotator}
        poolable={poolable}
        pooled={pooled}
        onPooled={setPooled}
      />
      <RatingSettingsFields draft={draft} errors={settingsErrors} onChange={setDraft} />
      {error != null && (
        <ErrorBanner onRetry={reload}>{t('arena.ratings.loadFailed', { message: errorMessage(error) })}</ErrorBanner>
      )}
      {!report && error == null && <p className="muted">{t('app.loading')}</p>}
      {report && (
        <>
          <div className="section-title-row result-header">
            <h3>{t(report.referee === 'human' ? 'arena.figure.titleHuman' : 'arena.figure.titleLlm')}</h3>
            <span className="muted small" data-testid="arena-ratings-summary" data-battles={report.battles}>
              {t('arena.ratings.summary', {
                battles: formatNumber(report.battles),
                ties: formatNumber(report.ties),
                failures: formatNumber(report.failures),
              })}
            </span>
            <span className="spacer" />
            <PreferenceExport request={request} decided={report.battles - report.ties} />
            <TableExport exportTable={(format) => api.exportArenaReport({ ...request, format })} />
          </div>
          {report.battles === 0 && (
            <p className="banner banner-warning" data-testid="arena-ratings-empty">
              {referee !== arena.referee
                ? t('arena.ratings.otherKind', { kind: t(`arena.refereeKinds.${arena.referee}`) })
                : referee === 'human'
                  ? t('arena.ratings.noBattlesHuman')
                  : t('arena.ratings.noBattlesLlm')}
            </p>
          )}
          <RatingsTable report={report} />
          <p className="muted small">{t('arena.ratings.tableNote')}</p>
          {report.unbounded.length > 0 && (
            <p className="muted small" data-testid="arena-unbounded-note">
              {t('arena.ratings.unboundedNote', { names: report.unbounded.join(', ') })}
            </p>
          )}
          <div className="arena-matrices">
            <PairMatrix
              title={t('arena.ratings.battlesTitle')}
              note={t('arena.ratings.battlesNote')}
              contestants={report.contestants}
              values={report.battleCounts}
              format={formatNumber}
              tint={countTint(maxBattles)}
              testId="arena-battle-matrix"
            />
            <PairMatrix
              title={t('arena.ratings.winRatesTitle')}
              note={t('arena.ratings.winRatesNote')}
              contestants={report.contestants}
              values={report.winRates}
              format={(value) => `${(value * 100).toFixed(1)}%`}
              tint={winRateTint}
              testId="arena-winrate-matrix"
            />
          </div>
          {report.battles > 0 && provenance && <EloFigure report={report} provenance={provenance} />}
        </>
      )}
    </section>
  )
}
