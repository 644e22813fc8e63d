import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { expect } from 'vitest'

export interface Chunk {
  type: string
  data: Buffer
  crcOk: boolean
}

/** The PNG's chunks, read by the format's rules (length, type, data, CRC-32 over type and data). */
export function chunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const out: Chunk[] = []
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    const crcOk = png.readUInt32BE(offset + 8 + length) === crc32(png.subarray(offset + 4, offset + 8 + length))
    out.push({ type, data, crcOk })
    offset += 12 + length
  }
  return out
}

/** tEXt: keyword \0 Latin-1 text. iTXt: keyword \0 flag method language \0 translated \0 UTF-8 text. */
export function texts(png: Buffer): Record<string, string> {
  const found: Record<string, string> = {}
  for (const { type, data } of chunks(png)) {
    const end = data.indexOf(0)
    const key = data.toString('latin1', 0, end)
    if (type === 'tEXt') found[key] = data.toString('latin1', end + 1)
    if (type === 'iTXt') {
      const language = data.indexOf(0, end + 3)
      const translated = data.indexOf(0, language + 1)
      found[key] = data.toString('utf8', translated + 1)
    }
  }
  return found
}

/** A small real PNG as a canvas encodes one (no EXIF), here with a pHYs chunk of its own already. */
export const chart = async () => {
  const png = await sharp({ create: { width: 6, height: 4, channels: 3, background: { r: 0, g: 114, b: 178 } } })
    .png()
    .toBuffer()
  expect(chunks(png).map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND'])
  return png
}
