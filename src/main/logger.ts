import { chmodSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import pino, { type DestinationStream, type Level } from 'pino'
import { LOG_FILE } from './paths'

/**
 * The workbench's one logger. Every module logs through `log`; each entry point
 * (desktop app, serve, CLI) calls `configureLogger` once: a file in the
 * workspace's data folder keeps everything (JSON lines, for a bug report), the
 * terminal shows what a user needs to see. Secrets are removed here, in one
 * place, from every message and error before it is written anywhere.
 */

export type LogLevel = Extract<Level, 'debug' | 'info' | 'warn' | 'error'>

export interface LoggerOptions {
  /** JSON lines of every entry at `fileLevel` and above; the folder is created (0700), the file is 0600. */
  file?: string
  fileLevel?: LogLevel
  /** What the terminal shows (stderr), as plain lines; 'silent' for nothing. */
  console?: LogLevel | 'silent'
}

/** A log file past this size is kept as `<file>.1` and a new one is started. */
const ROTATE_BYTES = 10 * 1024 * 1024

const secrets = new Set<string>()

/** A value that must never be written to a log: API keys, tokens, passphrases. */
export function registerSecret(value: string | null | undefined) {
  if (value && value.length >= 6) secrets.add(value)
}

const PATTERNS: [RegExp, string][] = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi, '$1[secret]'],
  [/\b(sk-[A-Za-z0-9_-]{6,})/g, '[secret]'],
  [/([?&](?:token|annotator|api[_-]?key|key)=)[^&\s"']+/gi, '$1[secret]'],
  [/("?(?:api[_-]?key|apiKey|passphrase|password|token)"?\s*[:=]\s*"?)[^"\s,}]{6,}/gi, '$1[secret]'],
]

/** The text with every registered secret and every secret-looking value replaced by "[secret]". */
export function redact(text: string): string {
  let out = text
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[secret]')
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

type Method = 'debug' | 'info' | 'warn' | 'error'

/** The terminal gets the message and the error's own words; the file also gets the stack. */
function write(level: Method, message: string, error?: unknown) {
  if (!sink.isLevelEnabled(level)) return
  if (error === undefined) return sink[level](redact(message))
  const words = error instanceof Error ? error.message : String(error)
  const stack = error instanceof Error && error.stack ? { stack: redact(error.stack) } : {}
  sink[level](stack, redact(`${message}: ${words}`))
}

/** Plain lines on stderr for a person: the message, no JSON. */
function terminal(): DestinationStream {
  return {
    write(line: string) {
      try {
        const entry = JSON.parse(line) as { level: number; msg: string }
        process.stderr.write(`${entry.msg}\n`)
      } catch {
        process.stderr.write(line)
      }
    },
  }
}

function openFile(file: string): DestinationStream {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  if (existsSync(file) && statSync(file).size > ROTATE_BYTES) renameSync(file, `${file}.1`)
  const stream = pino.destination({ dest: file, sync: true, mkdir: true })
  chmodSync(file, 0o600)
  return stream
}

let sink: pino.Logger = pino({ level: 'silent' })

/** Where log entries go from now on (entry points call this once; tests may call it to read the log). */
export function configureLogger(options: LoggerOptions) {
  const streams: pino.StreamEntry[] = []
  if (options.file) streams.push({ level: options.fileLevel ?? 'info', stream: openFile(options.file) })
  if (options.console && options.console !== 'silent') streams.push({ level: options.console, stream: terminal() })
  if (streams.length === 0) {
    sink = pino({ level: 'silent' })
    return
  }
  const lowest = streams.map((s) => pino.levels.values[s.level as string]).reduce((a, b) => Math.min(a, b))
  sink = pino({ level: pino.levels.labels[lowest], base: { pid: process.pid } }, pino.multistream(streams))
}

/**
 * How the entry points log: the workspace's log file keeps everything from info up (with the stacks); the terminal
 * shows `console` and up as plain lines.
 */
export function logToWorkspace(dataDir: string, console: LogLevel) {
  configureLogger({ file: join(dataDir, LOG_FILE), fileLevel: 'info', console })
}

/** Log entries: a message, and optionally the error behind it (its stack goes to the file only). */
export const log = {
  debug: (message: string, error?: unknown) => write('debug', message, error),
  info: (message: string, error?: unknown) => write('info', message, error),
  warn: (message: string, error?: unknown) => write('warn', message, error),
  error: (message: string, error?: unknown) => write('error', message, error),
}
