import { useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useToast } from '../../../components/Toasts'
import { errorMessage } from '../../../lib/errors'
import { exportCsv, exportPng, exportSvg, type CsvTable, type LegendItem } from './figureExport'
import type { Provenance } from './provenance'

interface FigureProps {
  /** data-kind: what the figure shows ("overlap", "topics"…). */
  kind: string
  /** Part of the exported file names. */
  slug: string
  title: string
  legend: LegendItem[]
  /** The statistics, written under the chart and into every export. */
  notes: string[]
  data: () => CsvTable
  provenance: Provenance
  children: ReactNode
}

/** A chart with its legend and statistics, exportable as SVG, 300 dpi PNG and CSV, provenance included. */
export function Figure({ kind, slug, title, legend, notes, data, provenance, children }: FigureProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const chartRef = useRef<HTMLDivElement>(null)
  const [busy, setBusy] = useState(false)
  const spec = { title, legend, notes, provenance, slug }

  const run = async (format: 'svg' | 'png' | 'csv') => {
    const chart = chartRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface')
    setBusy(true)
    try {
      if (format === 'csv') exportCsv(data(), spec)
      else if (!chart) throw new Error(t('figures.noChart'))
      else if (format === 'svg') exportSvg(chart, spec)
      else await exportPng(chart, spec)
    } catch (error) {
      toast({ kind: 'error', message: t('figures.exportFailed', { message: errorMessage(error) }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <figure className="figure" data-testid="figure" data-kind={kind} aria-label={title}>
      <figcaption className="figure-title">{title}</figcaption>
      {legend.length > 0 && (
        <ul className="figure-legend" aria-label={t('figures.legend')}>
          {legend.map((item) => (
            <li key={item.label}>
              <span
                className={`figure-swatch${item.mark === 'dashed' ? ' figure-swatch-dashed' : ''}`}
                style={item.mark === 'dashed' ? { borderColor: item.color } : { background: item.color }}
                aria-hidden="true"
              />
              {item.label}
            </li>
          ))}
        </ul>
      )}
      <div className="figure-chart" ref={chartRef}>
        {children}
      </div>
      <ul className="figure-notes" data-testid="figure-notes">
        {notes.map((note, index) => (
          <li key={index}>{note}</li>
        ))}
      </ul>
      <div className="button-row figure-actions">
        <span className="muted small">{t('figures.export')}</span>
        <button
          type="button"
          className="button button-small"
          onClick={() => void run('svg')}
          disabled={busy}
          title={busy ? t('common.working') : t('figures.svgHint')}
          aria-label={t('figures.svgLabel', { title })}
          data-testid="figure-export-svg"
        >
          SVG
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => void run('png')}
          disabled={busy}
          title={busy ? t('common.working') : t('figures.pngHint')}
          aria-label={t('figures.pngLabel', { title })}
          data-testid="figure-export-png"
        >
          {t('figures.png')}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => void run('csv')}
          disabled={busy}
          title={busy ? t('common.working') : t('figures.csvHint')}
          aria-label={t('figures.csvLabel', { title })}
          data-testid="figure-export-csv"
        >
          {t('figures.csv')}
        </button>
      </div>
    </figure>
  )
}
