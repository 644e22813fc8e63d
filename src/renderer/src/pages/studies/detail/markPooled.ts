import { POOLED_KEY } from '@shared/study'

/** The server's rows in its order, the one that pools every item or aspect marked. */
export function markPooled<T extends { key: string }>(list: T[]): (T & { pooled: boolean })[] {
  return list.map((entry) => ({ ...entry, pooled: entry.key === POOLED_KEY }))
}
