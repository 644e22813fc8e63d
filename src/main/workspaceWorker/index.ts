import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Db } from '../db/connection'
import { tokenizeInThisThread } from '../evaluation/tokenizePool'
import { log } from '../logger'
import { errorOf, type FromWorker, type ToWorker, type WorkerSetup } from './protocol'
import { TASKS, type TaskInput, type TaskName, type TaskOutput } from './tasks'

export interface RunOptions {
  progress?: (done: number, total: number) => void
  signal?: AbortSignal
}

export interface WorkspaceWorker {
  /** Runs a heavy task off this thread and waits for its value (its error is thrown here, as it was thrown there). */
  run<K extends TaskName>(task: K, input: TaskInput<K>, options?: RunOptions): Promise<TaskOutput<K>>
  close(): Promise<void>
}

/**
 * The workspace's heavy operations (imports, exports, deletes, statistics, overlap, estimates' sizes, compacting)
 * run in one worker thread with its own connection to the workspace file, so the main thread — Electron's window,
 * serve's HTTP — keeps answering while they go. Started on first use; an idle worker does not keep the process
 * alive. If it cannot start (or dies), the tasks run in this thread on `db`, with a warning in the log: slower to
 * answer meanwhile, but nothing fails for it.
 */
export function workspaceWorker(options: {
  db: Db
  file: string
  nativeBinding?: string
  owner: string
  /** Never start the worker: every task runs in this thread (the command line). */
  inThisThread?: boolean
}) {
  let worker: Worker | null = null
  let broken = options.inThisThread === true
  let nextId = 0
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; progress?: RunOptions['progress'] }
  >()

  const fail = (error: Error) => {
    if (!broken) log.warn(`the workspace worker stopped (${error.message}); heavy tasks run in the main thread now`)
    broken = true
    worker = null
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }

  const start = () => {
    const fromSource = import.meta.url.endsWith('.ts')
    const script = new URL(fromSource ? './workerFromSource.mjs' : './workspaceWorker.js', import.meta.url)
    const setup: WorkerSetup = {
      file: options.file,
      nativeBinding: options.nativeBinding,
      owner: options.owner,
      tokenizeThreads: Math.max(1, Math.min(availableParallelism(), 4)),
    }
    const w = new Worker(script, { workerData: setup })
    w.on('message', (reply: FromWorker) => {
      const p = pending.get(reply.id)
      if (!p) return
      if (reply.type === 'progress') return p.progress?.(reply.done, reply.total)
      pending.delete(reply.id)
      if (reply.type === 'done') p.resolve(reply.value)
      else p.reject(errorOf(reply))
      if (pending.size === 0) w.unref()
    })
    w.on('error', fail)
    w.on('exit', (code) => {
      if (worker === w && pending.size > 0) fail(new Error(`the workspace worker exited with code ${code}`))
      if (worker === w) worker = null
    })
    worker = w
    return w
  }

  /** The same task in this thread (no worker). */
  const inThisThread = async <K extends TaskName>(task: K, input: TaskInput<K>, run: RunOptions) => {
    const fn = TASKS[task] as (c: unknown, input: unknown) => unknown
    return (await fn(
      {
        db: options.db,
        owner: options.owner,
        signal: run.signal ?? new AbortController().signal,
        progress: run.progress ?? (() => {}),
        tokenizeBatch: tokenizeInThisThread,
      },
      input,
    )) as TaskOutput<K>
  }

  const self: WorkspaceWorker = {
    run<K extends TaskName>(task: K, input: TaskInput<K>, run: RunOptions = {}) {
      if (broken) return inThisThread(task, input, run)
      const w = worker ?? start()
      w.ref()
      const id = nextId++
      return new Promise<TaskOutput<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, progress: run.progress })
        const cancel = () => worker?.postMessage({ type: 'cancel', id } satisfies ToWorker)
        if (run.signal?.aborted) cancel()
        else run.signal?.addEventListener('abort', cancel, { once: true })
        w.postMessage({ type: 'run', id, task, input } satisfies ToWorker)
      })
    },
    async close() {
      const w = worker
      worker = null
      await w?.terminate()
    },
  }
  return self
}
