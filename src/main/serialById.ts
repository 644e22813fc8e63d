/**
 * One operation at a time per id (a remote job's launch, read, cancel, pull…): each call waits for the one before it
 * on the same id, whatever that one's outcome, and the map forgets ids with nothing queued.
 */
export function serialById() {
  const locks = new Map<string, Promise<unknown>>()
  return <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const next = (locks.get(id) ?? Promise.resolve()).then(fn, fn)
    const settled = next.catch(() => {})
    locks.set(id, settled)
    void settled.then(() => locks.get(id) === settled && locks.delete(id))
    return next
  }
}
