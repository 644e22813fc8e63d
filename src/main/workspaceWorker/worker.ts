import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase, type Db } from '../db/connection'
import { createTokenizePool } from '../evaluation/tokenizePool'
import { errorReply, type FromWorker, type ToWorker, type WorkerSetup } from './protocol'
import { TASKS, type TaskName } from './tasks'

/**
 * The workspace worker: a thread with its own connection to the workspace file, running the heavy operations of
 * tasks.ts one after another (so their reads and short write transactions never interleave on this connection).
 */
const setup = workerData as WorkerSetup
let db: Db | null = null
const tokenizePool = createTokenizePool(setup.tokenizeThreads)
const controllers = new Map<number, AbortController>()
let queue: Promise<void> = Promise.resolve()
const send = (message: FromWorker) => parentPort!.postMessage(message)

async function run(message: Extract<ToWorker, { type: 'run' }>) {
  const controller = controllers.get(message.id)!
  let lastProgress = 0
  try {
    db ??= openDatabase(setup.file, { nativeBinding: setup.nativeBinding })
    const task = TASKS[message.task as TaskName] as (c: unknown, input: unknown) => unknown
    const value = await task(
      {
        db,
        owner: setup.owner,
        signal: controller.signal,
        tokenizeBatch: tokenizePool.tokenizeBatch,
        progress: (done: number, total: number) => {
          // At most one progress message every 100 ms; the host throttles what reaches the user further.
          const now = performance.now()
          if (now - lastProgress < 100 && done < total) return
          lastProgress = now
          send({ type: 'progress', id: message.id, done, total })
        },
      },
      message.input,
    )
    send({ type: 'done', id: message.id, value })
  } catch (error) {
    send(errorReply(message.id, error))
  } finally {
    controllers.delete(message.id)
  }
}

parentPort!.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') return controllers.get(message.id)?.abort()
  controllers.set(message.id, new AbortController())
  queue = queue.then(() => run(message))
})
