import type { RowError } from '@shared/roleCard'

export interface JsonSyntaxProblem {
  /** The parser's explanation without its "at position N" tail. */
  message: string
  /** 1-based; null when the parser did not say where. */
  line: number | null
  column: number | null
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem }

export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, problem: jsonSyntaxError(text, error) }
  }
}

/** V8 reports a character offset ("... in JSON at position 42"); people need a line and column. */
export function jsonSyntaxError(text: string, error: unknown): JsonSyntaxProblem {
  const raw = error instanceof Error ? error.message : String(error)
  const positionMatch = /\s*in JSON at position (\d+)(?:\s*\(line \d+ column \d+\))?/.exec(raw)
  let position: number | null = positionMatch ? Number(positionMatch[1]) : null
  if (position === null && /unexpected end of JSON input/i.test(raw)) position = text.length
  const message = (positionMatch ? raw.replace(positionMatch[0], '') : raw).trim()
  if (position === null) return { message, line: null, column: null }
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return { message, line, column }
}

export function describeJsonLocation(problem: JsonSyntaxProblem): string {
  return problem.line === null ? '' : ` (line ${problem.line}, column ${problem.column})`
}

/** JSON Lines: one value per line, blank lines skipped. Rows are line numbers (1-based), so they match an editor. */
export function splitJsonLines(
  fileName: string,
  text: string,
): { records: { row: number; value: unknown }[]; rows: number; errors: RowError[] } {
  const result: ReturnType<typeof splitJsonLines> = { records: [], rows: 0, errors: [] }
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine
    if (line.trim() === '') return
    const row = index + 1
    result.rows++
    try {
      result.records.push({ row, value: JSON.parse(line) })
    } catch (error) {
      const problem = jsonSyntaxError(line, error)
      const column = problem.column === null ? '' : ` (column ${problem.column})`
      result.errors.push({
        file: fileName,
        row,
        field: null,
        message: `line ${row} is not valid JSON: ${problem.message}${column}`,
      })
    }
  })
  return result
}
