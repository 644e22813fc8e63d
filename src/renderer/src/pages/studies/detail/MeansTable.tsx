import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from 'recharts'
import type { MeanInterval, StudyResults, StudyView } from '@shared/study'
import { AXIS, GRID, INK, PALETTE, TICK } from '../../evaluation/figure/figureStyle'
import { Figure } from '../../evaluation/figure/Figure'
import { safeFileName } from '../../evaluation/figure/provenance'
import { num, withInterval } from './resultText'
import { markPooled, useKeyName } from './ResultsTab'
import type { UnitFilter } from './UnitsTab'
import { sourceName } from './StudySettings'

interface MeanRow {
  key: string
  pooled: boolean
  /** Per source, in the order of `results.sources`. */
  stats: (MeanInterval | undefined)[]
}

/** One row per item (and the pooled row), in the server's order; the n-th entry of each source is the n-th row. */
function meanRows(results: StudyResults): MeanRow[] {
  const bySource = results.sources.map((source) => results.means.filter((m) => m.sourceIndex === source.index))
  return markPooled(bySource[0] ?? []).map((entry, row) => ({
    key: entry.key,
    pooled: entry.pooled,
    stats: bySource.map((means) => (means[row]?.key === entry.key ? means[row].stat : undefined)),
  }))
}

/**
 * Rubric: per item (and overall) and source, the mean over dialogues (each dialogue's mean over its raters) with its
 * 95% t interval and the dialogues behind it; a bar chart of the same beside it.
 */
export function MeansTable({
  study,
  results,
  onShowUnits,
}: {
  study: StudyView
  results: StudyResults
  onShowUnits: (filter: UnitFilter) => void
}) {
  const { t } = useTranslation()
  const keyName = useKeyName(study)
  const sources = results.sources
  const rows = meanRows(results)
  const label = (index: number) =>
    sourceName({ label: sources[index]?.label ?? '', datasetName: study.sources[index]?.datasetName }, index)

  return (
    <section className="result-section" aria-labelledby="study-means-title">
      <h3 id="study-means-title">{t('studies.results.meansTitle')}</h3>
      <p className="muted small">{t('studies.results.meansHelp')}</p>
      <div className="table-scroll result-table-scroll">
        <table className="data-table result-table study-means" data-testid="study-means">
          <thead>
            <tr>
              <th scope="col">{t('studies.results.item')}</th>
              {sources.map((source) => (
                <th key={source.index} scope="col" className="numeric" colSpan={2}>
                  {label(source.index)}
                </th>
              ))}
            </tr>
            <tr className="study-subhead">
              <th scope="col" />
              {sources.map((source) => [
                <th key={`m${source.index}`} scope="col" className="numeric">
                  {t('studies.results.meanCi')}
                </th>,
                <th key={`n${source.index}`} scope="col" className="numeric">
                  n
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, pooled, stats }, row) => (
              <tr key={row} data-key={key} className={pooled ? 'study-overall' : undefined}>
                <th scope="row">
                  {keyName(key, pooled)}
                  {!pooled && <span className="mono muted small study-key"> {key}</span>}
                </th>
                {sources.map((source, column) => {
                  const s = stats[column]
                  return [
                    <td
                      key={`m${source.index}`}
                      className="numeric"
                      title={s?.sd != null ? `SD ${num(s.sd, 2)}` : undefined}
                    >
                      {s ? withInterval(s.mean, s.low, s.high) : '—'}
                    </td>,
                    <td key={`n${source.index}`} className="numeric">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => onShowUnits({ sourceIndex: source.index })}
                        title={t('studies.results.nHint', { source: label(source.index) })}
                      >
                        {s?.n ?? 0}
                      </button>
                    </td>,
                  ]
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MeansChart study={study} results={results} rows={rows} label={label} keyName={keyName} />
    </section>
  )
}

function MeansChart({
  study,
  results,
  rows,
  label,
  keyName,
}: {
  study: StudyView
  results: StudyResults
  rows: MeanRow[]
  label: (index: number) => string
  keyName: (key: string, pooled?: boolean) => string
}) {
  const { t } = useTranslation()
  const items = study.config.items
  const min = Math.min(...items.map((i) => i.scale.min))
  const max = Math.max(...items.map((i) => i.scale.max))
  const data = rows.map(({ key, pooled, stats }) => ({
    key,
    pooled,
    name: pooled ? keyName(key, true) : key,
    ...Object.fromEntries(
      results.sources.flatMap((source, column) => {
        const s = stats[column]
        const mean = s?.mean ?? null
        const error = mean !== null && s?.low != null && s?.high != null ? [mean - s.low, s.high - mean] : [0, 0]
        return [
          [`m${source.index}`, mean],
          [`e${source.index}`, error],
        ]
      }),
    ),
  }))
  if (!Number.isFinite(min) || !Number.isFinite(max)) return null
  const width = Math.min(1100, Math.max(420, rows.length * results.sources.length * 22 + 120))
  return (
    <div className="study-chart" data-testid="study-means-chart">
      <Figure
        kind="study-means"
        slug="means"
        title={t('studies.results.chartLabel')}
        legend={results.sources.map((source) => ({
          label: label(source.index),
          color: PALETTE[source.index % PALETTE.length],
        }))}
        notes={[t('studies.results.chartCaption')]}
        data={() => ({
          columns: ['item', 'source', 'n', 'mean', 'ci_low', 'ci_high'],
          rows: rows.flatMap(({ key, pooled, stats }) =>
            results.sources.map((source, column) => [
              pooled ? 'all items' : key,
              label(source.index),
              stats[column]?.n ?? 0,
              stats[column]?.mean ?? null,
              stats[column]?.low ?? null,
              stats[column]?.high ?? null,
            ]),
          ),
        })}
        provenance={{
          lines: results.provenance,
          data: { study: study.id, name: study.name, design: study.design },
          fileBase: safeFileName(study.name),
        }}
      >
        <BarChart width={width} height={260} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis dataKey="name" tick={{ ...TICK, fontSize: 11 }} stroke={AXIS} interval={0} />
          <YAxis domain={[min, max]} allowDataOverflow tick={TICK} stroke={AXIS} width={36} />
          <Tooltip
            formatter={(value, name) => [num(Number(value), 2), label(Number(String(name).slice(1)))]}
            labelFormatter={(name) => {
              const row = data.find((entry) => entry.name === name)
              return row ? keyName(row.key, row.pooled) : String(name)
            }}
          />
          {results.sources.map((source) => (
            <Bar
              key={source.index}
              dataKey={`m${source.index}`}
              fill={PALETTE[source.index % PALETTE.length]}
              isAnimationActive={false}
            >
              <ErrorBar dataKey={`e${source.index}`} width={4} strokeWidth={1.2} stroke={INK} direction="y" />
            </Bar>
          ))}
        </BarChart>
      </Figure>
    </div>
  )
}
