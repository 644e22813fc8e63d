import type { RowError } from '@shared/roleCard'

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

export type DecodeResult = { ok: true; text: string } | { ok: false; error: RowError }

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1)

/**
 * Turns an import file's bytes into text. Only UTF-8 (with or without BOM) is accepted; everything else gets a
 * message that says what the file seems to be and how to fix it. `maxBytes` lets other importers (datasets) set their
 * own limit.
 */
export function decodeImportText(
  fileName: string,
  bytes: Uint8Array,
  maxBytes: number = MAX_IMPORT_BYTES,
): DecodeResult {
  const fail = (message: string): DecodeResult => ({
    ok: false,
    error: { file: fileName, row: null, field: null, message },
  })

  if (bytes.length > maxBytes) {
    return fail(
      `${fileName} is ${megabytes(bytes.length)} MB; the import limit is ${megabytes(maxBytes)} MB. Split it into smaller files.`,
    )
  }
  if (bytes.length === 0) return fail(`${fileName} is empty.`)
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const order = bytes[0] === 0xff ? 'little-endian' : 'big-endian'
    return fail(`${fileName} is encoded as UTF-16 (${order}). Re-save it as UTF-8 and import it again.`)
  }

  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return fail(describeNonUtf8(fileName, bytes))
  }
  // Valid UTF-8 can still be UTF-16 without a BOM (ASCII text then shows up as NUL-separated characters).
  if (text.includes('\u0000')) {
    return fail(`${fileName} contains NUL bytes: it looks like UTF-16 text or a binary file. Re-save it as UTF-8 text.`)
  }
  if (text.trim() === '') return fail(`${fileName} contains only whitespace.`)
  return { ok: true, text }
}

function describeNonUtf8(fileName: string, bytes: Uint8Array): string {
  const offset = firstInvalidUtf8Offset(bytes)
  const where = `${fileName} is not valid UTF-8 (first bad byte at offset ${offset}).`
  if (looksLikeGb18030(bytes))
    return `${where} It looks like GBK/GB18030 (Chinese Windows encoding): re-save it as UTF-8 and import it again.`
  return `${where} Re-save it as UTF-8 and import it again.`
}

function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    return /\p{Script=Han}/u.test(text)
  } catch {
    return false
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

/** Byte offset of the first ill-formed UTF-8 sequence (Unicode table 3-7), or bytes.length if there is none. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    if (b < 0x80) {
      i++
      continue
    }
    let length: number
    let secondMin = 0x80
    let secondMax = 0xbf
    if (b >= 0xc2 && b <= 0xdf) length = 2
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3
      if (b === 0xe0) secondMin = 0xa0
      if (b === 0xed) secondMax = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4
      if (b === 0xf0) secondMin = 0x90
      if (b === 0xf4) secondMax = 0x8f
    } else return i
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k]
      const [min, max] = k === 1 ? [secondMin, secondMax] : [0x80, 0xbf]
      if (c === undefined || c < min || c > max) return i
    }
    i += length
  }
  return bytes.length
}
