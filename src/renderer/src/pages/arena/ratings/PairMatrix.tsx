import type { CSSProperties } from 'react'

interface PairMatrixProps {
  title: string
  note: string
  contestants: string[]
  /** values[i][j]: row i against column j; null where there is nothing to show. */
  values: (number | null)[][]
  format: (value: number) => string
  /** The cell's tint, from its value. */
  tint: (value: number) => CSSProperties
  testId: string
}

/** A contestant × contestant table tinted by value (row against column), the diagonal left empty. */
export function PairMatrix({ title, note, contestants, values, format, tint, testId }: PairMatrixProps) {
  return (
    <section className="result-section arena-pair-matrix" aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      <div className="table-scroll result-table-scroll">
        <table className="data-table result-table arena-matrix">
          <thead>
            <tr>
              <th scope="col" aria-hidden="true" />
              {contestants.map((name) => (
                <th key={name} scope="col" className="numeric" title={name}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {contestants.map((row, i) => (
              <tr key={row}>
                <th scope="row">{row}</th>
                {contestants.map((column, j) => {
                  const value = i === j ? null : (values[i]?.[j] ?? null)
                  return (
                    <td
                      key={column}
                      className={`numeric${i === j ? ' arena-matrix-self' : ''}`}
                      style={value === null ? undefined : tint(value)}
                      data-row={row}
                      data-column={column}
                      data-value={value ?? ''}
                    >
                      {value === null ? '—' : format(value)}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{note}</p>
    </section>
  )
}

/** Blue, stronger with more battles. */
export const countTint =
  (max: number) =>
  (value: number): CSSProperties => ({ background: `rgb(36 87 197 / ${max > 0 ? 0.06 + (0.34 * value) / max : 0})` })

/** Green above one half, red below, white at one half. */
export const winRateTint = (value: number): CSSProperties => {
  const strength = Math.min(1, Math.abs(value - 0.5) * 2) * 0.45
  return { background: value >= 0.5 ? `rgb(29 122 70 / ${strength})` : `rgb(180 35 24 / ${strength})` }
}
