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
  message: string
  details?: unknown
}

/** An error meant for the user: its message says what went wrong and where. */
export class WorkbenchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'WorkbenchError'
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, details: this.details }
  }

  static from(info: ErrorInfo): WorkbenchError {
    return new WorkbenchError(info.code, info.message, info.details)
  }
}

/** What every adapter carries back: a value or an error, never a bare throw. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo }
