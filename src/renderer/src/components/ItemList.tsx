import type { ReactNode } from 'react'
import { selectRowWithArrows } from '../lib/keyboard'

/** The list of a list page (runs, evaluations, arenas, training jobs), newest first; ↑/↓ move between its rows. */
export function ItemList({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <ul className="run-list" aria-label={label} onKeyDown={selectRowWithArrows('.run-row')} data-testid={testId}>
      {children}
    </ul>
  )
}

interface ItemRowProps {
  /** Added to `run-row`. */
  className?: string
  selected: boolean
  onSelect: () => void
  testId: string
  /** The item's id and status for tests: { 'data-run-id': … }. */
  data: { [attribute: `data-${string}`]: string }
  children: ReactNode
}

/** One row of an ItemList: a button that selects its item. */
export function ItemRow({ className, selected, onSelect, testId, data, children }: ItemRowProps) {
  return (
    <li>
      <button
        type="button"
        className={className ? `run-row ${className}` : 'run-row'}
        aria-current={selected ? 'true' : undefined}
        onClick={onSelect}
        data-testid={testId}
        {...data}
      >
        {children}
      </button>
    </li>
  )
}
