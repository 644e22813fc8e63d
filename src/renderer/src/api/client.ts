import type { ApiClient, EventMap, EventName, UploadReceipt, WorkbenchBridge, WorkbenchEvent } from '@shared/api'
import { WorkbenchError, type Envelope } from '@shared/errors'
import { createClient } from '@shared/client'

declare global {
  interface Window {
    workbench?: WorkbenchBridge
  }
}

/**
 * One client for the whole renderer. Inside Electron it speaks to the preload
 * bridge; in a browser (serve mode) it speaks HTTP + Server-Sent Events. The
 * serve adapter authenticates the page with a cookie, so no token is handled here.
 */
function httpBridge(): WorkbenchBridge {
  const listeners = new Set<(event: WorkbenchEvent) => void>()
  let source: EventSource | null = null
  const connect = () => {
    source = new EventSource('/api/events')
    source.onmessage = (message) => {
      const event = JSON.parse(message.data) as WorkbenchEvent
      for (const listener of listeners) listener(event)
    }
  }
  return {
    async call(method, input) {
      let response: Response
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        })
      } catch {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'The workbench server is not reachable. Is `npm run serve` still running?',
          },
        }
      }
      const text = await response.text()
      try {
        return JSON.parse(text) as Envelope
      } catch {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `Unexpected server answer (HTTP ${response.status}): ${text.slice(0, 200)}`,
          },
        }
      }
    },
    onEvent(listener) {
      listeners.add(listener)
      if (!source) connect()
      return () => listeners.delete(listener)
    },
    // XMLHttpRequest, not fetch: it reports how much of the body has gone.
    upload: (file, onProgress) =>
      new Promise<Envelope<UploadReceipt>>((resolve) => {
        const request = new XMLHttpRequest()
        request.open('POST', '/upload')
        request.setRequestHeader('content-type', 'application/octet-stream')
        request.upload.onprogress = (e) => onProgress?.(e.loaded, e.total)
        const unreachable = () =>
          resolve({
            ok: false,
            error: {
              code: 'internal',
              message: 'The workbench server is not reachable. Is `npm run serve` still running?',
            },
          })
        request.onerror = unreachable
        request.onload = () => {
          try {
            resolve(JSON.parse(request.responseText) as Envelope<UploadReceipt>)
          } catch {
            resolve({
              ok: false,
              error: {
                code: 'internal',
                message: `Unexpected server answer (HTTP ${request.status}): ${request.responseText.slice(0, 200)}`,
              },
            })
          }
        }
        request.send(file)
      }),
    // The browser's own download of GET /download/<id> (the session cookie admits it): nothing held in the page.
    download(downloadId) {
      const link = document.createElement('a')
      link.href = `/download/${encodeURIComponent(downloadId)}`
      link.style.display = 'none'
      document.body.appendChild(link)
      link.click()
      link.remove()
    },
  }
}

const bridge: WorkbenchBridge = typeof window !== 'undefined' && window.workbench ? window.workbench : httpBridge()

export const api: ApiClient = createClient((method, input) => bridge.call(method, input))

/** Sends a file as it is, where the transport can (serve mode); null where files go as base64 (desktop). */
export const uploadFile = bridge.upload
  ? async (file: Blob, onProgress?: (sent: number, total: number) => void): Promise<UploadReceipt> => {
      const envelope = await bridge.upload!(file, onProgress)
      if (envelope.ok) return envelope.value
      throw WorkbenchError.from(envelope.error)
    }
  : null

/** Saves a file the server wrote aside, where the transport can (serve mode); null where files come inline. */
export const downloadById = bridge.download ? (downloadId: string) => bridge.download!(downloadId) : null

export function onEvent<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): () => void {
  return bridge.onEvent((event) => {
    if (event.name === name) listener(event.payload as EventMap[K])
  })
}
