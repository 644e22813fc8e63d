import OpenAI from 'openai'
import type { ConnectionCheck } from '@shared/endpoint'

export interface ConnectionTarget {
  baseURL: string
  model: string
  apiKey: string
  timeoutMs: number
}

/**
 * One tiny chat completion against the endpoint, with the failure turned into
 * something a user can act on. No retries: a check should answer fast.
 */
export async function checkConnection(target: ConnectionTarget): Promise<ConnectionCheck> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  let url: URL
  try {
    url = new URL(target.baseURL)
    if (!/^https?:$/.test(url.protocol)) throw new Error()
  } catch {
    return { ok: false, kind: 'bad_url', message: `"${target.baseURL}" is not an http(s) URL.`, latencyMs: 0 }
  }
  const client = new OpenAI({
    baseURL: target.baseURL,
    // Local servers (vLLM, Ollama) accept any key; the SDK insists on one.
    apiKey: target.apiKey || 'no-key',
    timeout: target.timeoutMs,
    maxRetries: 0,
    dangerouslyAllowBrowser: false,
  })
  try {
    const reply = await client.chat.completions.create({
      model: target.model,
      messages: [{ role: 'user', content: 'ping' }],
      max_tokens: 1,
    })
    if (!reply || !Array.isArray(reply.choices)) {
      return { ok: false, kind: 'bad_response', message: 'The server answered, but not with an OpenAI-style chat completion. Check the base URL (it usually ends in /v1).', latencyMs: elapsed() }
    }
    return { ok: true, kind: 'ok', message: `Connected: ${target.model} answered in ${elapsed()} ms.`, latencyMs: elapsed() }
  } catch (error) {
    return { ...describeFailure(error, target, url), latencyMs: elapsed() }
  }
}

function describeFailure(error: unknown, target: ConnectionTarget, url: URL): Omit<ConnectionCheck, 'latencyMs'> {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return { ok: false, kind: 'timeout', message: `No answer from ${url.host} within ${target.timeoutMs / 1000} s.` }
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = (error as { cause?: { code?: string; cause?: { code?: string } } }).cause
    const code = cause?.code ?? cause?.cause?.code ?? ''
    const why = code === 'ENOTFOUND' ? 'the host name does not resolve' : code === 'ECONNREFUSED' ? 'the connection was refused (is the server running?)' : code || error.message
    return { ok: false, kind: 'network', message: `Cannot reach ${url.host}: ${why}.` }
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status
    const detail = error.message?.replace(/^\d+\s*/, '').slice(0, 300)
    if (status === 401 || status === 403) {
      return { ok: false, kind: 'unauthorized', status, message: `The server refused the API key (HTTP ${status}). Check the key. ${detail ?? ''}`.trim() }
    }
    if (status === 404) {
      const modelProblem = /model/i.test(detail ?? '')
      return modelProblem
        ? { ok: false, kind: 'model_not_found', status, message: `The server does not know the model "${target.model}" (HTTP 404). ${detail}` }
        : { ok: false, kind: 'bad_url', status, message: `Nothing at ${target.baseURL}/chat/completions (HTTP 404). The base URL usually ends in /v1.` }
    }
    return { ok: false, kind: 'http_error', status, message: `The server answered HTTP ${status ?? '?'}: ${detail}` }
  }
  return { ok: false, kind: 'bad_response', message: `Unexpected answer: ${(error as Error)?.message ?? String(error)}`.slice(0, 400) }
}
