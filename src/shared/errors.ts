import { formatMessage, type MessageKey, type MessageParams } from './messages'

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'import_failed'
  | 'too_large'
  | 'schema_too_new'
  | 'unknown_method'
  | 'unauthorized'
  | 'internal'

export interface ErrorInfo {
  code: ErrorCode
  /** In English (the CLI prints it, the log keeps it); from the template of `key` when there is one. */
  message: string
  details?: unknown
  /** The message's key in src/shared/messages.ts, for the renderer to word it in the interface language. */
  key?: string
  params?: MessageParams
}

/** A message by its key in src/shared/messages.ts and its parameters. */
export interface KeyedMessage {
  key: MessageKey
  params?: MessageParams
}

/** An error meant for the user: its message says what went wrong and where. */
export class WorkbenchError extends Error {
  readonly key?: string
  readonly params?: MessageParams

  constructor(
    readonly code: ErrorCode,
    message: string | KeyedMessage,
    readonly details?: unknown,
  ) {
    super(typeof message === 'string' ? message : formatMessage(message.key, message.params))
    this.name = 'WorkbenchError'
    if (typeof message !== 'string') {
      this.key = message.key
      this.params = message.params ?? {}
    }
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, details: this.details }
    if (this.key) Object.assign(info, { key: this.key, params: this.params })
    return info
  }

  /** The error an envelope carries, as it was thrown (a key unknown to this side is kept: the message stands). */
  static from(info: ErrorInfo): WorkbenchError {
    const error = new WorkbenchError(info.code, info.message, info.details)
    if (typeof info.key === 'string') Object.assign(error, { key: info.key, params: info.params ?? {} })
    return error
  }
}

/** What every adapter carries back: a value or an error, never a bare throw. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo }
