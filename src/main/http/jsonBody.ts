import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'

/** Strings longer than this are written in slices of this size, the event loop free between them. */
const SLICE = 1 << 20

/**
 * Writes `body` as JSON without holding the event loop for long: an export's 200 MB file content would otherwise be
 * encoded (and copied into the socket) in one go, freezing every other request for a second or more. Long strings
 * are taken out of the JSON text, then written a slice at a time, waiting for the socket to drain and for other
 * callbacks to run between slices. The text is the same as JSON.stringify(body)'s (slices never cut a surrogate
 * pair).
 */
export async function writeJsonBody(res: ServerResponse, body: unknown): Promise<void> {
  const long: string[] = []
  const marker = `\u0000${randomBytes(6).toString('hex')}:`
  const text = JSON.stringify(body, (_key, value: unknown) =>
    typeof value === 'string' && value.length > SLICE ? `${marker}${long.push(value) - 1}` : value,
  )
  if (long.length === 0) return void res.end(text)
  const quoted = JSON.stringify(marker).slice(1, -1)
  const pattern = new RegExp(`"${quoted.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(\\d+)"`, 'g')
  let at = 0
  for (const match of text.matchAll(pattern)) {
    if (res.destroyed) return
    await write(res, text.slice(at, match.index))
    const value = long[Number(match[1])]
    await write(res, '"')
    for (let i = 0; i < value.length && !res.destroyed;) {
      let end = Math.min(value.length, i + SLICE)
      // A surrogate pair stays whole (alone, each half would be written as an escape).
      if (end < value.length && /[\uD800-\uDBFF]/.test(value[end - 1])) end--
      await write(res, JSON.stringify(value.slice(i, end)).slice(1, -1))
      i = end
    }
    await write(res, '"')
    at = match.index + match[0].length
  }
  res.end(text.slice(at))
}

/**
 * Writes a chunk, then waits for the socket to take it (if it was full; or for the connection to close) and lets
 * other callbacks run.
 */
async function write(res: ServerResponse, chunk: string) {
  if (chunk && !res.write(chunk) && !res.destroyed)
    await new Promise<void>((resolve) => {
      res.once('drain', resolve)
      res.once('close', resolve)
    })
  await new Promise<void>((resolve) => setImmediate(resolve))
}
