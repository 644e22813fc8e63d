import { WorkbenchError, type ErrorInfo } from '@shared/errors'
import type { TaskName } from './tasks'

/** What the worker is started with. */
export interface WorkerSetup {
  file: string
  nativeBinding?: string
  owner: string
  tokenizeThreads: number
}

export type ToWorker = { type: 'run'; id: number; task: TaskName; input: unknown } | { type: 'cancel'; id: number }

export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: ErrorInfo | null; message: string; stack?: string }

/** A task's error as a message: a WorkbenchError keeps its code, key and details; any other its message and stack. */
export function errorReply(id: number, error: unknown): FromWorker {
  if (error instanceof WorkbenchError) return { type: 'failed', id, error: error.toInfo(), message: error.message }
  const e = error instanceof Error ? error : new Error(String(error))
  return { type: 'failed', id, error: null, message: e.message, stack: e.stack }
}

/** The error a failed reply stands for, thrown again in the calling thread. */
export function errorOf(reply: Extract<FromWorker, { type: 'failed' }>): Error {
  if (reply.error) return WorkbenchError.from(reply.error)
  const error = new Error(reply.message)
  if (reply.stack) error.stack = reply.stack
  return error
}
