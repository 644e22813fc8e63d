import { WorkbenchError, type ErrorCode } from '@shared/errors'

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

export function hasErrorCode(error: unknown, code: ErrorCode): error is WorkbenchError {
  return error instanceof WorkbenchError && error.code === code
}
