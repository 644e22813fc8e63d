import { gunzipSync } from 'node:zlib'
import type { RowError } from '@shared/roleCard'
import { unzipSync } from 'fflate'
import { decodeImportText } from '../../roleCards/decode'

export interface DatasetLimits {
  /** Size of the file as given (compressed or not). */
  maxBytes: number
  /** Size after gunzip, or the sum of a zip's entries. */
  maxUnpackedBytes: number
}

export interface ZipEntry {
  name: string
  bytes: Uint8Array
}

export type Unpacked =
  { kind: 'text'; text: string } | { kind: 'zip'; entries: ZipEntry[] } | { kind: 'error'; error: RowError }

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`

/** Gzip and zip are recognized by their magic bytes, whatever the file is called. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b
}

export function isZip(bytes: Uint8Array): boolean {
  // "PK\3\4" starts a zip with entries, "PK\5\6" an empty one.
  return (
    bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  )
}

/** Turns a file's bytes into its text (plain or gzip-compressed UTF-8) or its zip entries. */
export function unpack(fileName: string, bytes: Uint8Array, limits: DatasetLimits): Unpacked {
  const fail = (message: string): Unpacked => ({
    kind: 'error',
    error: { file: fileName, row: null, field: null, message },
  })
  if (bytes.length > limits.maxBytes) {
    return fail(
      `${fileName} is ${megabytes(bytes.length)}; the dataset import limit is ${megabytes(limits.maxBytes)}. Split it into smaller files.`,
    )
  }
  if (isZip(bytes)) return unpackZip(fileName, bytes, limits.maxUnpackedBytes)
  if (!isGzip(bytes)) return asText(decodeImportText(fileName, bytes, limits.maxBytes))

  let unpacked: Buffer
  try {
    unpacked = gunzipSync(bytes, { maxOutputLength: limits.maxUnpackedBytes })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return fail(
        `${fileName} decompresses to more than ${megabytes(limits.maxUnpackedBytes)}, the limit for a compressed dataset. Split it into smaller files.`,
      )
    }
    const reason = error instanceof Error ? error.message : String(error)
    return fail(
      `${fileName} could not be decompressed (${reason}): the gzip file is truncated or damaged. Download or compress it again.`,
    )
  }
  return asText(decodeImportText(`${fileName} (decompressed)`, unpacked, limits.maxUnpackedBytes), fileName)
}

function asText(decoded: ReturnType<typeof decodeImportText>, fileName?: string): Unpacked {
  if (decoded.ok) return { kind: 'text', text: decoded.text }
  return { kind: 'error', error: fileName ? { ...decoded.error, file: fileName } : decoded.error }
}

/**
 * Folders and hidden entries (macOS "__MACOSX/" and "._" files, ".ipynb_checkpoints/", ".DS_Store") are not
 * sessions and are skipped. Entry sizes are checked against the limit before anything is decompressed; fflate
 * decompresses into a buffer of the declared size, so an entry that lies about its size cannot grow past it.
 */
function unpackZip(fileName: string, bytes: Uint8Array, maxUnpackedBytes: number): Unpacked {
  let total = 0
  let tooLarge = false
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (tooLarge || isSkippedEntry(file.name)) return false
        total += file.originalSize
        tooLarge = total > maxUnpackedBytes
        return !tooLarge
      },
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      kind: 'error',
      error: {
        file: fileName,
        row: null,
        field: null,
        message: `${fileName} is not a readable zip archive (${reason}): it may be truncated or damaged.`,
      },
    }
  }
  if (tooLarge) {
    const message = `${fileName} unpacks to more than ${megabytes(maxUnpackedBytes)}, the limit for a zip dataset. Split it into smaller archives.`
    return { kind: 'error', error: { file: fileName, row: null, field: null, message } }
  }
  return { kind: 'zip', entries: Object.entries(files).map(([name, data]) => ({ name, bytes: data })) }
}

export function isSkippedEntry(name: string): boolean {
  if (name.endsWith('/')) return true
  return name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX')
}
