import { useCallback } from 'react'
import { navigate as goTo, useHashLocation } from 'wouter/use-hash-location'

/** The workbench's pages, in the nav rail's order. */
export type PageId =
  | 'roleCards'
  | 'simulations'
  | 'datasets'
  | 'evaluation'
  | 'arena'
  | 'studies'
  | 'training'
  | 'remote'
  | 'prompts'
  | 'settings'

/** Each page's first address segment: `#/runs/<runId>`, `#/datasets/<datasetId>/<dialogueId>`, … */
const SLUGS: Record<PageId, string> = {
  roleCards: 'cards',
  simulations: 'runs',
  datasets: 'datasets',
  evaluation: 'analyses',
  arena: 'arena',
  studies: 'studies',
  training: 'training',
  remote: 'remote',
  prompts: 'prompts',
  settings: 'settings',
}
const PAGE_OF_SLUG = new Map(Object.entries(SLUGS).map(([page, slug]) => [slug, page as PageId]))

/**
 * Where the app is: a page and what it shows (its address segments after the page, decoded). The address lives in the
 * URL's hash, so reload, Back / Forward and a copied link (serve mode) bring the same place back; the desktop app
 * loads its page from a file, where the hash works the same way.
 */
export interface Address {
  page: PageId
  /** E.g. [runId], ['new'], [datasetId, dialogueId], ['panel', 'compare']. */
  rest: string[]
}

/** The address of a hash path ('/runs/abc'), or null when it names no page. */
export function parseAddress(path: string): Address | null {
  const segments = path.split('?')[0].split('/').filter(Boolean)
  const page = segments.length > 0 ? PAGE_OF_SLUG.get(segments[0]) : undefined
  if (!page) return null
  try {
    return { page, rest: segments.slice(1).map((segment) => decodeURIComponent(segment)) }
  } catch {
    return { page, rest: [] }
  }
}

/** The hash path of a page and its segments ('/datasets/<id>/<dialogueId>'). */
export function formatAddress(page: PageId, ...rest: (string | undefined)[]): string {
  const tail = rest.filter((segment): segment is string => !!segment).map((segment) => encodeURIComponent(segment))
  return `/${[SLUGS[page], ...tail].join('/')}`
}

export interface GoOptions {
  /** Replace the current history entry instead of adding one (automatic moves, selections inside a view). */
  replace?: boolean
}

/** Moves the address; Back returns to the previous one unless `replace`. */
export function goToAddress(path: string, options: GoOptions = {}): void {
  if (currentPath() === path) return
  goTo(path, { replace: options.replace ?? false })
}

/** The hash path of the window's address ('/runs/abc'). */
export const currentPath = (): string => `/${window.location.hash.replace(/^#?\/?/, '')}`

/**
 * The current address's segments after `page` — null while the address names another page (the app is leaving this
 * one) — and a function that sets them. The component re-renders when the address changes (Back / Forward, a link,
 * another component).
 */
export function usePageAddress(
  page: PageId,
): [string[] | null, (rest: (string | undefined)[], options?: GoOptions) => void] {
  const [path] = useHashLocation()
  const address = parseAddress(path)
  // The first page, opened with no address yet, is at its own address.
  const rest = address?.page === page ? address.rest : !address && page === 'roleCards' ? [] : null
  const set = useCallback(
    (next: (string | undefined)[], options?: GoOptions) => goToAddress(formatAddress(page, ...next), options),
    [page],
  )
  return [rest, set]
}
