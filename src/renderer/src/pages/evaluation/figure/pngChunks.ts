/**
 * Adds metadata chunks to a PNG: pHYs (its resolution, so 300 dpi is known to
 * layout programs), tEXt for short Latin-1 keys and iTXt (UTF-8) for text that
 * may be Chinese, such as the provenance.
 */
let crcTable: Uint32Array | null = null

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

const latin1 = (text: string) => Uint8Array.from(text.replace(/[^\x20-\xff\n]/g, '?'), (c) => c.charCodeAt(0))
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function pHYs(dpi: number): Uint8Array {
  const data = new Uint8Array(9)
  const view = new DataView(data.buffer)
  const perMetre = Math.round(dpi / 0.0254)
  view.setUint32(0, perMetre)
  view.setUint32(4, perMetre)
  data[8] = 1
  return chunk('pHYs', data)
}

const tEXt = (key: string, value: string) => chunk('tEXt', concat([latin1(key), new Uint8Array([0]), latin1(value)]))
/** keyword \0 compression-flag compression-method language \0 translated-keyword \0 text (UTF-8). */
const iTXt = (key: string, value: string) =>
  chunk('iTXt', concat([latin1(key), new Uint8Array([0, 0, 0, 0, 0]), new TextEncoder().encode(value)]))

/** The PNG with its resolution and text inserted right after the header chunk (IHDR); an earlier pHYs is replaced. */
export function withPngMetadata(
  png: Uint8Array,
  dpi: number,
  text: { latin1: Record<string, string>; utf8: Record<string, string> },
): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const parts: Uint8Array[] = [png.subarray(0, 8)]
  const extra = [
    pHYs(dpi),
    ...Object.entries(text.latin1).map(([k, v]) => tEXt(k, v)),
    ...Object.entries(text.utf8).map(([k, v]) => iTXt(k, v)),
  ]
  for (let offset = 8; offset + 12 <= png.length;) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8))
    const end = offset + 12 + length
    if (type !== 'pHYs') parts.push(png.subarray(offset, end))
    if (type === 'IHDR') parts.push(...extra)
    offset = end
  }
  return concat(parts)
}
