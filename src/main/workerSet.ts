import { Worker } from 'node:worker_threads'

/**
 * Worker threads that answer requests matched by id (`{ id, ... }` in, `{ id, ... }` out), started on first use.
 * Idle workers do not keep the process alive, busy ones do. A worker error rejects every pending request and marks
 * the set broken, so callers fall back to their own thread. `script` is the caller's: a bootstrap that registers tsx
 * when run from TypeScript sources, the bundled worker in the built app.
 */
export function workerSet<Reply extends { id: number }>(script: URL, size: number) {
  let workers: Worker[] | null = null
  let broken = false
  let nextId = 0
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>()

  const start = () => {
    workers = Array.from({ length: size }, () => {
      const worker = new Worker(script)
      worker.on('message', (reply: Reply) => {
        pending.get(reply.id)?.resolve(reply)
        pending.delete(reply.id)
        if (pending.size === 0) for (const w of workers ?? []) w.unref()
      })
      worker.on('error', (error) => {
        broken = true
        for (const p of pending.values()) p.reject(error)
        pending.clear()
      })
      worker.unref()
      return worker
    })
    return workers
  }

  return {
    size,
    /** True once a worker failed: callers do the work in their own thread from then on. */
    get broken() {
      return broken
    },
    /** Sends the message (with a fresh id) to worker `index` (modulo the size) and waits for its reply. */
    request(index: number, message: object): Promise<Reply> {
      const worker = (workers ?? start())[index % size]
      worker.ref()
      return new Promise<Reply>((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject })
        worker.postMessage({ ...message, id })
      })
    },
    async close() {
      await Promise.all((workers ?? []).map((w) => w.terminate()))
      workers = null
    },
  }
}
