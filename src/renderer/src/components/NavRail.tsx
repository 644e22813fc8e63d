import { useTranslation } from 'react-i18next'
import type { PageId } from '../App'

const ICONS: Record<PageId, string> = {
  // Simple stroked glyphs (24×24): a stack of cards; two speech bubbles; a database; a bar chart; a page of text; a
  // gear.
  roleCards:
    'M4 7h12a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2zM7 4h12a2 2 0 0 1 2 2v10 M6 12h8 M6 15h5',
  simulations:
    'M3 5a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2H8l-4 3v-3.2A2 2 0 0 1 3 10z M19 9h0a2 2 0 0 1 2 2v5a2 2 0 0 1-1 1.7V21l-4-3h-5a2 2 0 0 1-2-2v-1',
  datasets:
    'M12 3c4.4 0 8 1.3 8 3s-3.6 3-8 3-8-1.3-8-3 3.6-3 8-3z M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6 M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  evaluation: 'M3 3v18h18 M7 17v-5 M11.5 17V7 M16 17v-8 M20.5 17v-3',
  // a trophy; a rising curve over a chip
  arena: 'M8 21h8 M12 17v4 M7 4h10v5a5 5 0 0 1-10 0z M7 6H4a3 3 0 0 0 3 4 M17 6h3a3 3 0 0 1-3 4',
  // a clipboard with a check mark
  studies:
    'M9 3h6v3H9z M7 4.5H5.5A1.5 1.5 0 0 0 4 6v14a1.5 1.5 0 0 0 1.5 1.5h13A1.5 1.5 0 0 0 20 20V6a1.5 1.5 0 0 0-1.5-1.5H17 M8.5 13.5l2.5 2.5 4.5-5',
  training: 'M3 20h18 M4 16l5-6 4 3 7-9 M16 4h4v4',
  // a server rack with an arrow out and back
  remote: 'M3 4h12v6H3z M3 14h12v6H3z M6 7h.01 M6 17h.01 M18 9l3 3-3 3 M21 12h-4',
  prompts: 'M6 2h8l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z M14 2v5h5 M8 12h8 M8 16h8 M8 8h3',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
}

export function NavRail({
  pages,
  current,
  onNavigate,
}: {
  pages: PageId[]
  current: PageId
  onNavigate: (page: PageId) => void
}) {
  const { t } = useTranslation()
  return (
    <nav className="nav-rail" aria-label={t('nav.label')}>
      <ul>
        {pages.map((page) => (
          <li key={page}>
            <button
              type="button"
              className="nav-item"
              aria-current={page === current ? 'page' : undefined}
              onClick={() => onNavigate(page)}
              data-testid={`nav-${page}`}
            >
              <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path
                  d={ICONS[page]}
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
              <span>{t(`nav.${page}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
