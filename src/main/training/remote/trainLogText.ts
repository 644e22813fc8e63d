/** Reading train.log (LLaMA-Factory's stdout and stderr): a readable tail and why a run failed. */

const MAX_TAIL_LINES = 60
const MAX_REASON_CHARS = 500

/**
 * Lines as a terminal would show them: progress bars redraw with \r, so only the text
 * after a line's last \r is kept; ANSI colours are removed.
 */
export function logLines(text: string): string[] {
  return (
    text
      // Terminal colour codes (ESC [ ... letter) that trainers print.
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
      .split('\n')
      .map((line) => {
        const parts = line.split('\r').filter((p) => p.trim())
        return (parts[parts.length - 1] ?? '').trimEnd()
      })
  )
}

/** The last lines of the log for the job view (the first line of a byte tail may be cut: dropped). */
export function logTail(text: string, { cutStart }: { cutStart: boolean }): string {
  const lines = logLines(text)
  if (cutStart) lines.shift()
  while (lines.length && !lines[lines.length - 1]) lines.pop()
  return lines.slice(-MAX_TAIL_LINES).join('\n')
}

const clip = (line: string) =>
  (line.length > MAX_REASON_CHARS ? line.slice(0, MAX_REASON_CHARS - 1) + '…' : line).trim()

// A Python exception line: `ValueError: …`, `torch.OutOfMemoryError: CUDA out of memory…`, `yaml.scanner.ScannerError:
// …`.
const EXCEPTION = /^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)|AssertionError|KeyError)(:.*)?$/
// Telling lines of failures that do not end in a Python traceback (CUDA, the shell, torchrun, the OOM killer).
const TELLING = [
  /CUDA out of memory/i,
  /CUDA error/i,
  /NCCL/i,
  /command not found/i,
  /No such file or directory/i,
  /Killed/,
  /\berror\b/i,
]

/**
 * Why a run failed, in the log's own words: the last exception line of a Python traceback,
 * else the last line that looks like an error, else null.
 */
export function failureFromLog(text: string): string | null {
  const lines = logLines(text)
    .map((l) => l.trim())
    .filter(Boolean)
  // A traceback can start mid-line: a tqdm bar is redrawn with \r and never ends its line when training dies.
  const lastTraceback = lines.findLastIndex((l) => l.includes('Traceback (most recent call last)'))
  if (lastTraceback >= 0) {
    const exception = lines.slice(lastTraceback + 1).findLast((l) => EXCEPTION.test(l))
    if (exception) return clip(exception)
  }
  for (const pattern of TELLING) {
    const line = lines.findLast((l) => pattern.test(l))
    if (line) return clip(line)
  }
  const exception = lines.findLast((l) => EXCEPTION.test(l))
  return exception ? clip(exception) : null
}

/** The failure reason shown for a run that exited with a non-zero code. */
export function describeFailure(exitCode: number, log: string): string {
  const fromLog = failureFromLog(log)
  const code =
    exitCode === 127
      ? 'exit code 127: command not found'
      : exitCode > 128
        ? `exit code ${exitCode}: killed by signal ${exitCode - 128}`
        : `exit code ${exitCode}`
  if (fromLog) return `${fromLog} (${code})`
  const last = logLines(log)
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1)
  return `llamafactory-cli ended with ${code}${last ? `; the log's last line: ${clip(last)}` : ' and an empty log'}.`
}
