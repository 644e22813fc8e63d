import type { ExportedFile } from '@shared/api'

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Saves an exported file through a Blob link: works in Electron and in the browser. */
export function downloadFile(file: ExportedFile): void {
  const body = file.encoding === 'base64' ? base64ToBytes(file.content) : file.content
  const url = URL.createObjectURL(new Blob([body], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
