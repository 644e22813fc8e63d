import { bytesToBase64 } from '../../../lib/base64'
import { downloadFile } from '../../../lib/download'
import { csvText, figureFileName as fileName, pngText, type CsvTable, type FigureSpec } from './figureFiles'
import { FIGURE_FONT, INK, PNG_DPI, PNG_SCALE } from './figureStyle'
import { withPngMetadata } from './pngChunks'

export type { CsvTable, FigureSpec, LegendItem } from './figureFiles'

const PAD = 20
const TITLE_SIZE = 15
const TEXT_SIZE = 12
const LINE = 17

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)

let measureContext: CanvasRenderingContext2D | null = null
function textWidth(text: string, size: number, bold = false): number {
  measureContext ??= document.createElement('canvas').getContext('2d')
  if (!measureContext) return text.length * size * 0.6
  measureContext.font = `${bold ? 'bold ' : ''}${size}px ${FIGURE_FONT}`
  return measureContext.measureText(text).width
}

/** Chinese punctuation that must not start a line. */
const CLOSING = /^[，。；：、！？）》」』】’”%]+/

/** Greedy wrap at spaces and between CJK characters to fit `width`, never starting a line with closing punctuation. */
function wrap(text: string, width: number, size: number, bold = false): string[] {
  const raw = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [text]
  const tokens: string[] = []
  for (const token of raw) {
    if (tokens.length && CLOSING.test(token)) tokens[tokens.length - 1] += token
    else tokens.push(token)
  }
  const lines: string[] = []
  let line = ''
  for (const token of tokens) {
    if (line && textWidth(line + token.trimEnd(), size, bold) > width) {
      lines.push(line.trimEnd())
      line = token.trimStart()
    } else line += token
  }
  if (line.trim()) lines.push(line.trimEnd())
  return lines
}

/** The chart's SVG without interaction chrome (hover cursor, active dots, focus handles). */
function cleanChart(chart: SVGSVGElement, x: number, y: number): { markup: string; width: number; height: number } {
  const clone = chart.cloneNode(true) as SVGSVGElement
  clone
    .querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot, [class*="recharts-tooltip"]')
    .forEach((el) => el.remove())
  clone.querySelectorAll('[tabindex], [name="undefined"]').forEach((el) => {
    el.removeAttribute('tabindex')
    if (el.getAttribute('name') === 'undefined') el.removeAttribute('name')
  })
  const width = Number(chart.getAttribute('width')) || chart.getBoundingClientRect().width
  const height = Number(chart.getAttribute('height')) || chart.getBoundingClientRect().height
  for (const attribute of ['style', 'class', 'tabindex', 'role', 'focusable']) clone.removeAttribute(attribute)
  clone.setAttribute('x', String(x))
  clone.setAttribute('y', String(y))
  clone.setAttribute('width', String(width))
  clone.setAttribute('height', String(height))
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`)
  clone.setAttribute('overflow', 'visible')
  return { markup: new XMLSerializer().serializeToString(clone), width, height }
}

/** A standalone figure: title, legend, the chart, its statistics and provenance (<title>, <desc>, <metadata>). */
function composeSvg(
  chart: SVGSVGElement,
  spec: FigureSpec,
  scale = 1,
): { text: string; width: number; height: number } {
  const parts: string[] = []
  const probe = cleanChart(chart, PAD, 0)
  const width = probe.width + 2 * PAD
  const inner = width - 2 * PAD
  let y = PAD

  for (const line of wrap(spec.title, inner, TITLE_SIZE, true)) {
    y += TITLE_SIZE + 3
    parts.push(
      `<text x="${PAD}" y="${y}" font-size="${TITLE_SIZE}" font-weight="bold" fill="${INK}">${escapeXml(line)}</text>`,
    )
  }
  y += 8

  if (spec.legend.length) {
    let x = PAD
    const row = 18
    y += 2
    for (const item of spec.legend) {
      const w = 12 + 6 + textWidth(item.label, TEXT_SIZE) + 18
      if (x > PAD && x + w > width - PAD) {
        x = PAD
        y += row
      }
      parts.push(
        item.mark === 'dashed'
          ? `<line x1="${x}" x2="${x + 14}" y1="${y + 6}" y2="${y + 6}" stroke="${item.color}" stroke-width="2" stroke-dasharray="4 2"/>`
          : `<rect x="${x}" y="${y}" width="12" height="12" fill="${item.color}"/>`,
      )
      parts.push(
        `<text x="${x + 18}" y="${y + 10.5}" font-size="${TEXT_SIZE}" fill="${INK}">${escapeXml(item.label)}</text>`,
      )
      x += w
    }
    y += row + 4
  }

  const chartPart = cleanChart(chart, PAD, y)
  parts.push(chartPart.markup)
  y += chartPart.height + 10

  for (const note of spec.notes) {
    for (const line of wrap(note, inner, TEXT_SIZE)) {
      y += LINE
      parts.push(`<text x="${PAD}" y="${y - 4}" font-size="${TEXT_SIZE}" fill="${INK}">${escapeXml(line)}</text>`)
    }
  }
  const height = Math.ceil(y + PAD)
  const metadata = escapeXml(JSON.stringify(spec.provenance.data))
  const text = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * scale}" height="${height * scale}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FIGURE_FONT)}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<desc>${escapeXml(spec.provenance.lines.join('\n'))}</desc>`,
    `<metadata><simpsy:provenance xmlns:simpsy="https://simpsy.dev/ns/provenance">${metadata}</simpsy:provenance></metadata>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n')
  return { text, width, height }
}

export function exportSvg(chart: SVGSVGElement, spec: FigureSpec): void {
  const { text } = composeSvg(chart, spec)
  downloadFile({
    fileName: fileName(spec, 'svg'),
    mimeType: 'image/svg+xml',
    content: `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`,
  })
}

/** Rasterises the composed SVG at 300 dpi (scale 300/96) on white, with the provenance in PNG text chunks. */
export async function exportPng(chart: SVGSVGElement, spec: FigureSpec): Promise<void> {
  const { text, width, height } = composeSvg(chart, spec, PNG_SCALE)
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width * PNG_SCALE)
  canvas.height = Math.round(height * PNG_SCALE)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('This browser cannot draw a PNG (no 2D canvas).')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('The PNG could not be encoded.')
  const png = withPngMetadata(new Uint8Array(await blob.arrayBuffer()), PNG_DPI, pngText(spec, new Date()))
  downloadFile({
    fileName: fileName(spec, 'png'),
    mimeType: 'image/png',
    content: bytesToBase64(png),
    encoding: 'base64',
  })
}

/** The figure's numbers, with the provenance as leading "# " comment lines (as the server's table exports). */
export function exportCsv(table: CsvTable, spec: FigureSpec): void {
  downloadFile({ fileName: fileName(spec, 'csv'), mimeType: 'text/csv', content: csvText(table, spec) })
}
