import type { ReactNode } from 'react'

/** A column heading; numeric columns are right-aligned in result tables. */
export interface Column {
  label: ReactNode
  numeric?: boolean
}

interface DataTableProps {
  columns: readonly Column[]
  /** The body's rows. */
  children: ReactNode
  /** Rows under the body (a total). */
  footer?: ReactNode
  /** The table's kind beside `data-table`: `result-table` (the default) or one of its own. */
  className?: string
  /** Beside `table-scroll`: `result-table-scroll` lets the table grow with the page instead of scrolling. */
  scrollClassName?: string
  testId?: string
}

/** A scrollable table with one row of column headings (results, annotators, contestants, failures). */
export function DataTable({
  columns,
  children,
  footer,
  className = 'result-table',
  scrollClassName,
  testId,
}: DataTableProps) {
  return (
    <div className={scrollClassName ? `table-scroll ${scrollClassName}` : 'table-scroll'}>
      <table className={`data-table ${className}`} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  )
}
