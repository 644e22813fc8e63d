/**
 * The server's rows in its order, the pooled one marked: the last row keyed 'overall' (an item or aspect may be keyed
 * 'overall' too).
 */
export function markPooled<T extends { key: string }>(list: T[]): (T & { pooled: boolean })[] {
  const last = list.map((entry) => entry.key).lastIndexOf('overall')
  return list.map((entry, index) => ({ ...entry, pooled: index === last }))
}
