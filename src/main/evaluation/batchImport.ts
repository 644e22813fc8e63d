import type { BatchImportReport } from '@shared/evaluation'
import { WorkbenchError } from '@shared/errors'
import type { JudgeCacheRepo } from '../db/judgeCacheRepo'
import type { LlmCallRepo } from '../db/llmCallRepo'
import type { EndpointSecret } from '../llm/endpointService'
import { batchAnswerCall, type ChatBody } from './jobs/judgeBatch'

interface OutputLine {
  custom_id?: unknown
  response?: { status_code?: number; body?: ChatBody } | null
}

const HASH = /^[0-9a-f]{64}$/

/**
 * Imports the output of a batch run elsewhere (`vllm run-batch` on a file from exportEvaluationBatch, or a provider's
 * output file): each answer is logged as an LLM call of `endpoint` (purpose 'judge:batch-import', cost at
 * `priceFactor` of its live price) and then kept in the judge cache under its custom_id (the request's cache key), so
 * an analysis started with the same endpoint and settings finds it there. An answer the cache already holds is
 * skipped: importing a file twice stores and logs nothing the second time.
 */
export function importBatchOutput(
  deps: { calls: LlmCallRepo; cache: JudgeCacheRepo; write<T>(fn: () => T): T },
  endpoint: EndpointSecret,
  text: string,
  priceFactor: number,
): BatchImportReport {
  const report: BatchImportReport = { lines: 0, stored: 0, already: 0, failed: 0 }
  const answers: { customId: string; content: string }[] = []
  for (const [i, raw] of text.split('\n').entries()) {
    if (!raw.trim()) continue
    report.lines++
    let line: OutputLine
    try {
      line = JSON.parse(raw) as OutputLine
    } catch {
      throw new WorkbenchError('invalid_input', `line ${i + 1}: not JSON (expected a batch output line)`)
    }
    const customId = line.custom_id
    if (typeof customId !== 'string' || !HASH.test(customId))
      throw new WorkbenchError(
        'invalid_input',
        `line ${i + 1}: custom_id is not a request key of an exported batch file (64 hex digits)`,
      )
    const body = line.response?.status_code === 200 ? line.response.body : undefined
    const content = body?.choices?.[0]?.message?.content
    if (typeof content !== 'string') {
      report.failed++
      continue
    }
    if (deps.cache.get(customId) === content || answers.some((a) => a.customId === customId)) {
      report.already++
      continue
    }
    deps.calls.record(
      batchAnswerCall(endpoint, body!, content, {
        jobId: null,
        dialogueId: null,
        purpose: 'judge:batch-import',
        request: { custom_id: customId },
        priceFactor,
      }),
    )
    answers.push({ customId, content })
  }
  // The calls are in the log before the answers they produced.
  deps.calls.flush()
  deps.write(() => {
    for (const a of answers) deps.cache.put(a.customId, a.content)
  })
  report.stored = answers.length
  return report
}
