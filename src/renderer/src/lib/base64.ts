/**
 * Bytes → base64 without building one giant argument list: String.fromCharCode
 * with a 20 MB spread would overflow the stack. Chunks are a multiple of 3 bytes
 * so the per-chunk base64 pieces concatenate without padding in the middle.
 */
const CHUNK_BYTES = 3 * 16384

export function bytesToBase64(bytes: Uint8Array): string {
  const pieces: string[] = []
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const chunk = bytes.subarray(start, start + CHUNK_BYTES)
    let binary = ''
    for (let i = 0; i < chunk.length; i++) binary += String.fromCharCode(chunk[i])
    pieces.push(btoa(binary))
  }
  return pieces.join('')
}

export async function fileToBase64(file: File): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()))
}
